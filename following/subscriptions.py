"""Subscribing with a double opt-in, confirming, and unsubscribing with one click."""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.core.mail import BadHeaderError, EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from following import describe
from following.models import Subscription

logger = logging.getLogger(__name__)

# A pending subscription gets its confirmation mail again only after this long, so the form
# cannot be used to flood someone's inbox.
RESEND_CONFIRMATION_AFTER = datetime.timedelta(hours=1)


def confirm_url(subscription: Subscription) -> str:
    return describe.absolute(reverse("following:confirm", args=[subscription.token]))


def unsubscribe_url(subscription: Subscription) -> str:
    return describe.absolute(reverse("following:unsubscribe", args=[subscription.token]))


def subscribe(email: str, followed, now: datetime.datetime) -> Subscription:
    """Start following `followed` (a Person, PolicyField or Commitment) at `email`.

    Creates a pending subscription and mails the confirmation link. Asking again for a pending one
    resends the link (at most once an hour); asking again for a confirmed one changes nothing. The
    caller shows the same page in every case, so the form does not reveal who follows what.
    """
    email = email.strip().lower()
    target = Subscription.target_for(followed)
    live = Subscription.objects.filter(email=email, unsubscribed_at__isnull=True, **target)
    try:
        with transaction.atomic():
            subscription, created = live.get_or_create(defaults={"email": email, **target})
    except IntegrityError:
        # Another request created it between our look and our insert.
        subscription, created = live.get(), False
    if subscription.confirmed_at is not None:
        return subscription
    recently = subscription.confirmation_sent_at and now - subscription.confirmation_sent_at < RESEND_CONFIRMATION_AFTER
    if created or not recently:
        send_confirmation(subscription, now)
    return subscription


def send_confirmation(subscription: Subscription, now: datetime.datetime) -> bool:
    """Mail the confirmation link. False (and logged) if the mail server refused it."""
    context = {
        "subscription": subscription,
        "followed": subscription.followed,
        "confirm_url": confirm_url(subscription),
        "unsubscribe_url": unsubscribe_url(subscription),
    }
    message = EmailMessage(
        subject=render_to_string("following/email/confirm_subject.txt", context).strip(),
        body=render_to_string("following/email/confirm_body.txt", context),
        to=[subscription.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    try:
        message.send()
    except (smtplib.SMTPException, OSError, BadHeaderError) as error:
        logger.warning("confirmation mail to subscription %s not sent: %s", subscription.pk, error)
        return False
    Subscription.objects.filter(pk=subscription.pk).update(confirmation_sent_at=now)
    subscription.confirmation_sent_at = now
    return True


def confirm(subscription: Subscription, now: datetime.datetime) -> bool:
    """Activate a pending subscription. False if it was confirmed already or is unsubscribed."""
    changed = Subscription.objects.pending().filter(pk=subscription.pk).update(confirmed_at=now)
    if changed:
        subscription.confirmed_at = now
    return bool(changed)


def unsubscribe(subscription: Subscription, now: datetime.datetime) -> bool:
    """Stop a subscription, pending or confirmed. False if it was stopped already."""
    changed = Subscription.objects.filter(pk=subscription.pk, unsubscribed_at__isnull=True).update(
        unsubscribed_at=now
    )
    if changed:
        subscription.unsubscribed_at = now
    return bool(changed)
