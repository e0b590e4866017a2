"""Read settings from the environment, failing at start with a message that names the variable.

A typo in production configuration should stop the service before it serves a request, not show
up later as a confusing error (the habit of healthchecks' `envbool`).
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a boolean: use one of {sorted(TRUE_WORDS | FALSE_WORDS - {''})}."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_database(name: str, default: str) -> dict:
    """Parse a database URL (`sqlite:///path`, `postgres://user@host:port/name`)."""
    import dj_database_url

    raw = os.environ.get(name) or default
    if "://" not in raw:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a database URL: expected sqlite:///path or "
            "postgres://user@host:port/name."
        )
    try:
        config = dj_database_url.parse(raw, conn_max_age=60)
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a usable database URL: {error}") from None
    if config.get("ENGINE") not in SUPPORTED_ENGINES:
        raise ImproperlyConfigured(
            f"{name}={raw!r} names a database this service does not support: use sqlite or postgres."
        )
    return config


def env_broker(name: str, default: str) -> str:
    raw = os.environ.get(name) or default
    if not raw.startswith(SUPPORTED_BROKER_SCHEMES):
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a broker URL this service supports: use redis://host:port/db "
            "or memory://."
        )
    return raw


SUPPORTED_ENGINES = {"django.db.backends.sqlite3", "django.db.backends.postgresql"}
SUPPORTED_BROKER_SCHEMES = ("redis://", "rediss://", "memory://")
