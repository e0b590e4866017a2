"""Celery tasks for following: the daily digest, a thin wrapper over digest.py."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from following.digest import send_digests

logger = logging.getLogger(__name__)

# Database hiccups and a mail server that is down or drops the connection (smtplib's errors are
# OSErrors) are retried; what was sent before the error is recorded and not sent again.
RETRY_ON = (OperationalError, InterfaceError, OSError)


@shared_task(
    name="following.send_digest",
    autoretry_for=RETRY_ON,
    retry_backoff=60,  # 1, 2, 4, ... minutes with jitter
    retry_backoff_max=60 * 60,
    retry_jitter=True,
    max_retries=8,
    soft_time_limit=25 * 60,
    time_limit=30 * 60,
)
def send_digest_task() -> dict:
    """Mail every subscriber the events they follow that they have not been sent yet."""
    result = send_digests(timezone.now())
    logger.info("send_digest: %s", result.as_dict())
    return result.as_dict()
