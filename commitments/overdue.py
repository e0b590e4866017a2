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

Every flip is an Event row written in the same transaction as the flip. The work is set-based and
batched, and no ids travel to Python: on PostgreSQL each batch is one statement that claims rows
with `SELECT ... FOR UPDATE SKIP LOCKED`, updates them and inserts an event for each row the
UPDATE returned, so two workers running at once flip disjoint rows and every flip has exactly one
event. SQLite has no row locks; there a batch first takes the database's write lock, so a second
worker waits and then finds nothing left to do.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass

from django.db import connection, models, transaction
from django.db.models import Case, F, Max, Q, Value, When
from django.db.models.functions import Cast, JSONObject
from django.utils import timezone

from commitments.models import Commitment, Event, Mention, ReviewState

# Rows flipped per transaction: a million rows take twenty statements, and a batch's locks and
# undo are bounded whatever the backlog.
BATCH_SIZE = 50_000

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


def to_flag(today: datetime.date, commitments: models.QuerySet | None = None) -> models.QuerySet:
    """Commitments overdue on `today` that are not flagged yet (the partial index's rows)."""
    base = Commitment.objects.all() if commitments is None else commitments
    return base.overdue(today).filter(overdue_since__isnull=True)


def to_clear(today: datetime.date, commitments: models.QuerySet | None = None) -> models.QuerySet:
    """Flagged commitments that are not overdue on `today` any more."""
    base = Commitment.objects.all() if commitments is None else commitments
    still_overdue = (
        Q(status__in=Commitment.ACTIVE_STATUSES)
        & ~Q(review_state=ReviewState.REJECTED)
        & Q(current_deadline_latest__lt=today)
    )
    return base.flagged_overdue().exclude(still_overdue)


def to_realign(today: datetime.date, commitments: models.QuerySet | None = None) -> models.QuerySet:
    """Flagged and still overdue, but flagged from a deadline that has since been moved."""
    base = Commitment.objects.all() if commitments is None else commitments
    return (
        base.overdue(today)
        .flagged_overdue()
        .alias(expected=DayAfter("current_deadline_latest"))
        .exclude(overdue_since=F("expected"))
    )


def flag_overdue(
    today: datetime.date,
    *,
    now: datetime.datetime | None = None,
    commitments: models.QuerySet | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Flag what became overdue by `today` and write a became_overdue event for each; the count."""
    return _flip(
        to_flag(today, commitments),
        overdue_since=DayAfter("current_deadline_latest"),
        kind=Event.Kind.BECAME_OVERDUE,
        happened_on=DayAfter("current_deadline_latest"),
        detail=JSONObject(deadline=F("current_deadline_latest")),
        now=now or timezone.now(),
        batch_size=batch_size,
    )


def clear_overdue(
    today: datetime.date,
    *,
    now: datetime.datetime | None = None,
    commitments: models.QuerySet | None = None,
    batch_size: int = BATCH_SIZE,
) -> int:
    """Clear the flag of what is no longer overdue on `today`, with a no_longer_overdue event each."""
    reason = Case(*(When(q, then=Value(word)) for q, word in CLEAR_REASONS), default=Value(CLEAR_REASON_DEFAULT))
    return _flip(
        to_clear(today, commitments),
        overdue_since=Cast(Value(None), models.DateField()),
        kind=Event.Kind.NO_LONGER_OVERDUE,
        happened_on=Value(today, output_field=models.DateField()),
        # Computed before the update, so it records the overdue_since the update erases.
        detail=JSONObject(reason=reason, overdue_since=F("overdue_since")),
        now=now or timezone.now(),
        batch_size=batch_size,
    )


def realign_overdue(today: datetime.date, *, commitments: models.QuerySet | None = None) -> int:
    """Keep overdue_since on the convention after a past deadline moved to another past day.

    No event: the commitment stays overdue, and the move itself is a deadline_moved event.
    """
    return to_realign(today, commitments).update(overdue_since=DayAfter("current_deadline_latest"))


def update_overdue(
    today: datetime.date,
    *,
    now: datetime.datetime | None = None,
    commitments: models.QuerySet | None = None,
    batch_size: int = BATCH_SIZE,
) -> OverdueResult:
    """The daily job: clear, realign, then flag. Running it twice changes nothing the second time."""
    now = now or timezone.now()
    return OverdueResult(
        cleared=clear_overdue(today, now=now, commitments=commitments, batch_size=batch_size),
        realigned=realign_overdue(today, commitments=commitments),
        flagged=flag_overdue(today, now=now, commitments=commitments, batch_size=batch_size),
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
    commitment.refresh_from_db(fields=["current_deadline_latest", "overdue_since"])
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
    candidates: models.QuerySet,
    *,
    overdue_since: models.Expression,
    kind: str,
    happened_on: models.Expression,
    detail: models.Expression,
    now: datetime.datetime,
    batch_size: int,
) -> int:
    """Set `overdue_since` on every candidate and write one event per changed row, in batches.

    Every expression is computed from the row as it was before the update. Each batch is one
    transaction, so a flip and its event are committed together or not at all. Returns the count.
    """
    flip_batch = _flip_batch_postgresql if connection.vendor == "postgresql" else _flip_batch_locked
    rows = (
        candidates.order_by()
        .annotate(
            _overdue_since=overdue_since,
            _kind=Value(kind, output_field=models.CharField()),
            _happened_on=happened_on,
            _detail=detail,
            _created_at=Value(now, output_field=models.DateTimeField()),
        )
        .values_list("pk", "_overdue_since", "_kind", "_happened_on", "_detail", "_created_at")
    )
    total = 0
    while True:
        with transaction.atomic():
            changed = flip_batch(candidates, rows, overdue_since, batch_size)
        total += changed
        if changed == 0:
            return total


# Event columns filled by a flip, in the order of the annotated values_list in _flip.
EVENT_COLUMNS = ("commitment", "kind", "happened_on", "detail", "created_at")


def _flip_batch_postgresql(
    candidates: models.QuerySet, rows: models.QuerySet, overdue_since: models.Expression, batch_size: int
) -> int:
    """One statement: claim unlocked rows, update them, insert their events (UPDATE ... RETURNING).

    FOR UPDATE SKIP LOCKED makes two workers claim disjoint rows; the events are inserted from the
    rows the UPDATE returned, so exactly the rows this batch changed get one event each. No ids
    travel to Python.
    """
    claim_sql, params = rows.select_for_update(skip_locked=True, of=("self",))[:batch_size].query.sql_with_params()
    qn = connection.ops.quote_name
    table = qn(Commitment._meta.db_table)
    pk = qn(Commitment._meta.pk.column)
    overdue_since = qn(Commitment._meta.get_field("overdue_since").column)
    columns = ", ".join(qn(Event._meta.get_field(name).column) for name in EVENT_COLUMNS)
    sql = f"""
        WITH claimed (id, overdue_since, kind, happened_on, detail, created_at) AS ({claim_sql}),
        flipped AS (
            UPDATE {table} SET {overdue_since} = claimed.overdue_since
            FROM claimed WHERE {table}.{pk} = claimed.id
            RETURNING claimed.id, claimed.kind, claimed.happened_on, claimed.detail, claimed.created_at
        )
        INSERT INTO {qn(Event._meta.db_table)} ({columns})
        SELECT id, kind, happened_on, detail, created_at FROM flipped
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _flip_batch_locked(
    candidates: models.QuerySet, rows: models.QuerySet, overdue_since: models.Expression, batch_size: int
) -> int:
    """SQLite: take the write lock, insert the batch's events, then update the same rows.

    SQLite has no row locks and one writer at a time. Writing first makes a second worker wait
    for this transaction instead of failing with "database is locked" when it writes after
    reading; once it gets the lock it sees this batch's changes and skips those rows. The batch
    is the candidates up to an id boundary, so the INSERT and the UPDATE see the same rows
    without sending ids back and forth.
    """
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {qn(Commitment._meta.db_table)} SET id = id WHERE 0")
    first_ids = candidates.order_by("pk").values("pk")[:batch_size]
    last = Commitment.objects.filter(pk__in=first_ids).aggregate(last=Max("pk"))["last"]
    if last is None:
        return 0
    select_sql, params = rows.filter(pk__lte=last).query.sql_with_params()
    columns = ", ".join(qn(Event._meta.get_field(name).column) for name in EVENT_COLUMNS)
    with connection.cursor() as cursor:
        # The events first: their values are computed from the rows before the update.
        cursor.execute(
            f"WITH batch (id, overdue_since, kind, happened_on, detail, created_at) AS ({select_sql}) "
            f"INSERT INTO {qn(Event._meta.db_table)} ({columns}) "
            f"SELECT id, kind, happened_on, detail, created_at FROM batch",
            params,
        )
        # Python's sqlite3 reports no rowcount for a statement that starts with WITH.
        cursor.execute("SELECT changes()")
        inserted = cursor.fetchone()[0]
    updated = candidates.filter(pk__lte=last).update(overdue_since=overdue_since)
    if updated != inserted:  # impossible while this transaction holds the write lock
        raise RuntimeError(f"overdue flip changed {updated} rows but wrote {inserted} events")
    return updated
