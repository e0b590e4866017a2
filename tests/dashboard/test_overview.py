"""The dashboard's figures: overdue days at the boundaries, counts in one scan, periods, slips."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.core.cache import cache

from commitments.models import Commitment, ReviewState
from dashboard.overview import (
    by_period, cached_figures, days_overdue, due_between_condition, overdue_condition, slips_by_commitment,
    status_history, tallies,
)
from tests.factories import CommitmentFactory, DeadlineFactory, PersonFactory, state_deadlines

DEC_31 = datetime.date(2020, 12, 31)


def commitment(status="open", latest=DEC_31):
    return SimpleNamespace(status=status, current_deadline_latest=latest)


@pytest.mark.parametrize(("today", "expected"), [
    (datetime.date(2020, 12, 30), None),  # the day before the deadline
    (DEC_31, None),  # the deadline itself: still in time
    (datetime.date(2021, 1, 1), 0),  # the day after: overdue since today
    (datetime.date(2021, 1, 2), 1),
    (datetime.date(2021, 3, 1), 59),
])
def test_days_overdue_steps_across_the_deadline(today, expected):
    assert days_overdue(commitment(), today) == expected


@pytest.mark.parametrize("status", ["fulfilled", "abandoned"])
def test_kept_or_abandoned_commitments_are_never_overdue(status):
    assert days_overdue(commitment(status=status), datetime.date(2021, 3, 1)) is None


def test_a_commitment_without_deadline_is_never_overdue():
    assert days_overdue(commitment(latest=None), datetime.date(2021, 3, 1)) is None


def test_days_overdue_agrees_with_the_overdue_job_flag(db):
    """Once the job has flagged a commitment, the model's days_overdue gives the dashboard's number."""
    today = datetime.date(2021, 3, 1)
    c = CommitmentFactory(current_deadline_latest=DEC_31, overdue_since=DEC_31 + datetime.timedelta(days=1))
    assert c.days_overdue(today) == days_overdue(c, today) == 59


@pytest.mark.django_db
def test_the_counting_conditions_select_what_the_queryset_methods_select():
    today = datetime.date(2021, 3, 1)
    for status in Commitment.Status.values:
        for review_state in ReviewState.values:
            for latest in (None, DEC_31, today - datetime.timedelta(days=1), today, today + datetime.timedelta(days=1),
                           today + datetime.timedelta(days=90), today + datetime.timedelta(days=91)):
                CommitmentFactory(status=status, review_state=review_state, current_deadline_latest=latest)
    everything = Commitment.objects.all()
    assert set(everything.filter(overdue_condition(today))) == set(everything.overdue(today))
    end = today + datetime.timedelta(days=90)
    assert set(everything.filter(due_between_condition(today, end))) == set(everything.due_between(today, end))
    assert everything.overdue(today).count() == 3 * 2 * 2  # 3 active statuses, 2 review states, 2 past dates


def test_tallies_count_per_minister_per_field_and_in_total(world, frozen_today):
    counted = tallies(Commitment.objects.public(), frozen_today, ("made_by", "policy_field"), slips=True)
    total = counted["total"][0]
    assert (total.total, total.kept, total.overdue, total.days_overdue, total.due_soon, total.slips) == (6, 1, 2, 72, 1, 1)
    ministers = {t.slug: t for t in counted["made_by"]}
    assert (ministers["bart-somers"].total, ministers["bart-somers"].days_overdue) == (4, 59)
    assert [t.name for t in counted["policy_field"]] == ["Binnenlands bestuur", "Economie", ""]


def test_slips_count_every_confirmed_deadline_after_a_commitments_first(db):
    """Per minister: revisions of public commitments only, proposals waiting for review not yet."""
    def day(month, d=1):
        return datetime.date(2021, month, d)

    somers, crevits = PersonFactory(name="Bart Somers"), PersonFactory(name="Hilde Crevits")
    moved_twice, kept_once, moved_once, rejected = (
        CommitmentFactory(made_by=somers), CommitmentFactory(made_by=somers), CommitmentFactory(made_by=crevits),
        CommitmentFactory(made_by=crevits, review_state=ReviewState.REJECTED),
    )
    state_deadlines(moved_twice, ("Pasen", day(4, 4), day(1)), ("zomer", day(6, 30), day(3)),
                    ("najaar", day(10, 31), day(5)))
    state_deadlines(moved_twice, ("eind 2021", day(12, 31), day(7)), review_state=ReviewState.SUGGESTED)
    state_deadlines(kept_once, ("zomer", day(6, 30), day(1)))
    state_deadlines(moved_once, ("zomer", day(6, 30), day(1)), ("najaar", day(10, 31), day(3)))
    state_deadlines(rejected, ("zomer", day(6, 30), day(1)), ("najaar", day(10, 31), day(3)))

    counted = tallies(Commitment.objects.public(), day(2), ("made_by",), slips=True)

    assert counted["total"][0].slips == 3
    assert {t.name: t.slips for t in counted["made_by"]} == {"Bart Somers": 2, "Hilde Crevits": 1}
    own = tallies(Commitment.objects.public().for_minister(somers), day(2), slips=True)
    assert own["total"][0].slips == 2


def test_periods_are_quarters_with_empty_ones_in_between(db):
    today = datetime.date(2021, 3, 1)
    for made_on, status, latest in [
        (datetime.date(2020, 1, 15), "fulfilled", None),
        (datetime.date(2020, 2, 1), "open", DEC_31),
        (datetime.date(2020, 10, 1), "open", datetime.date(2021, 6, 1)),
        (None, "open", DEC_31),  # no date: not in any period
    ]:
        CommitmentFactory(made_on=made_on, status=status, current_deadline_latest=latest)
    periods = by_period(Commitment.objects.public(), today)
    assert [(p.label, p.made, p.kept, p.overdue) for p in periods] == [
        ("2020 Q1", 2, 1, 1), ("2020 Q2", 0, 0, 0), ("2020 Q3", 0, 0, 0), ("2020 Q4", 1, 0, 0),
    ]


def test_periods_become_years_over_a_long_span(db):
    CommitmentFactory(made_on=datetime.date(2010, 5, 1))
    CommitmentFactory(made_on=datetime.date(2020, 5, 1))
    periods = by_period(Commitment.objects.public(), datetime.date(2021, 3, 1))
    assert [p.label for p in periods] == [str(year) for year in range(2010, 2021)]


def test_slips_are_measured_against_the_deadline_before():
    deadlines = [SimpleNamespace(latest=datetime.date(2020, 10, 31)), SimpleNamespace(latest=DEC_31),
                 SimpleNamespace(latest=datetime.date(2020, 11, 30))]
    assert [slip for _, slip in slips_by_commitment(deadlines)] == [None, 61, -31]


def test_status_history_lists_changes_only():
    def record(day, status, history_id):
        return SimpleNamespace(history_date=datetime.datetime(2021, 1, day, 12), status=status, history_id=history_id)

    history = [record(1, "open", 1), record(2, "open", 2), record(3, "delayed", 3)]
    changes = status_history(history, [])
    assert [(c["date"].day, c["from"], c["status"]) for c in changes] == [(1, None, "open"), (3, "open", "delayed")]


def test_cached_figures_are_counted_again_when_a_commitment_is_saved(world, frozen_today):
    cache.clear()
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert cached_figures("test", frozen_today, compute) == 1
    assert cached_figures("test", frozen_today, compute) == 1
    with time_machine.travel(datetime.datetime(2021, 3, 1, 11, 0, tzinfo=datetime.timezone.utc), tick=False):
        world.region.status = Commitment.Status.FULFILLED
        world.region.save()  # an hour after the world was built
    assert cached_figures("test", frozen_today, compute) == 2
    DeadlineFactory(commitment=world.region, text="later nog", latest=datetime.date(2022, 1, 1))
    assert cached_figures("test", frozen_today, compute) == 3
    assert cached_figures("test", frozen_today + datetime.timedelta(days=1), compute) == 4  # a new day
