"""The daily digest: mail each subscriber the new events they follow, then mark events processed.

A separate step from flagging (commitments/overdue.py writes the events; this reads them).

What was sent to whom is a Delivery row per (subscription, event), written in the transaction that
claimed the subscription and sent its mail. So:

- a second run sends nothing: every pending event already has its Delivery;
- two runs at once do not mail anyone twice: a run claims a subscription with a conditional UPDATE,
  which waits for the other run's claim on PostgreSQL (a row lock) and on SQLite (the write lock),
  and then finds the Deliveries the other run wrote;
- a mail the server refuses for one address is logged and counted on that subscription
  (`failed_attempts`, `last_error`); its events stay pending for it and are tried again next run,
  while everyone else's digest goes out; after MAX_FAILED_ATTEMPTS runs in a row it is set aside;
- a mail server that is down stops the run (the task retries with backoff); what was sent before
  stays recorded.

An event is processed (`Event.processed_at`) once no active subscription it concerns is missing its
Delivery. Which events:
- public ones (of confirmed commitments); a subscriber gets the events created after they confirmed;
- events of suggested commitments wait, unprocessed, until a civil servant reviews the commitment;
- events of rejected commitments are news for nobody and are marked processed unsent.
A crash between sending and committing can send one digest twice (at least once, never lost).
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from dataclasses import asdict, dataclass

from django.core.mail import BadHeaderError, EmailMultiAlternatives
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.template.loader import render_to_string

from commitments.models import Event, ReviewState
from following import describe
from following.models import Delivery, Subscription
from following.subscriptions import unsubscribe_url

logger = logging.getLogger(__name__)

# Refusals about one address or one message: counted against that subscription. Anything else
# from the mail server (connection refused, timeout, disconnect) stops the run to be retried.
SUBSCRIPTION_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError, BadHeaderError)

# At most this many events in one mail; the rest follow in the next digest.
MAX_EVENTS_PER_MAIL = 200


@dataclass
class DigestResult:
    sent: int = 0  # mails sent
    events_sent: int = 0  # deliveries written
    failed: int = 0  # subscriptions whose mail was refused
    processed: int = 0  # events marked processed

    def as_dict(self) -> dict:
        return asdict(self)


def pending_events(subscription: Subscription) -> QuerySet[Event]:
    """Public events this subscription follows, created since it was confirmed, not yet sent to it."""
    return (
        Event.objects.public()
        .unprocessed()
        .filter(subscription.events_filter(), created_at__gte=subscription.confirmed_at)
        .exclude(Exists(Delivery.objects.filter(subscription=subscription, event=OuterRef("pk"))))
    )


def _concerns() -> Q:
    """Subscription-side condition: follows the outer query's Event."""
    return (
        Q(commitment=OuterRef("commitment"))
        | Q(person=OuterRef("commitment__made_by"))
        | Q(policy_field=OuterRef("commitment__policy_field"))
    )


def waiting_subscriptions() -> QuerySet[Subscription]:
    """Active subscriptions with at least one pending event."""
    pending = (
        Event.objects.public()
        .unprocessed()
        .filter(created_at__gte=OuterRef("confirmed_at"))
        .filter(
            Q(commitment=OuterRef("commitment"))
            | Q(commitment__made_by=OuterRef("person"))
            | Q(commitment__policy_field=OuterRef("policy_field"))
        )
        .exclude(Exists(Delivery.objects.filter(subscription=OuterRef(OuterRef("pk")), event=OuterRef("pk"))))
    )
    return Subscription.objects.active().filter(Exists(pending)).order_by("id")


def send_digests(now: datetime.datetime) -> DigestResult:
    result = DigestResult()
    for subscription_id in list(waiting_subscriptions().values_list("pk", flat=True)):
        sent = _send_one(subscription_id, now)
        if sent is None:
            result.failed += 1
        elif sent:
            result.sent += 1
            result.events_sent += sent
    result.processed = mark_processed(now)
    return result


def _send_one(subscription_id: int, now: datetime.datetime) -> int | None:
    """Mail one subscription its pending events: the number sent, or None if the mail was refused."""
    with transaction.atomic():
        # The claim: a write first, so a second run waits here and then sees our Deliveries.
        claimed = Subscription.objects.active().filter(pk=subscription_id).update(last_sent_at=F("last_sent_at"))
        if not claimed:
            return 0  # unsubscribed or set aside meanwhile
        subscription = Subscription.objects.select_related("person", "policy_field", "commitment").get(
            pk=subscription_id
        )
        events = list(
            pending_events(subscription)
            .select_related("commitment__made_by", "commitment__policy_field")
            .order_by("created_at", "id")[:MAX_EVENTS_PER_MAIL]
        )
        if not events:
            return 0
        try:
            digest_message(subscription, events).send()
        except SUBSCRIPTION_ERRORS as error:
            logger.warning("digest for subscription %s refused: %s", subscription_id, error)
            Subscription.objects.filter(pk=subscription_id).update(
                failed_attempts=F("failed_attempts") + 1, last_error=f"{now:%Y-%m-%d %H:%M}: {error}"[:2000]
            )
            return None
        Delivery.objects.bulk_create(Delivery(subscription=subscription, event=e, sent_at=now) for e in events)
        Subscription.objects.filter(pk=subscription_id).update(last_sent_at=now, failed_attempts=0, last_error="")
        return len(events)


def mark_processed(now: datetime.datetime) -> int:
    """Mark processed the events every active subscription they concern has been sent."""
    with transaction.atomic():
        nobody = Event.objects.unprocessed().filter(commitment__review_state=ReviewState.REJECTED).update(
            processed_at=now
        )
        someone_waits = (
            Subscription.objects.active()
            .filter(_concerns(), confirmed_at__lte=OuterRef("created_at"))
            .exclude(Exists(Delivery.objects.filter(subscription=OuterRef("pk"), event=OuterRef(OuterRef("pk")))))
        )
        done = (
            Event.objects.public()
            .unprocessed()
            .filter(created_at__lte=now)
            .exclude(Exists(someone_waits))
            .update(processed_at=now)
        )
    return nobody + done


def digest_message(subscription: Subscription, events: list[Event]) -> EmailMultiAlternatives:
    stop_url = unsubscribe_url(subscription)
    entries = [
        {
            "title": describe.title(event),
            "sentence": describe.sentence(event),
            "url": describe.absolute(describe.commitment_path(event.commitment_id)),
            "event": event,
        }
        for event in events
    ]
    context = {
        "subscription": subscription,
        "followed": subscription.followed,
        "entries": entries,
        "unsubscribe_url": stop_url,
    }
    return EmailMultiAlternatives(
        subject=render_to_string("following/email/digest_subject.txt", context).strip(),
        body=render_to_string("following/email/digest_body.txt", context),
        to=[subscription.email],
        headers={
            # RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs here.
            "List-Unsubscribe": f"<{stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<digest.{describe.site_host()}>",
            "Auto-Submitted": "auto-generated",
        },
    )
