"""The Celery app. Configuration comes from Django settings under the CELERY_ prefix."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The periodic jobs, in CELERY_TIMEZONE (Europe/Brussels). Flagging runs first so the morning
# digest carries the night's events; each task is idempotent, so a beat that fires twice is harmless.
BEAT_SCHEDULE = {
    "flag-overdue-daily": {
        "task": "commitments.flag_overdue",
        "schedule": crontab(hour=1, minute=0),
        # A run that has not started by the next one is dropped, not stacked up.
        "options": {"expires": 23 * 60 * 60},
    },
    # Documents ingested while the broker was down wait as "linking pending"; pick them up.
    "link-pending-documents": {
        "task": "tracker.link_pending_documents",
        "schedule": crontab(minute="*/10"),
        "options": {"expires": 9 * 60},
    },
    "send-digest-daily": {
        "task": "following.send_digest",
        "schedule": crontab(hour=7, minute=0),
        "options": {"expires": 23 * 60 * 60},
    },
}
app.conf.beat_schedule = BEAT_SCHEDULE
