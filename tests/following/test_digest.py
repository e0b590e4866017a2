"""The daily digest: each subscriber gets the events they follow, once; one refusal harms no one else."""

import datetime
import logging

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from commitments.models import Event, ReviewState
from following import digest
from following.models import MAX_FAILED_ATTEMPTS, Delivery, Subscription
from tests.factories import CommitmentFactory, EventFactory, PersonFactory, PolicyFieldFactory
from tests.following.mail_backends import REFUSED

pytestmark = pytest.mark.django_db

CONFIRMED_AT = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)


def follow(followed, email: str = "w@example.org", **fields) -> Subscription:
    fields = {"confirmed_at": CONFIRMED_AT, **fields}
    return Subscription.objects.create(email=email, **Subscription.target_for(followed), **fields)


def run() -> digest.DigestResult:
    return digest.send_digests(timezone.now())


@pytest.fixture
def somers():
    return PersonFactory(name="Bart Somers", slug="bart-somers")


@pytest.fixture
def commitment(somers):
    return CommitmentFactory(made_by=somers, title="Omzendbrief anders werken",
                             policy_field=PolicyFieldFactory(name="Binnenlands bestuur"))


def test_a_subscriber_gets_the_events_of_the_minister_they_follow(somers, commitment):
    follow(somers)
    overdue_event = EventFactory(commitment=commitment, kind=Event.Kind.BECAME_OVERDUE,
                                 happened_on=datetime.date(2021, 1, 1), detail={"deadline": "2020-12-31"})
    EventFactory(kind=Event.Kind.BECAME_OVERDUE)  # another minister's

    result = run()

    assert result.sent == 1 and result.events_sent == 1
    (message,) = mail.outbox
    assert message.to == ["w@example.org"]
    assert message.subject == "Bart Somers: 1 update"
    assert "Overdue: Omzendbrief anders werken" in message.body
    assert f"http://127.0.0.1:8000/commitments/{commitment.pk}/" in message.body
    assert Delivery.objects.get().event == overdue_event


def test_digest_mails_carry_one_click_unsubscribe_headers(somers, commitment):
    subscription = follow(somers)
    EventFactory(commitment=commitment)
    run()
    (message,) = mail.outbox
    url = f"http://127.0.0.1:8000/follow/unsubscribe/{subscription.token}/"
    assert message.extra_headers["List-Unsubscribe"] == f"<{url}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body


def test_subscriptions_to_a_field_and_to_a_commitment_get_their_events(commitment):
    follow(commitment.policy_field, email="field@example.org")
    follow(commitment, email="one@example.org")
    EventFactory(commitment=commitment)
    run()
    assert sorted(m.to[0] for m in mail.outbox) == ["field@example.org", "one@example.org"]


def test_a_second_run_sends_nothing(somers, commitment):
    follow(somers)
    EventFactory(commitment=commitment)
    run()
    assert run() == digest.DigestResult(sent=0, events_sent=0, failed=0, processed=0)
    assert len(mail.outbox) == 1


def test_events_are_marked_processed_once_everyone_was_sent_them(somers, commitment):
    follow(somers)
    event = EventFactory(commitment=commitment)
    unfollowed = EventFactory()
    result = run()
    assert result.processed == 2
    event.refresh_from_db()
    unfollowed.refresh_from_db()
    assert event.processed_at is not None
    assert unfollowed.processed_at is not None  # news for nobody: processed, nothing sent
    assert not Event.objects.unprocessed().exists()


def test_only_new_events_go_out_the_next_day(somers, commitment):
    follow(somers)
    EventFactory(commitment=commitment, kind=Event.Kind.BECAME_OVERDUE)
    run()
    EventFactory(commitment=commitment, kind=Event.Kind.FULFILLED, detail={"from": "open", "to": "fulfilled"})
    run()
    assert len(mail.outbox) == 2
    assert "Fulfilled: Omzendbrief" in mail.outbox[1].body
    assert "Overdue:" not in mail.outbox[1].body


def test_pending_and_unsubscribed_subscriptions_get_nothing(somers, commitment):
    follow(somers, email="pending@example.org", confirmed_at=None)
    follow(somers, email="gone@example.org", unsubscribed_at=CONFIRMED_AT)
    EventFactory(commitment=commitment)
    result = run()
    assert mail.outbox == []
    assert result.processed == 1


def test_a_new_subscriber_does_not_get_what_happened_before_they_confirmed(somers, commitment):
    EventFactory(commitment=commitment)
    follow(somers, confirmed_at=timezone.now() + datetime.timedelta(seconds=1))
    run()
    assert mail.outbox == []
    assert not Event.objects.unprocessed().exists()


def test_events_of_suggested_commitments_wait_for_the_review(somers):
    suggested = CommitmentFactory(made_by=somers, review_state=ReviewState.SUGGESTED)
    follow(somers)
    event = EventFactory(commitment=suggested)
    run()
    assert mail.outbox == []
    event.refresh_from_db()
    assert event.processed_at is None

    suggested.review_state = ReviewState.CONFIRMED
    suggested.save()
    run()
    assert len(mail.outbox) == 1
    event.refresh_from_db()
    assert event.processed_at is not None


def test_events_of_rejected_commitments_are_processed_without_mail(somers):
    rejected = CommitmentFactory(made_by=somers, review_state=ReviewState.REJECTED)
    follow(somers)
    event = EventFactory(commitment=rejected)
    assert run().processed == 1
    assert mail.outbox == []
    event.refresh_from_db()
    assert event.processed_at is not None


def test_events_are_listed_oldest_first_in_one_mail(somers, commitment):
    follow(somers)
    EventFactory(commitment=commitment, kind=Event.Kind.BECAME_OVERDUE)
    EventFactory(commitment=commitment, kind=Event.Kind.DEADLINE_MOVED,
                 detail={"from": {"text": "eind 2020", "latest": "2020-12-31"},
                         "to": {"text": "midden 2021", "latest": "2021-06-30"}, "later": True})
    run()
    (message,) = mail.outbox
    assert message.subject == "Bart Somers: 2 updates"
    assert message.body.index("Overdue:") < message.body.index("Deadline moved:")
    assert "'eind 2020'" in message.body and "'midden 2021'" in message.body


# --- One bad subscription --------------------------------------------------------------------------------


@override_settings(EMAIL_BACKEND="tests.following.mail_backends.RefusingBackend")
def test_a_refused_address_is_logged_and_set_aside_without_losing_the_others(somers, commitment, caplog):
    refused = follow(somers, email=REFUSED)
    fine = follow(somers, email="fine@example.org")
    event = EventFactory(commitment=commitment)

    with caplog.at_level(logging.WARNING, logger="following.digest"):
        result = run()

    assert result.sent == 1 and result.failed == 1
    assert [m.to for m in mail.outbox] == [["fine@example.org"]]
    assert f"digest for subscription {refused.pk} refused" in caplog.text
    refused.refresh_from_db()
    assert refused.failed_attempts == 1
    assert "mailbox unavailable" in refused.last_error
    # Sent to one, not to the other: the event is not processed, and the refused one has no Delivery.
    assert list(Delivery.objects.values_list("subscription", flat=True)) == [fine.pk]
    event.refresh_from_db()
    assert event.processed_at is None


@override_settings(EMAIL_BACKEND="tests.following.mail_backends.RefusingBackend")
def test_a_refused_address_is_tried_again_and_the_others_are_not_mailed_twice(somers, commitment):
    refused = follow(somers, email=REFUSED)
    follow(somers, email="fine@example.org")
    EventFactory(commitment=commitment)
    run()
    # The mailbox works again the next day.
    Subscription.objects.filter(pk=refused.pk).update(email="fixed@example.org")
    result = run()
    assert result.sent == 1
    assert [m.to for m in mail.outbox] == [["fine@example.org"], ["fixed@example.org"]]
    refused.refresh_from_db()
    assert refused.failed_attempts == 0 and refused.last_error == ""
    assert not Event.objects.unprocessed().exists()


@override_settings(EMAIL_BACKEND="tests.following.mail_backends.RefusingBackend")
def test_an_address_refused_again_and_again_is_set_aside_and_stops_holding_events_back(somers, commitment):
    refused = follow(somers, email=REFUSED)
    EventFactory(commitment=commitment)
    for _ in range(MAX_FAILED_ATTEMPTS):
        run()
    refused.refresh_from_db()
    assert refused.failed_attempts == MAX_FAILED_ATTEMPTS
    assert not Subscription.objects.active().exists()
    assert not Event.objects.unprocessed().exists()
    assert run() == digest.DigestResult()


@override_settings(EMAIL_BACKEND="tests.following.mail_backends.DownBackend")
def test_a_mail_server_that_is_down_stops_the_run_to_be_retried(somers, commitment):
    subscription = follow(somers)
    EventFactory(commitment=commitment)
    with pytest.raises(ConnectionRefusedError):
        run()
    subscription.refresh_from_db()
    assert subscription.failed_attempts == 0  # not the subscriber's fault
    assert Event.objects.unprocessed().count() == 1
    assert not Delivery.objects.exists()


def test_the_digest_queries_do_not_grow_with_the_events(somers, django_assert_max_num_queries):
    follow(somers)
    for _ in range(30):
        EventFactory(commitment=CommitmentFactory(made_by=somers))
    with django_assert_max_num_queries(12):
        run()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Bart Somers: 30 updates"
