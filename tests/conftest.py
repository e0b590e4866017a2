"""Shared fixtures: the named users of every permission case, and the seed documents."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import CivilServantFactory, UserFactory

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed document whose file name starts with `prefix` ("000", "003")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def pytest_report_header(config):
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine}; celery broker: {settings.CELERY_BROKER_URL}"


@pytest.fixture
def civil_servant(db):
    """A member of the civil servant group: reviews and edits records in the admin."""
    return CivilServantFactory(username="ambtenaar")


@pytest.fixture
def reader(db):
    """An ordinary logged-in user without any group: a REST client of a watchdog."""
    return UserFactory(username="lezer")


@pytest.fixture
def civil_servant_client(client, civil_servant):
    client.force_login(civil_servant)
    return client


@pytest.fixture(autouse=True)
def forget_celery_connections():
    """Celery caches its broker connection and producer pools; a test that points the app at
    another broker (a real Redis, a stopped one) must not publish through an earlier test's."""
    from tracker.celery import app

    app._pool = None
    app.amqp._producer_pool = None
    yield
    app._pool = None
    app.amqp._producer_pool = None
