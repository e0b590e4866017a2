"""System checks for what production must set: run by `manage.py check --deploy` and at start."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def production_settings(app_configs, **kwargs):
    errors = []
    if settings.SECRET_KEY == settings.EMBEDDED_SECRET_KEY:
        errors.append(
            Error(
                "SECRET_KEY is the embedded development key.",
                hint="Set SECRET_KEY in the environment to a long random value.",
                id="tracker.E001",
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        errors.append(
            Error(
                "DATABASE_URL points at SQLite.",
                hint="Production runs on PostgreSQL: DATABASE_URL=postgres://user@host:5432/name.",
                id="tracker.E002",
            )
        )
    if settings.CELERY_TASK_ALWAYS_EAGER or settings.CELERY_BROKER_URL.startswith("memory://"):
        errors.append(
            Error(
                "Celery runs tasks in-process.",
                hint="Set CELERY_BROKER_URL=redis://host:6379/0 and run `celery -A tracker worker -B`.",
                id="tracker.E003",
            )
        )
    return errors
