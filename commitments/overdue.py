"""Flag commitments whose deadline has passed, and clear the flag when that stops being true.

The convention: a deadline is a day, and a promise "by 31 December" is kept if it is kept on
31 December. A commitment is overdue from the day after its current deadline's latest date:
`overdue_since = current_deadline_latest + 1 day`, and the job run on `today` flags it when
`current_deadline_latest < today`. So on 31 Dec nothing happens; on 1 Jan it is flagged, overdue
since 1 Jan.

What can become overdue is `Commitment.objects.active()`: open, partly fulfilled or delayed, and not
rejected. Suggested commitments (not reviewed yet) are flagged too, so the flag is right the moment
a civil servant confirms them; their events are not public (`Event.objects.public()`) and the
digest holds them back until the review (see following/digest.py).

The flag is cleared when the commitment is fulfilled, abandoned or rejected, when its current
deadline moves to today or later, or when it loses its deadline. A deadline that moves later but
is still past keeps the commitment overdue, with `overdue_since` moved to the new day after.

The flag is a row of its own (`OverdueFlag`): flagging inserts it, clearing deletes it, and the
commitment's row is never rewritten. Every flip is an Event row written in the same transaction
as the flip. The work is set-based and no ids travel to Python: the commitments are cut into
fixed ranges of ids, and each range is one transaction that first takes that range's lock, then
writes the flags and their events from one SELECT of the candidates. Two workers running at once
take the same locks, so the second waits for the first's range and then finds nothing left in it;
every flip has exactly one event. On PostgreSQL the lock is an advisory lock per range, the ranges
run on `workers` connections side by side, and the flags and events are one statement (INSERT or
DELETE ... RETURNING, then INSERT of the events from the rows it returned). SQLite has one writer
at a time: there a range takes the database's write lock and runs two statements under it.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connection, models, transaction
from django.db.models import Case, F, Max, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import JSONObject
from django.utils import timezone

from commitments.models import Commitment, Event, Mention, OverdueFlag, ReviewState

# Ids per range, and so per transaction: a million commitments take twenty, and a range's locks
# and undo are bounded whatever the backlog.
BATCH_SIZE = 50_000
# PostgreSQL connections flipping ranges side by side. The work is the database's (each statement
# keeps one server process busy), so two connections use both cores of a small server.
WORKERS = 2
# First key of the ranges' advisory locks; the second is the range's number.
ADVISORY_LOCK_NAMESPACE = 70_417

# Why a flag was cleared, written as the `reason` of the no_longer_overdue event. The first row
# that holds wins; a commitment matching none had its deadline moved to today or later.
CLEAR_REASONS: list[tuple[Q, str]] = [
    (Q(review_state=ReviewState.REJECTED), "rejected"),
    (Q(status=Commitment.Status.FULFILLED), "fulfilled"),
    (Q(status=Commitment.Status.ABANDONED), "abandoned"),
    (Q(current_deadline_latest__isnull=True), "deadline_removed"),
]
CLEAR_REASON_DEFAULT = "deadline_moved"


@dataclass
class OverdueResult:
    flagged: int = 0
    cleared: int = 0
    realigned: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


class DayAfter(models.Func):
    """The day after a date column, computed in the database."""

    output_field = models.DateField()

    def __init__(self, expression, **extra):
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        # PostgreSQL: date + integer is a date.
        return super().as_sql(compiler, connection, template="(%(expressions)s + 1)", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="date(%(expressions)s, '+1 day')", **extra_context)


def day_after(day: datetime.date) -> datetime.date:
    """The Python side of the convention, for code that holds one commitment."""
    return day + datetime.timedelta(days=1)


def to_flag(today: datetime.date, commitments: models.QuerySet | None = None, ids: range | None = None):
    """Commitments overdue on `today` that are not flagged yet.

    `ids` limits the commitments and the flags read to one range of ids, so that a range costs
    its own size whatever the table's. (A join against the whole flag table let PostgreSQL's
    planner scan all of it for every range: quadratic over a million flags.)
    """
    scope = _scope(commitments, ids)
    if ids is None:
        return scope.overdue(today).not_flagged_overdue()
    return scope.overdue(today).exclude(pk__in=_flags_in(ids))


def to_clear(today: datetime.date, commitments: models.QuerySet | None = None, ids: range | None = None):
    """Flagged commitments that are not overdue on `today` any more (`ids`: as in `to_flag`)."""
    scope = _scope(commitments, ids)
    still_overdue = (
        Q(status__in=Commitment.ACTIVE_STATUSES)
        & ~Q(review_state=ReviewState.REJECTED)
        & Q(current_deadline_latest__lt=today)
    )
    flagged = scope.flagged_overdue() if ids is None else scope.filter(pk__in=_flags_in(ids))
    return flagged.exclude(still_overdue)


def _scope(commitments: models.QuerySet | None, ids: range | None) -> models.QuerySet:
    scope = Commitment.objects.all() if commitments is None else commitments
    return scope if ids is None else scope.filter(pk__gte=ids.start, pk__lt=ids.stop)


def _flags_in(ids: range) -> models.QuerySet:
    return OverdueFlag.objects.filter(commitment_id__gte=ids.start, commitment_id__lt=ids.stop).values("commitment_id")


def to_realign(today: datetime.date, commitments: models.QuerySet | None = None) -> models.QuerySet:
    """Flagged and still overdue, but flagged from a deadline that has since been moved."""
    return (
        _scope(commitments, None)
        .overdue(today)
        .flagged_overdue()
        .alias(expected=DayAfter("current_deadline_latest"))
        .exclude(overdue_flag__since=F("expected"))
    )


def flag_overdue(
    today: datetime.date,
    *,
    now: datetime.datetime | None = None,
    commitments: models.QuerySet | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = WORKERS,
) -> int:
    """Flag what became overdue by `today` and write a became_overdue event for each; the count."""
    return _flip(
        lambda ids: to_flag(today, commitments, ids),
        commitments,
        flag_since=DayAfter("current_deadline_latest"),
        kind=Event.Kind.BECAME_OVERDUE,
        happened_on=DayAfter("current_deadline_latest"),
        detail=JSONObject(deadline=F("current_deadline_latest")),
        now=now or timezone.now(),
        batch_size=batch_size,
        workers=workers,
    )


def clear_overdue(
    today: datetime.date,
    *,
    now: datetime.datetime | None = None,
    commitments: models.QuerySet | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = WORKERS,
) -> int:
    """Clear the flag of what is no longer overdue on `today`, with a no_longer_overdue event each."""
    reason = Case(*(When(q, then=Value(word)) for q, word in CLEAR_REASONS), default=Value(CLEAR_REASON_DEFAULT))
    since_flagged = OverdueFlag.objects.filter(commitment=OuterRef("pk")).values("since")
    return _flip(
        lambda ids: to_clear(today, commitments, ids),
        commitments,
        flag_since=None,
        kind=Event.Kind.NO_LONGER_OVERDUE,
        happened_on=Value(today, output_field=models.DateField()),
        # Read in the same statement that deletes the flag, so it records the day the flag held;
        # looked up per cleared row rather than joined, for the reason given at `to_flag`.
        detail=JSONObject(reason=reason, overdue_since=Subquery(since_flagged[:1])),
        now=now or timezone.now(),
        batch_size=batch_size,
        workers=workers,
    )


def realign_overdue(today: datetime.date, *, commitments: models.QuerySet | None = None) -> int:
    """Keep overdue_since on the convention after a past deadline moved to another past day.

    No event: the commitment stays overdue, and the move itself is a deadline_moved event.
    """
    day_after_deadline = Commitment.objects.filter(pk=OuterRef("commitment_id")).values(
        day_after=DayAfter("current_deadline_latest")
    )
    return OverdueFlag.objects.filter(commitment__in=to_realign(today, commitments).values("pk")).update(
        since=Subquery(day_after_deadline[:1])
    )


def update_overdue(
    today: datetime.date,
    *,
    now: datetime.datetime | None = None,
    commitments: models.QuerySet | None = None,
    batch_size: int = BATCH_SIZE,
    workers: int = WORKERS,
) -> OverdueResult:
    """The daily job: clear, realign, then flag. Running it twice changes nothing the second time.

    `workers` > 1 flips ranges side by side on PostgreSQL, each on a connection of its own; inside
    a transaction (a caller's, or a test's) everything runs on the caller's connection, which is
    the only one that sees the transaction's rows.
    """
    now = now or timezone.now()
    return OverdueResult(
        cleared=clear_overdue(today, now=now, commitments=commitments, batch_size=batch_size, workers=workers),
        realigned=realign_overdue(today, commitments=commitments),
        flagged=flag_overdue(today, now=now, commitments=commitments, batch_size=batch_size, workers=workers),
    )


@transaction.atomic
def refresh_deadline(commitment: Commitment, today: datetime.date) -> Event | None:
    """Call after a deadline of `commitment` was stated, confirmed, edited or removed.

    Makes the latest stated confirmed deadline current (`Commitment.refresh_current_deadline`),
    writes a deadline_moved event when the current deadline changed (the first deadline is not a
    move), and brings the overdue flag in line at once: moved to today or later clears it, moved
    into the past flags it. Returns the deadline_moved event, if any.
    """
    # Serialise with the overdue job and with another edit of the same commitment.
    before_latest = (
        Commitment.objects.select_for_update().filter(pk=commitment.pk).values_list("current_deadline_latest", flat=True)
    ).first()
    # The row may be gone already (a deadline deleted in the admin); the stored date remains.
    before = commitment.deadlines.filter(is_current=True).first()
    commitment.current_deadline_latest = before_latest
    current = commitment.refresh_current_deadline()
    moved = None
    if before_latest is not None and (
        current is None or current.latest != before_latest or before is None or current.pk != before.pk
    ):
        moved = Event.objects.create(
            commitment=commitment,
            kind=Event.Kind.DEADLINE_MOVED,
            happened_on=today,
            detail={
                "from": {"text": before.text if before else None, "latest": before_latest.isoformat()},
                "to": {"text": current.text, "latest": current.latest.isoformat()} if current else None,
                "later": current is not None and current.latest > before_latest,
            },
        )
    update_overdue(today, commitments=Commitment.objects.filter(pk=commitment.pk))
    commitment.refresh_from_db(fields=["current_deadline_latest"])
    commitment.forget_overdue_flag()
    return moved


def record_mention(mention: Mention, today: datetime.date) -> bool:
    """Write the new_mention event for a confirmed mention, once. False if it was already written.

    Call it when a mention is confirmed (a suggested mention is not news yet).
    """
    with transaction.atomic():
        Commitment.objects.select_for_update().filter(pk=mention.commitment_id).values_list("pk").first()
        if Event.objects.filter(
            commitment_id=mention.commitment_id, kind=Event.Kind.NEW_MENTION, detail__mention=mention.pk
        ).exists():
            return False
        Event.objects.create(
            commitment_id=mention.commitment_id,
            kind=Event.Kind.NEW_MENTION,
            happened_on=today,
            detail={"mention": mention.pk, "speech": mention.speech_id, "signal": mention.signal},
        )
        return True


def _flip(
    candidates_in: Callable[[range], models.QuerySet],
    commitments: models.QuerySet | None,
    *,
    flag_since: models.Expression | None,
    kind: str,
    happened_on: models.Expression,
    detail: models.Expression,
    now: datetime.datetime,
    batch_size: int,
    workers: int,
) -> int:
    """Flag (flag_since given) or unflag every candidate of each range, with one event per change.

    Every expression is computed from the rows as they are before the change. Each range of ids is
    one transaction, so a flip and its event are committed together or not at all. The ranges are
    fixed (`batch_size` ids each, counted from 0), so two workers lock the same ranges. Returns the
    count.
    """
    scope = Commitment.objects.all() if commitments is None else commitments
    # Bounds of the commitments looked at, not of the candidates: the primary key answers this at
    # once, while finding the candidates' bounds would be a scan of its own.
    bounds = scope.order_by().aggregate(first=Min("pk"), last=Max("pk"))
    if bounds["first"] is None:
        return 0
    flip_range = _flip_range_postgresql if connection.vendor == "postgresql" else _flip_range_locked
    inserting = flag_since is not None

    def flip(number: int) -> int:
        rows = candidates_in(range(number * batch_size, (number + 1) * batch_size)).order_by().annotate(
            _since=flag_since if inserting else Value(None, output_field=models.DateField()),
            _kind=Value(kind, output_field=models.CharField()),
            _happened_on=happened_on,
            _detail=detail,
            _created_at=Value(now, output_field=models.DateTimeField()),
        ).values_list("pk", "_since", "_kind", "_happened_on", "_detail", "_created_at")
        with transaction.atomic():
            return flip_range(number, rows, inserting)

    numbers = range(bounds["first"] // batch_size, bounds["last"] // batch_size + 1)
    if workers > 1 and len(numbers) > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="overdue") as pool:
            return sum(pool.map(_on_own_connection(flip), numbers))
    return sum(flip(number) for number in numbers)


def _on_own_connection(function):
    """Run `function` in a pool thread, closing the connection Django opened for that thread."""

    def run(*args):
        try:
            return function(*args)
        finally:
            connection.close()

    return run


def _flip_sql(rows: models.QuerySet) -> tuple[str, str, str, tuple]:
    """The parts both engines assemble: the flag table, the event table and columns, the SELECT."""
    qn = connection.ops.quote_name
    select_sql, params = rows.query.sql_with_params()
    events = f"{qn(Event._meta.db_table)} ({', '.join(qn(Event._meta.get_field(n).column) for n in EVENT_COLUMNS)})"
    return qn(OverdueFlag._meta.db_table), events, select_sql, params


# Event columns filled by a flip, in the order of the annotated values_list in _flip.
EVENT_COLUMNS = ("commitment", "kind", "happened_on", "detail", "created_at")
BATCH_COLUMNS = "id, since, kind, happened_on, detail, created_at"


def _flip_range_postgresql(number: int, rows: models.QuerySet, inserting: bool) -> int:
    """One range in one statement, under the range's advisory lock.

    The SELECT is read once (MATERIALIZED); the flags are inserted or deleted from it, and the
    events are written from the same rows. The lock makes that exact: everything that adds or
    removes flags takes it (the job, and `refresh_deadline` or a status change through the job's
    own functions), so no flag of the range comes or goes between the SELECT and the write; a
    conflict would fail the statement, and the transaction with it, rather than write an event
    without its flag. (`realign_overdue` only moves a flag's day, and takes no lock.)
    """
    flags, events, select_sql, params = _flip_sql(rows)
    if inserting:
        write = f"INSERT INTO {flags} (commitment_id, since) SELECT id, since FROM batch"
    else:
        write = f"DELETE FROM {flags} WHERE commitment_id IN (SELECT id FROM batch)"
    # A data-modifying WITH runs to completion whether or not the main statement reads it.
    sql = f"""
        WITH batch ({BATCH_COLUMNS}) AS MATERIALIZED ({select_sql}),
        written AS ({write})
        INSERT INTO {events} SELECT id, kind, happened_on, detail, created_at FROM batch
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [ADVISORY_LOCK_NAMESPACE, number])
        cursor.execute(sql, params)
        return cursor.rowcount


def _flip_range_locked(number: int, rows: models.QuerySet, inserting: bool) -> int:
    """SQLite: take the write lock, insert the range's events, then write the same rows' flags.

    SQLite has no row locks and one writer at a time. Writing first makes a second worker wait
    for this transaction instead of failing with "database is locked" when it writes after
    reading; once it has the lock, it sees this range's changes and skips those rows. Nobody else
    writes while the lock is held, so the two statements read the same candidates.
    """
    flags, events, select_sql, params = _flip_sql(rows)
    batch = f"WITH batch ({BATCH_COLUMNS}) AS ({select_sql})"
    if inserting:
        write = f"{batch} INSERT INTO {flags} (commitment_id, since) SELECT id, since FROM batch"
    else:
        write = f"{batch} DELETE FROM {flags} WHERE commitment_id IN (SELECT id FROM batch)"
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {flags} SET since = since WHERE 0")
        # The events first: their values are computed from the flags before the change.
        cursor.execute(f"{batch} INSERT INTO {events} SELECT id, kind, happened_on, detail, created_at FROM batch", params)
        # Python's sqlite3 reports no rowcount for a statement that starts with WITH.
        cursor.execute("SELECT changes()")
        written_events = cursor.fetchone()[0]
        cursor.execute(write, params)
        cursor.execute("SELECT changes()")
        written_flags = cursor.fetchone()[0]
    if written_flags != written_events:  # impossible while this transaction holds the write lock
        raise RuntimeError(f"overdue flip changed {written_flags} flags but wrote {written_events} events")
    return written_flags
