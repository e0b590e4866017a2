"""Celery tasks over commitments: thin wrappers that read the clock once and call overdue.py."""

from __future__ import annotations

import datetime
import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from commitments.overdue import update_overdue

logger = logging.getLogger(__name__)

# A lost database or broker connection is worth retrying; a bug is not.
RETRY_ON = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    name="commitments.flag_overdue",
    autoretry_for=RETRY_ON,
    retry_backoff=30,  # 30 s, 60 s, 120 s, ... with jitter
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=6,
    soft_time_limit=10 * 60,
    time_limit=11 * 60,
)
def flag_overdue_task(today: str | None = None) -> dict:
    """Flag and clear overdue commitments as of `today` (ISO date; default today in Brussels).

    Safe to run twice, or on two workers at once: see commitments/overdue.py.
    """
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    result = update_overdue(day)
    logger.info("flag_overdue %s: %s", day.isoformat(), result.as_dict())
    return {"today": day.isoformat(), **result.as_dict()}
