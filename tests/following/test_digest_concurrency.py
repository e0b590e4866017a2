"""Two digest runs at once mail every subscriber once."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from commitments.models import Event
from following import digest
from following.models import Delivery, Subscription
from tests.commitments.test_overdue_concurrency import run_in_threads
from tests.factories import CommitmentFactory, EventFactory, PersonFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_digest_runs_at_once_mail_each_subscriber_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; run with DATABASE_URL=postgres://...")
    minister = PersonFactory()
    confirmed_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
    Subscription.objects.bulk_create(
        Subscription(email=f"w{i}@example.org", target="minister", person=minister, confirmed_at=confirmed_at)
        for i in range(60)
    )
    for _ in range(3):
        EventFactory(commitment=CommitmentFactory(made_by=minister))

    results = run_in_threads(lambda: digest.send_digests(timezone.now()))

    assert sum(r.sent for r in results) == 60
    assert sorted(m.to[0] for m in mail.outbox) == sorted(f"w{i}@example.org" for i in range(60))
    assert Delivery.objects.count() == 60 * 3
    assert not Event.objects.unprocessed().exists()
