"""The overdue job: flagged the day after the deadline, cleared when that stops being true."""

import datetime

import pytest

from commitments import overdue
from commitments.models import Commitment, Event, ReviewState
from commitments.review import set_status
from tests.factories import CommitmentFactory, DeadlineFactory, MentionFactory

pytestmark = pytest.mark.django_db

DEC_30 = datetime.date(2020, 12, 30)
DEC_31 = datetime.date(2020, 12, 31)
JAN_1 = datetime.date(2021, 1, 1)
JAN_2 = datetime.date(2021, 1, 2)


def due(latest: datetime.date = DEC_31, **commitment_fields) -> Commitment:
    """A commitment whose one confirmed deadline ends on `latest`."""
    deadline = DeadlineFactory(latest=latest, commitment=CommitmentFactory(**commitment_fields))
    commitment = deadline.commitment
    commitment.refresh_current_deadline()
    return commitment


def events(commitment: Commitment, kind: str | None = None) -> list[Event]:
    qs = Event.objects.filter(commitment=commitment).order_by("id")
    return list(qs.filter(kind=kind) if kind else qs)


def state(commitment: Commitment) -> datetime.date | None:
    commitment.refresh_from_db()
    return commitment.overdue_since


# --- Stepping across the deadline -----------------------------------------------------------------


def test_not_overdue_the_day_before_the_deadline():
    commitment = due(DEC_31)
    assert overdue.update_overdue(DEC_30).flagged == 0
    assert state(commitment) is None
    assert events(commitment) == []


def test_not_overdue_on_the_deadline_itself():
    # "by 31 December" is kept if it is kept on 31 December.
    commitment = due(DEC_31)
    assert overdue.update_overdue(DEC_31).flagged == 0
    assert state(commitment) is None


def test_overdue_the_day_after_the_deadline_since_that_day():
    commitment = due(DEC_31)
    result = overdue.update_overdue(JAN_1)
    assert result.flagged == 1
    assert state(commitment) == JAN_1
    (event,) = events(commitment)
    assert event.kind == Event.Kind.BECAME_OVERDUE
    assert event.happened_on == JAN_1
    assert event.detail == {"deadline": "2020-12-31"}
    assert event.processed_at is None
    assert event.created_at is not None


def test_flagged_late_still_overdue_since_the_day_after_the_deadline():
    # The job did not run for a month: the flag still says when it became overdue.
    commitment = due(DEC_31)
    overdue.update_overdue(datetime.date(2021, 2, 1))
    assert state(commitment) == JAN_1
    assert events(commitment)[0].happened_on == JAN_1


def test_days_overdue_counts_from_overdue_since():
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    commitment.refresh_from_db()
    assert commitment.days_overdue(JAN_1) == 0
    assert commitment.days_overdue(datetime.date(2021, 1, 11)) == 10


def test_a_second_run_changes_nothing_and_writes_no_events():
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    assert overdue.update_overdue(JAN_1) == overdue.OverdueResult(0, 0, 0)
    assert overdue.update_overdue(JAN_2) == overdue.OverdueResult(0, 0, 0)
    assert len(events(commitment)) == 1


def test_commitment_without_deadline_is_never_overdue():
    commitment = CommitmentFactory()
    overdue.update_overdue(datetime.date(2030, 1, 1))
    assert state(commitment) is None


def test_only_the_current_deadline_counts():
    commitment = due(DEC_31)
    DeadlineFactory(commitment=commitment, text="eind 2021", stated_in=None, latest=datetime.date(2021, 12, 31),
                    stated_on=datetime.date(2020, 11, 1))
    commitment.refresh_current_deadline()
    overdue.update_overdue(JAN_1)
    assert state(commitment) is None


# --- Which commitments -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Commitment.Status.OPEN, Commitment.Status.PARTLY_FULFILLED,
                                    Commitment.Status.DELAYED])
def test_open_partly_fulfilled_and_delayed_commitments_are_flagged(status):
    commitment = due(DEC_31, status=status)
    overdue.update_overdue(JAN_1)
    assert state(commitment) == JAN_1


@pytest.mark.parametrize("status", [Commitment.Status.FULFILLED, Commitment.Status.ABANDONED])
def test_fulfilled_and_abandoned_commitments_are_never_flagged(status):
    commitment = due(DEC_31, status=status)
    overdue.update_overdue(JAN_1)
    assert state(commitment) is None
    assert events(commitment) == []


def test_rejected_commitments_are_never_flagged():
    commitment = due(DEC_31, review_state=ReviewState.REJECTED)
    overdue.update_overdue(JAN_1)
    assert state(commitment) is None
    assert events(commitment) == []


def test_suggested_commitments_are_flagged_but_their_events_are_not_public():
    commitment = due(DEC_31, review_state=ReviewState.SUGGESTED)
    overdue.update_overdue(JAN_1)
    assert state(commitment) == JAN_1
    assert len(events(commitment, Event.Kind.BECAME_OVERDUE)) == 1
    assert not Event.objects.public().filter(commitment=commitment).exists()
    assert Commitment.objects.public().flagged_overdue().count() == 0


def test_a_suggested_commitment_confirmed_later_is_already_flagged_and_its_event_becomes_public():
    commitment = due(DEC_31, review_state=ReviewState.SUGGESTED)
    overdue.update_overdue(JAN_1)
    Commitment.objects.filter(pk=commitment.pk).update(review_state=ReviewState.CONFIRMED)
    assert Event.objects.public().filter(commitment=commitment, kind=Event.Kind.BECAME_OVERDUE).count() == 1


# --- Clearing ---------------------------------------------------------------------------------------


def test_fulfilled_clears_overdue_with_events():
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    commitment.refresh_from_db()
    set_status(commitment, Commitment.Status.FULFILLED, None, JAN_2)
    assert state(commitment) is None
    kinds = [e.kind for e in events(commitment)]
    assert kinds == [Event.Kind.BECAME_OVERDUE, Event.Kind.FULFILLED, Event.Kind.NO_LONGER_OVERDUE]
    # The job agrees and writes nothing more.
    assert overdue.update_overdue(JAN_2) == overdue.OverdueResult(0, 0, 0)


@pytest.mark.parametrize("status", [Commitment.Status.FULFILLED, Commitment.Status.ABANDONED])
def test_status_changed_without_the_review_functions_is_cleared_by_the_job(status):
    # An edit that bypassed set_status (a data fix in the shell, an import) is caught next run.
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    Commitment.objects.filter(pk=commitment.pk).update(status=status)
    result = overdue.update_overdue(JAN_2)
    assert result.cleared == 1
    assert state(commitment) is None
    event = events(commitment, Event.Kind.NO_LONGER_OVERDUE)[0]
    assert event.happened_on == JAN_2
    assert event.detail == {"reason": status, "overdue_since": "2021-01-01"}


def test_abandoned_clears_overdue():
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    commitment.refresh_from_db()
    set_status(commitment, Commitment.Status.ABANDONED, None, JAN_2)
    assert state(commitment) is None
    assert events(commitment, Event.Kind.NO_LONGER_OVERDUE)[0].detail["reason"] == "abandoned"


def test_rejected_after_flagging_clears_overdue():
    commitment = due(DEC_31, review_state=ReviewState.SUGGESTED)
    overdue.update_overdue(JAN_1)
    Commitment.objects.filter(pk=commitment.pk).update(review_state=ReviewState.REJECTED)
    assert overdue.update_overdue(JAN_2).cleared == 1
    assert state(commitment) is None
    assert events(commitment, Event.Kind.NO_LONGER_OVERDUE)[0].detail["reason"] == "rejected"


def test_clearing_is_idempotent():
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    Commitment.objects.filter(pk=commitment.pk).update(status=Commitment.Status.FULFILLED)
    overdue.update_overdue(JAN_2)
    assert overdue.update_overdue(JAN_2) == overdue.OverdueResult(0, 0, 0)
    assert len(events(commitment, Event.Kind.NO_LONGER_OVERDUE)) == 1


# --- Deadlines that move ------------------------------------------------------------------------------


def state_new_deadline(commitment: Commitment, latest: datetime.date, stated_on: datetime.date, text: str):
    DeadlineFactory(commitment=commitment, text=text, stated_in=None, latest=latest, stated_on=stated_on,
                    earliest=min(latest, stated_on))
    return overdue.refresh_deadline(commitment, stated_on)


def test_deadline_moved_later_clears_overdue():
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    moved = state_new_deadline(commitment, datetime.date(2021, 6, 30), datetime.date(2021, 2, 1), "midden 2021")
    assert moved.kind == Event.Kind.DEADLINE_MOVED
    assert moved.detail == {
        "from": {"text": "eind 2020", "latest": "2020-12-31"},
        "to": {"text": "midden 2021", "latest": "2021-06-30"},
        "later": True,
    }
    assert state(commitment) is None
    cleared = events(commitment, Event.Kind.NO_LONGER_OVERDUE)[0]
    assert cleared.detail == {"reason": "deadline_moved", "overdue_since": "2021-01-01"}
    assert cleared.happened_on == datetime.date(2021, 2, 1)
    # The old deadline is kept in the history.
    assert commitment.deadlines.count() == 2
    assert commitment.current_deadline_latest == datetime.date(2021, 6, 30)


def test_deadline_moved_later_is_overdue_again_the_day_after_the_new_deadline():
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    state_new_deadline(commitment, datetime.date(2021, 6, 30), datetime.date(2021, 2, 1), "midden 2021")
    overdue.update_overdue(datetime.date(2021, 6, 30))
    assert state(commitment) is None
    overdue.update_overdue(datetime.date(2021, 7, 1))
    assert state(commitment) == datetime.date(2021, 7, 1)
    assert len(events(commitment, Event.Kind.BECAME_OVERDUE)) == 2


def test_deadline_moved_later_but_still_past_keeps_overdue_from_the_new_day_after():
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    state_new_deadline(commitment, datetime.date(2021, 3, 31), datetime.date(2021, 5, 1), "eind maart 2021")
    assert state(commitment) == datetime.date(2021, 4, 1)
    assert events(commitment, Event.Kind.NO_LONGER_OVERDUE) == []
    assert len(events(commitment, Event.Kind.DEADLINE_MOVED)) == 1


def test_deadline_moved_earlier_into_the_past_flags_at_once():
    commitment = due(datetime.date(2021, 12, 31))
    overdue.update_overdue(JAN_1)
    assert state(commitment) is None
    state_new_deadline(commitment, datetime.date(2021, 3, 31), datetime.date(2021, 5, 1), "eind maart 2021")
    assert state(commitment) == datetime.date(2021, 4, 1)
    assert events(commitment, Event.Kind.DEADLINE_MOVED)[0].detail["later"] is False


def test_the_first_deadline_is_not_a_move():
    commitment = CommitmentFactory()
    DeadlineFactory(commitment=commitment)
    assert overdue.refresh_deadline(commitment, DEC_30) is None
    assert events(commitment) == []


def test_refreshing_an_unchanged_deadline_writes_nothing():
    commitment = due(DEC_31)
    assert overdue.refresh_deadline(commitment, DEC_30) is None
    assert events(commitment) == []


def test_moved_deadline_edited_in_the_admin_is_caught_by_the_job():
    # The admin refreshes the current deadline without the events; the next run clears the flag.
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    DeadlineFactory(commitment=commitment, text="midden 2021", stated_in=None, latest=datetime.date(2021, 6, 30),
                    stated_on=datetime.date(2021, 2, 1))
    commitment.refresh_current_deadline()
    assert overdue.update_overdue(datetime.date(2021, 2, 2)).cleared == 1
    assert state(commitment) is None


def test_realign_after_a_past_deadline_moved_in_the_admin():
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    DeadlineFactory(commitment=commitment, text="eind maart 2021", stated_in=None,
                    latest=datetime.date(2021, 3, 31), stated_on=datetime.date(2021, 2, 1))
    commitment.refresh_current_deadline()
    result = overdue.update_overdue(datetime.date(2021, 5, 1))
    assert result == overdue.OverdueResult(flagged=0, cleared=0, realigned=1)
    assert state(commitment) == datetime.date(2021, 4, 1)


def test_removed_deadline_clears_overdue():
    commitment = due(DEC_31)
    overdue.update_overdue(JAN_1)
    commitment.deadlines.all().delete()
    overdue.refresh_deadline(commitment, JAN_2)
    assert state(commitment) is None
    assert events(commitment, Event.Kind.NO_LONGER_OVERDUE)[0].detail["reason"] == "deadline_removed"
    assert events(commitment, Event.Kind.DEADLINE_MOVED)[0].detail["to"] is None


# --- Set-based and batched ------------------------------------------------------------------------------


def test_batches_flag_everything_with_one_event_each():
    commitments = [due(DEC_31) for _ in range(7)]
    assert overdue.flag_overdue(JAN_1, batch_size=2) == 7
    assert Event.objects.filter(kind=Event.Kind.BECAME_OVERDUE).count() == 7
    assert {c.pk for c in commitments} == set(
        Event.objects.filter(kind=Event.Kind.BECAME_OVERDUE).values_list("commitment", flat=True)
    )


def test_the_job_runs_in_a_constant_number_of_queries(django_assert_max_num_queries):
    for _ in range(20):
        due(DEC_31)
    with django_assert_max_num_queries(20):
        assert overdue.update_overdue(JAN_1).flagged == 20


def test_only_the_given_commitments_are_touched():
    mine, other = due(DEC_31), due(DEC_31)
    overdue.update_overdue(JAN_1, commitments=Commitment.objects.filter(pk=mine.pk))
    assert state(mine) == JAN_1
    assert state(other) is None


# --- New mentions -------------------------------------------------------------------------------------------


def test_a_confirmed_mention_writes_one_new_mention_event():
    mention = MentionFactory(review_state=ReviewState.CONFIRMED)
    assert overdue.record_mention(mention, JAN_2) is True
    assert overdue.record_mention(mention, JAN_2) is False
    (event,) = events(mention.commitment, Event.Kind.NEW_MENTION)
    assert event.detail == {"mention": mention.pk, "speech": mention.speech_id, "signal": "fulfilled"}
