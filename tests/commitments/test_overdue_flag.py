"""The overdue flag is a row of its own: what moving it there must not break."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from commitments import overdue
from commitments.models import Commitment, Event, OverdueFlag
from tests.factories import CommitmentFactory, DeadlineFactory

JAN_1 = datetime.date(2021, 1, 1)


@pytest.mark.django_db
def test_flagging_leaves_the_commitment_row_and_its_history_untouched():
    commitment = DeadlineFactory().commitment
    commitment.refresh_current_deadline()
    before = Commitment.objects.filter(pk=commitment.pk).values().get()
    history = commitment.history.count()

    assert overdue.update_overdue(JAN_1).flagged == 1

    assert Commitment.objects.filter(pk=commitment.pk).values().get() == before
    assert commitment.history.count() == history
    assert Commitment.objects.get(pk=commitment.pk).overdue_since == JAN_1


@pytest.mark.django_db
def test_deleting_a_commitment_deletes_its_flag_and_events_without_a_database_key():
    """Neither table has a foreign key in the database (see OverdueFlag); Django's cascade must
    remove them, or a deleted promise would still count as overdue and feed events."""
    commitment = DeadlineFactory().commitment
    commitment.refresh_current_deadline()
    overdue.update_overdue(JAN_1)
    assert OverdueFlag.objects.filter(commitment=commitment).exists()

    commitment.delete()

    assert not OverdueFlag.objects.exists()
    assert not Event.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_every_flag_set_before_it():
    """Upgrading moves overdue_since out of the commitment's row; no flag may be lost on the way."""
    before, after = [("commitments", "0004_api_list_index")], [("commitments", "0005_overdue_flag")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    person = old.get_model("transcripts", "Person").objects.create(name="Minister", slug="minister")
    document = old.get_model("transcripts", "Document").objects.create(title="t", raw_text="t", sha256="1" * 64)
    speech = old.get_model("transcripts", "Speech").objects.create(
        document=document, order=1, speaker=person, speaker_name="Minister", text="t", start_line=1, end_line=1
    )
    OldCommitment = old.get_model("commitments", "Commitment")
    late = OldCommitment.objects.create(speech=speech, made_by=person, quote="q", line=1, title="late",
                                        current_deadline_latest=datetime.date(2020, 12, 31), overdue_since=JAN_1)
    on_time = OldCommitment.objects.create(speech=speech, made_by=person, quote="q", line=2, title="on time")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    new = executor.loader.project_state(after).apps
    flags = dict(new.get_model("commitments", "OverdueFlag").objects.values_list("commitment_id", "since"))
    assert flags == {late.pk: JAN_1}
    assert on_time.pk not in flags

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_inside_a_transaction_every_range_runs_on_the_callers_connection():
    """Only the caller's connection sees its uncommitted commitments: a pool of connections
    (`workers`) inside a transaction would flag nothing."""
    for _ in range(30):
        CommitmentFactory(current_deadline_latest=datetime.date(2020, 12, 31))
    first = Commitment.objects.order_by("pk").first().pk

    result = overdue.update_overdue(JAN_1, batch_size=7, workers=2)

    assert result.flagged == 30
    assert OverdueFlag.objects.filter(since=JAN_1).count() == 30
    assert Commitment.objects.order_by("-pk").first().pk // 7 > first // 7  # several ranges were used


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_ranges_run_side_by_side_and_each_flag_has_one_event():
    if connection.vendor != "postgresql":
        pytest.skip("the pool of connections is PostgreSQL's; run with DATABASE_URL=postgres://...")
    for _ in range(40):
        CommitmentFactory(current_deadline_latest=datetime.date(2020, 12, 31))

    assert overdue.update_overdue(JAN_1, batch_size=5, workers=3).flagged == 40

    assert OverdueFlag.objects.count() == 40
    assert sorted(Event.objects.values_list("commitment_id", flat=True)) == sorted(
        OverdueFlag.objects.values_list("commitment_id", flat=True)
    )
