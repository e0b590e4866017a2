"""The figures of the public dashboard, aggregated in the database.

Every function takes the day it counts for (`today`, read once per request by the view) and
returns plain data: dicts and lists the templates and the CSV exports read. Each runs a fixed
number of queries whatever the number of commitments: counting is GROUP BY and conditional
COUNT in SQL, and Python only walks the grouped rows (a few per minister, field or month).

"Overdue" and "due soon" come from the commitments' own querysets (`overdue(today)`,
`due_between`), so the dashboard, the API and the jobs agree on what the words mean.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Count, F, Func, IntegerField, Max, Q, QuerySet, Sum

from commitments.models import Commitment, Deadline, Event, ReviewState
from dashboard.filters import DUE_SOON_DAYS, with_taken_up
from recommendations.models import PolicyField, Recommendation
from transcripts.models import Person

Status = Commitment.Status
T = TypeVar("T")

# How long counted figures are reused at most. Within that time a page recounts as soon as
# `data_version` changes; the limit only covers changes it cannot see (see there).
FIGURES_TTL = 10 * 60

# The statuses in the order the overview lists them.
STATUS_ORDER = [Status.OPEN, Status.DELAYED, Status.PARTLY_FULFILLED, Status.FULFILLED, Status.ABANDONED]


class DaysSince(Func):
    """Whole days from a date column to `today`, computed in the database.

    PostgreSQL subtracts dates into an integer; SQLite has julianday(). Both run natively, so the
    sum over thousands of overdue commitments never calls back into Python.
    """

    output_field = IntegerField()

    def __init__(self, expression, today: datetime.date):
        super().__init__(expression)
        self.today = today

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return f"(%s::date - {column})", [self.today, *params]

    def as_sqlite(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return f"CAST(julianday(%s) - julianday({column}) AS INTEGER)", [self.today.isoformat(), *params]


def days_overdue(commitment: Commitment, today: datetime.date) -> int | None:
    """Whole days an active commitment has been overdue on `today`, or None if it is not overdue.

    The project's convention (commitments/overdue.py): a promise "by 31 December" is overdue from
    1 January, so on 1 January it is overdue since today, 0 days. This is the number
    `Commitment.days_overdue` gives once the overdue job has run, computed from the deadline itself
    so the page is right even before the job runs.
    """
    latest = commitment.current_deadline_latest
    if latest is None or latest >= today or commitment.status not in Commitment.ACTIVE_STATUSES:
        return None
    return (today - latest).days - 1


@dataclass
class Tally:
    """Counts for one group of commitments: everything, one minister, one policy field."""

    key: object = None
    name: str = ""
    slug: str = ""
    by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    days_overdue: int = 0
    due_soon: int = 0
    slips: int = 0  # deadline revisions: every confirmed statement of a deadline after a commitment's first
    recommendations: int = 0  # ABB recommendations in a policy field
    not_taken_up: int = 0  # ... that no confirmed commitment takes up

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def kept(self) -> int:
        return self.by_status.get(Status.FULFILLED, 0)

    @property
    def partly_kept(self) -> int:
        return self.by_status.get(Status.PARTLY_FULFILLED, 0)

    @property
    def share_not_taken_up(self) -> int:
        return round(100 * self.not_taken_up / self.recommendations) if self.recommendations else 0

    @property
    def statuses(self) -> list[tuple[str, str, int]]:
        """(value, label, count) for every status, in the overview's order."""
        return [(status.value, status.label, self.by_status.get(status, 0)) for status in STATUS_ORDER]


def overdue_condition(today: datetime.date) -> Q:
    """`CommitmentQuerySet.overdue(today)` as a condition, for counting it in the same scan as the rest.

    The dashboard counts statuses, overdue and due-soon commitments per minister and per field in
    one pass over the table (conditional COUNT) instead of one query per figure: with 100,000
    commitments each pass is the cost. tests/dashboard/test_overview.py checks that these
    conditions select exactly what the queryset methods select.
    """
    return (
        Q(status__in=Commitment.ACTIVE_STATUSES, current_deadline_latest__lt=today)
        & ~Q(review_state=ReviewState.REJECTED)
    )


def due_between_condition(start: datetime.date, end: datetime.date) -> Q:
    """`CommitmentQuerySet.due_between(start, end)` as a condition (see `overdue_condition`)."""
    return (
        Q(status__in=Commitment.ACTIVE_STATUSES, current_deadline_latest__gte=start, current_deadline_latest__lte=end)
        & ~Q(review_state=ReviewState.REJECTED)
    )


# What the overview's covering index (`commitment_overview`) is ordered by after the review
# state. Counting always groups by all three and folds the rows in Python: grouping by a prefix
# of the index reads it in order, grouping by made_by and status alone made SQLite sort every row.
COUNT_KEYS = ("made_by", "policy_field", "status")


def _count_rows(commitments: QuerySet[Commitment], today: datetime.date) -> QuerySet:
    """One GROUP BY minister, field and status, with the overdue and due-soon figures alongside."""
    overdue = overdue_condition(today)
    soon = due_between_condition(today, today + datetime.timedelta(days=DUE_SOON_DAYS))
    return commitments.order_by().values(*COUNT_KEYS).annotate(
        n=Count("id"),
        overdue=Count("id", filter=overdue),
        gap=Sum(DaysSince(F("current_deadline_latest"), today), filter=overdue),
        soon=Count("id", filter=soon),
    )


def _add(tally: Tally, row: dict) -> None:
    tally.by_status[row["status"]] = tally.by_status.get(row["status"], 0) + row["n"]
    tally.overdue += row["overdue"]
    # A commitment is overdue from the day after its deadline: one day less than the gap.
    tally.days_overdue += (row["gap"] or 0) - row["overdue"]
    tally.due_soon += row["soon"]


def _slip_rows(commitments: QuerySet[Commitment]) -> QuerySet:
    """Deadline revisions of `commitments`, per minister and field: one join, from the revisions' side.

    A revision is a confirmed deadline that is not the current one: every commitment with a
    confirmed deadline has exactly one current one (`Commitment.refresh_current_deadline`, which
    every path that adds, reviews or deletes a deadline runs), so these are exactly the statements
    after the first. The partial index `deadline_revisions` holds only those rows, so the database
    joins the few thousand revisions to their commitments instead of every deadline.
    """
    return (
        commitments.filter(deadlines__review_state=ReviewState.CONFIRMED, deadlines__is_current=False)
        .order_by().values("made_by", "policy_field").annotate(slips=Count("deadlines"))
    )


# The groups a dashboard page can count by: the commitment's field and where its name and slug are.
GROUPS = {
    "made_by": (Person, "made_by__"),
    "policy_field": (PolicyField, "policy_field__"),
}


def tallies(
    commitments: QuerySet[Commitment], today: datetime.date, groups: tuple[str, ...] = (), *, slips: bool = False
) -> dict[str, list[Tally]]:
    """Counts of `commitments` per minister and/or per policy field, and in total, from one scan.

    Returns {"total": [Tally], group: [Tally per value, by name]} for each of `groups` ("made_by",
    "policy_field"). One query for the counts, one per group for the names, and with `slips` one
    for the deadline revisions: a constant number whatever the number of rows.
    """
    keys = list(groups)
    total = Tally()
    per_group: dict[str, dict[object, Tally]] = {group: {} for group in keys}

    def targets(row: dict) -> list[Tally]:
        return [total] + [per_group[group].setdefault(row[group], Tally(key=row[group])) for group in keys]

    for row in _count_rows(commitments, today):
        for tally in targets(row):
            _add(tally, row)
    if slips:
        for row in _slip_rows(commitments):
            for tally in targets(row):
                tally.slips += row["slips"]
    result = {"total": [total]}
    for group in keys:
        model, _prefix = GROUPS[group]
        found = per_group[group]
        names = model.objects.filter(pk__in=[key for key in found if key is not None]).values_list("pk", "name", "slug")
        for pk, name, slug in names:
            found[pk].name, found[pk].slug = name, slug
        # Without a name (no policy field) sorts last.
        result[group] = sorted(found.values(), key=lambda t: (t.key is None, t.name.lower()))
    return result


def overview_figures(today: datetime.date) -> dict:
    """The overview's counts: in total, per minister and per policy field."""
    counted = tallies(Commitment.objects.public(), today, ("made_by", "policy_field"))
    return {"total": counted["total"][0], "ministers": counted["made_by"], "fields": counted["policy_field"]}


@dataclass
class Period:
    label: str
    made: int = 0
    kept: int = 0
    overdue: int = 0


def by_period(commitments: QuerySet[Commitment], today: datetime.date, *, max_periods: int = 24) -> list[Period]:
    """Commitments made per quarter, with how many of them are kept and how many overdue today.

    Grouped by the day they were made in SQL (a few hundred days: the dates of the meetings),
    straight from the index `commitment_public_by_date`, which also holds the status and the
    deadline; then days into months, and months into quarters, or into years when there are more
    than `max_periods` quarters. Commitments without a date are left out.
    """
    dated = commitments.filter(made_on__isnull=False).order_by()
    rows = dated.values("made_on").annotate(
        made=Count("id"),
        kept=Count("id", filter=Q(status=Status.FULFILLED)),
        overdue=Count("id", filter=overdue_condition(today)),
    )
    months: dict[str, Period] = {}
    for row in rows:
        key = f"{row['made_on']:%Y-%m}"
        month_period = months.setdefault(key, Period(key))
        month_period.made += row["made"]
        month_period.kept += row["kept"]
        month_period.overdue += row["overdue"]
    if not months:
        return []

    def quarter(key: str) -> str:
        year, mon = key.split("-")
        return f"{year} Q{(int(mon) - 1) // 3 + 1}"

    def year(key: str) -> str:
        return key[:4]

    first, last = min(months), max(months)
    quarters = (int(last[:4]) - int(first[:4])) * 4 + (int(last[5:]) - 1) // 3 - (int(first[5:]) - 1) // 3 + 1
    label = quarter if quarters <= max_periods else year
    # Every period between the first and the last, so that a quiet quarter shows as a gap.
    periods: dict[str, Period] = {}
    y, m = int(first[:4]), int(first[5:])
    while f"{y:04d}-{m:02d}" <= last:
        key = label(f"{y:04d}-{m:02d}")
        periods.setdefault(key, Period(key))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    for key, month_period in months.items():
        period = periods[label(key)]
        period.made += month_period.made
        period.kept += month_period.kept
        period.overdue += month_period.overdue
    return list(periods.values())


def slips_by_commitment(deadlines: list[Deadline]) -> list[tuple[Deadline, int | None]]:
    """Each deadline statement with the days its latest date moved from the statement before it.

    `deadlines` are one commitment's, in the order they were stated. The first has no slip (None);
    a deadline brought forward slips a negative number of days.
    """
    result = []
    previous = None
    for deadline in deadlines:
        result.append((deadline, (deadline.latest - previous.latest).days if previous else None))
        previous = deadline
    return result


# Event kinds the history rows already show as a status change: listing both would say it twice.
HISTORY_HAS = {Event.Kind.FULFILLED, Event.Kind.STATUS_CHANGED}


def status_history(history: list, events: list) -> list[dict]:
    """The status changes of one commitment, oldest first, from its history rows and its events.

    History rows (django-simple-history) say when the stored status changed; events say what the
    jobs noticed (became overdue, deadline moved). Who made a change is not shown: that is the
    civil servants' business, not the public's.
    """
    changes = []
    previous = None
    for record in sorted(history, key=lambda r: (r.history_date, r.history_id)):
        if record.status != previous:
            changes.append({
                "date": record.history_date.date(),
                "kind": "status",
                "status": record.status,
                "label": Status(record.status).label if record.status in Status.values else record.status,
                "from": previous,
                "from_label": Status(previous).label if previous in Status.values else previous,
            })
            previous = record.status
    for event in events:
        if event.kind in HISTORY_HAS:
            continue
        changes.append({"date": event.happened_on, "kind": "event", "event": event, "label": event.get_kind_display()})
    return sorted(changes, key=lambda change: change["date"])


def data_version() -> tuple:
    """A value that changes when the public figures can have changed: three index lookups.

    A commitment saved (created, reviewed, its status set) moves the latest `updated_at` and adds a
    history row, so does one deleted (django-simple-history records deletions); a deadline created,
    reviewed or deleted adds a row to the deadline history. Each is a MAX over an indexed column,
    which the database answers from the end of the index, whatever the number of rows. What this
    cannot see — a column written with QuerySet.update() or bulk_create() outside those paths — is
    picked up when the cached figures expire (FIGURES_TTL).
    """
    return (
        Commitment.objects.aggregate(last=Max("updated_at"))["last"],
        Commitment.history.aggregate(last=Max("history_id"))["last"],
        Deadline.history.aggregate(last=Max("history_id"))["last"],
    )


def cached_figures(name: str, today: datetime.date, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned before for the same day and the same `data_version`.

    Counting 100,000 commitments takes longer than a page may; the figures only change when the
    data does, so a page counts once and then reuses the result.
    """
    digest = hashlib.sha256(repr((name, today, data_version())).encode()).hexdigest()
    key = f"dashboard:figures:{digest}"
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, FIGURES_TTL)
    return figures


def recommendation_shares() -> list[dict]:
    """Per policy field: recommendations, how many no confirmed commitment takes up, and the share."""
    rows = (
        with_taken_up(Recommendation.objects.public()).order_by("policy_field__name")
        .values("policy_field__name", "policy_field__slug")
        .annotate(total=Count("id"), not_taken_up=Count("id", filter=Q(taken_up=False)))
    )
    return [
        {**row, "share_not_taken_up": round(100 * row["not_taken_up"] / row["total"]) if row["total"] else 0}
        for row in rows
    ]


def field_tallies(today: datetime.date) -> list[Tally]:
    """Commitments and ABB recommendations per policy field; a field with neither is left out.

    The commitment counts are cached (`cached_figures`); the recommendation shares are a small query
    and always fresh.
    """
    counted = cached_figures(
        "fields", today, lambda: tallies(Commitment.objects.public(), today, ("policy_field",))
    )
    by_field = {t.slug: t for t in counted["policy_field"]}
    for share in recommendation_shares():
        slug = share["policy_field__slug"]
        item = by_field.setdefault(slug, Tally(name=share["policy_field__name"], slug=slug))
        item.recommendations, item.not_taken_up = share["total"], share["not_taken_up"]
    # Commitments without a policy field (slug "") last.
    return sorted(by_field.values(), key=lambda t: (not t.slug, t.name.lower()))
