"""Clients of the REST API for each permission case, and a small published dataset."""

import datetime

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments.models import ReviewState
from tests.factories import (
    CommitmentFactory, CommitmentRecommendationFactory, DeadlineFactory, MentionFactory, PersonFactory,
    PolicyFieldFactory, RecommendationFactory, UserFactory,
)

TODAY = datetime.date(2021, 3, 1)


@pytest.fixture(autouse=True)
def plain_http(settings):
    """With DATABASE_URL set (the PostgreSQL run) the settings leave embedded mode and redirect
    http to https; these tests talk plain http to the test client."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The named users get passwords; hashing them properly costs a second each, for nothing here."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_throttles():
    """The throttles count requests in the cache: every test starts with none counted."""
    cache.clear()
    yield
    cache.clear()


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def anonymous(db):
    """A visitor without credentials."""
    return APIClient()


@pytest.fixture
def reader_api(reader):
    """A watchdog's REST client: a token of a user in no group. Reads what the public reads."""
    return token_client(reader)


@pytest.fixture
def civil_servant_api(civil_servant):
    return token_client(civil_servant)


@pytest.fixture
def admin_api(db):
    return token_client(UserFactory(username="beheerder", is_staff=True, is_superuser=True))


@pytest.fixture
def minister(db):
    return PersonFactory(name="Bart Somers", slug="bart-somers", party="Open Vld")


@pytest.fixture
def field(db):
    return PolicyFieldFactory(name="Binnenlands bestuur", slug="binnenlands-bestuur")


@pytest.fixture
def published(minister, field):
    """A confirmed commitment, overdue since 1 January 2021, with a slipped deadline, a confirmed
    and a suggested mention, a linked recommendation; and a suggested commitment beside it."""
    commitment = CommitmentFactory(
        title="Omzendbrief anders werken", speech__speaker=minister, policy_field=field,
        overdue_since=datetime.date(2021, 1, 1),
    )
    DeadlineFactory(commitment=commitment, text="tegen de zomer", earliest=datetime.date(2020, 6, 1),
                    latest=datetime.date(2020, 6, 30), stated_on=datetime.date(2020, 3, 1))
    DeadlineFactory(commitment=commitment, text="eind 2020", stated_on=datetime.date(2020, 10, 13))
    commitment.refresh_current_deadline()
    confirmed_mention = MentionFactory(commitment=commitment, review_state=ReviewState.CONFIRMED)
    suggested_mention = MentionFactory(commitment=commitment, review_state=ReviewState.SUGGESTED)
    link = CommitmentRecommendationFactory(
        commitment=commitment, recommendation=RecommendationFactory(number="7", policy_field=field)
    )
    suggested = CommitmentFactory(
        title="Nieuw decreet lokaal bestuur", speech__speaker=minister, review_state=ReviewState.SUGGESTED
    )
    commitment.refresh_from_db()
    return {
        "commitment": commitment, "suggested": suggested, "recommendation": link.recommendation,
        "mention": confirmed_mention, "suggested_mention": suggested_mention,
    }
