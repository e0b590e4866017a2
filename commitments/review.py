"""What a civil servant's review does to a commitment or a mention.

Plain functions over one record, so the admin actions, the API and the tests share them. Each
saves through the model so django-simple-history records who changed what.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from commitments.models import Commitment, Event, Mention, ReviewState

CONTEXT_LINES = 3  # lines shown before and after a quote in the review queue

# The rule by which a confirmed mention changes its commitment's status. It applies only while the
# commitment is active (open, partly fulfilled, delayed): a status a person set to fulfilled or
# abandoned is never undone by a later mention, and "delayed" does not demote "partly fulfilled".
MENTION_STATUS_RULES: dict[str, str | None] = {
    Mention.Signal.FULFILLED: Commitment.Status.FULFILLED,
    Mention.Signal.ABANDONED: Commitment.Status.ABANDONED,
    Mention.Signal.DELAYED: Commitment.Status.DELAYED,
    Mention.Signal.IN_PROGRESS: None,  # work under way is what "open" already says
    Mention.Signal.UNCLEAR: None,
}


def _mark_reviewed(record, state: str, user, now: datetime.datetime) -> None:
    record.review_state = state
    record.reviewed_by = user
    record.reviewed_at = now
    record._history_user = user


@transaction.atomic
def confirm_commitment(commitment: Commitment, user, now: datetime.datetime) -> None:
    _mark_reviewed(commitment, ReviewState.CONFIRMED, user, now)
    commitment.save()


@transaction.atomic
def reject_commitment(commitment: Commitment, user, now: datetime.datetime) -> None:
    _mark_reviewed(commitment, ReviewState.REJECTED, user, now)
    commitment.save()


@transaction.atomic
def set_status(commitment: Commitment, status: str, user, today: datetime.date) -> bool:
    """Change a commitment's status, writing the events the notifications read. False if unchanged."""
    if commitment.status == status:
        return False
    previous = commitment.status
    commitment.status = status
    commitment._history_user = user
    # Only the status: an instance loaded before another edit must not write back stale fields.
    commitment.save(update_fields=["status", "updated_at"])
    record_status_change(commitment, previous, today)
    return True


def record_status_change(commitment: Commitment, previous: str, today: datetime.date) -> None:
    """Write the events for a status change that was just saved, and clear a stale overdue flag.

    A kept or abandoned promise is not overdue any more, whatever its deadline says.
    """
    kind = Event.Kind.FULFILLED if commitment.status == Commitment.Status.FULFILLED else Event.Kind.STATUS_CHANGED
    Event.objects.create(
        commitment=commitment, kind=kind, happened_on=today, detail={"from": previous, "to": commitment.status}
    )
    if commitment.status not in Commitment.ACTIVE_STATUSES:
        from commitments.overdue import clear_overdue

        # The job's own clearing, for this one commitment: the same event, under the same lock.
        clear_overdue(today, commitments=Commitment.objects.filter(pk=commitment.pk))
        commitment.forget_overdue_flag()


@transaction.atomic
def confirm_mention(mention: Mention, user, now: datetime.datetime) -> str | None:
    """Confirm a mention and apply what it says: the status rule above, and the deadline it
    proposed (confirmed with it, so the slip enters the deadline history). Returns the new
    status, or None when the status did not change."""
    from commitments.overdue import record_mention, refresh_deadline

    today = timezone.localdate(now)
    _mark_reviewed(mention, ReviewState.CONFIRMED, user, now)
    mention.save()
    record_mention(mention, today)
    commitment = mention.commitment
    proposed = list(mention.proposed_deadlines.filter(review_state=ReviewState.SUGGESTED))
    for deadline in proposed:
        deadline.review_state = ReviewState.CONFIRMED
        deadline._history_user = user
        deadline.save()
    if proposed:
        refresh_deadline(commitment, today)
    new_status = status_after_mention(commitment.status, mention.signal)
    if new_status and set_status(commitment, new_status, user, today):
        return new_status
    return None


def status_after_mention(status: str, signal: str) -> str | None:
    """The status a confirmed mention with `signal` gives a commitment now in `status`, if any."""
    if status not in Commitment.ACTIVE_STATUSES:
        return None
    target = MENTION_STATUS_RULES.get(signal)
    if target == Commitment.Status.DELAYED and status != Commitment.Status.OPEN:
        return None
    return target if target != status else None


@transaction.atomic
def reject_mention(mention: Mention, user, now: datetime.datetime) -> None:
    _mark_reviewed(mention, ReviewState.REJECTED, user, now)
    mention.save()


def quote_context(raw_text: str, line: int, around: int = CONTEXT_LINES) -> list[tuple[int, str, bool]]:
    """The lines around `line` (1-based) as (number, text, is_quote_line) for the review screen."""
    lines = raw_text.splitlines()
    first = max(1, line - around)
    last = min(len(lines), line + around)
    return [(n, lines[n - 1], n == line) for n in range(first, last + 1)]
