"""Each filter of the commitments list, and a 400 naming the filter for a value it cannot read."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from commitments.models import Commitment, ReviewState
from tests.factories import (
    CommitmentFactory, CommitmentRecommendationFactory, DeadlineFactory, MentionFactory, PersonFactory,
    PolicyFieldFactory, RecommendationFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/commitments/"


def titles(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return sorted(row["title"] for row in response.json()["results"])


def with_deadline(title: str, latest: datetime.date, **kwargs) -> Commitment:
    commitment = CommitmentFactory(title=title, **kwargs)
    DeadlineFactory(commitment=commitment, earliest=latest, latest=latest)
    commitment.refresh_current_deadline()
    return commitment


def test_status_filter(anonymous, db):
    CommitmentFactory(title="open", status=Commitment.Status.OPEN)
    CommitmentFactory(title="kept", status=Commitment.Status.FULFILLED)
    assert titles(anonymous, status="fulfilled") == ["kept"]
    assert titles(anonymous, status="open") == ["open"]


def test_overdue_filter_true_and_false(anonymous, db):
    CommitmentFactory(title="late", overdue_since=datetime.date(2021, 1, 1))
    CommitmentFactory(title="on time")
    assert titles(anonymous, overdue="true") == ["late"]
    assert titles(anonymous, overdue="false") == ["on time"]
    assert titles(anonymous, overdue="1") == ["late"]


def test_overdue_since_returns_what_became_overdue_on_or_after_the_day(anonymous, db):
    CommitmentFactory(title="since new year", overdue_since=datetime.date(2021, 1, 1))
    CommitmentFactory(title="since yesterday", overdue_since=datetime.date(2021, 2, 28))
    CommitmentFactory(title="since today", overdue_since=datetime.date(2021, 3, 1))
    CommitmentFactory(title="not overdue")
    assert titles(anonymous, overdue_since="2021-02-28") == ["since today", "since yesterday"]
    assert titles(anonymous, overdue_since="2021-03-02") == []


def test_minister_filter_takes_an_id_or_a_slug(anonymous, minister):
    CommitmentFactory(title="his", speech__speaker=minister)
    CommitmentFactory(title="hers", speech__speaker=PersonFactory(name="Hilde Crevits", slug="hilde-crevits"))
    assert titles(anonymous, minister="bart-somers") == ["his"]
    assert titles(anonymous, minister=str(minister.pk)) == ["his"]


def test_policy_field_filter_takes_an_id_or_a_slug(anonymous, field):
    CommitmentFactory(title="in field", policy_field=field)
    CommitmentFactory(title="elsewhere", policy_field=PolicyFieldFactory(name="Wonen", slug="wonen"))
    assert titles(anonymous, policy_field="binnenlands-bestuur") == ["in field"]
    assert titles(anonymous, policy_field=field.pk) == ["in field"]


def test_deadline_before_and_after_include_the_day_itself(anonymous, db):
    with_deadline("new year's eve", datetime.date(2020, 12, 31))
    with_deadline("new year", datetime.date(2021, 1, 1))
    with_deadline("spring", datetime.date(2021, 3, 21))
    CommitmentFactory(title="no deadline")
    assert titles(anonymous, deadline_before="2020-12-31") == ["new year's eve"]
    assert titles(anonymous, deadline_after="2021-01-01") == ["new year", "spring"]
    assert titles(anonymous, deadline_after="2021-01-01", deadline_before="2021-01-01") == ["new year"]


def test_recommendation_filter_follows_confirmed_links_only_for_the_public(anonymous, civil_servant_api, db):
    recommendation = RecommendationFactory()
    CommitmentRecommendationFactory(commitment=CommitmentFactory(title="linked"), recommendation=recommendation)
    CommitmentRecommendationFactory(
        commitment=CommitmentFactory(title="maybe linked"), recommendation=recommendation,
        review_state=ReviewState.SUGGESTED,
    )
    CommitmentFactory(title="unlinked")
    assert titles(anonymous, recommendation=recommendation.pk) == ["linked"]
    assert titles(civil_servant_api, recommendation=recommendation.pk) == ["linked", "maybe linked"]


def test_has_mentions_counts_confirmed_mentions(anonymous, db):
    MentionFactory(commitment=CommitmentFactory(title="mentioned"), review_state=ReviewState.CONFIRMED)
    MentionFactory(commitment=CommitmentFactory(title="only a suggested mention"))
    assert titles(anonymous, has_mentions="true") == ["mentioned"]
    assert titles(anonymous, has_mentions="false") == ["only a suggested mention"]


def test_updated_since_takes_a_date_or_a_date_time(anonymous, db):
    with time_machine.travel(datetime.datetime(2021, 1, 10, 12, tzinfo=datetime.timezone.utc), tick=False):
        CommitmentFactory(title="old")
    with time_machine.travel(datetime.datetime(2021, 2, 10, 12, tzinfo=datetime.timezone.utc), tick=False):
        CommitmentFactory(title="new")
    assert titles(anonymous, updated_since="2021-02-01") == ["new"]
    assert titles(anonymous, updated_since="2021-02-10T11:59:00Z") == ["new"]
    assert titles(anonymous, updated_since="2021-02-10T12:00:01+00:00") == []
    assert titles(anonymous, updated_since="2021-01-01") == ["new", "old"]


def test_q_searches_title_and_quote_in_dutch_with_every_word_required(anonymous, db):
    CommitmentFactory(title="Omzendbrief telewerk", quote="We maken een omzendbrief.")
    CommitmentFactory(title="Decreet", quote="Het decreet over de lokale besturen komt in 2021.")
    assert titles(anonymous, q="Telewerk") == ["Omzendbrief telewerk"]
    assert titles(anonymous, q="decreet besturen") == ["Decreet"]
    assert titles(anonymous, q="decreet telewerk") == []


def test_filters_combine(anonymous, minister, field):
    CommitmentFactory(title="match", speech__speaker=minister, policy_field=field,
                      overdue_since=datetime.date(2021, 1, 1))
    CommitmentFactory(title="other field", speech__speaker=minister, overdue_since=datetime.date(2021, 1, 1))
    CommitmentFactory(title="kept", speech__speaker=minister, policy_field=field, status="fulfilled")
    assert titles(anonymous, status="open", overdue="true", minister="bart-somers",
                  policy_field="binnenlands-bestuur") == ["match"]


def test_ordering_by_deadline_descending_with_the_id_breaking_ties(anonymous, db):
    first = with_deadline("a", datetime.date(2021, 1, 1))
    second = with_deadline("b", datetime.date(2021, 1, 1))
    later = with_deadline("c", datetime.date(2022, 1, 1))
    rows = anonymous.get(LIST, {"ordering": "-current_deadline_latest"}).json()["results"]
    assert [row["id"] for row in rows] == [later.pk, first.pk, second.pk]


def test_ordering_by_mention_count(anonymous, db):
    quiet = CommitmentFactory(title="quiet")
    popular = CommitmentFactory(title="popular")
    for _ in range(2):
        MentionFactory(commitment=popular, review_state=ReviewState.CONFIRMED)
    rows = anonymous.get(LIST, {"ordering": "-mention_count"}).json()["results"]
    assert [(row["id"], row["mention_count"]) for row in rows] == [(popular.pk, 2), (quiet.pk, 0)]


def test_review_state_filter_lets_a_civil_servant_list_the_suggestions(civil_servant_api, published):
    assert titles(civil_servant_api, review_state="suggested") == ["Nieuw decreet lokaal bestuur"]


@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        ("status", "late", None),
        ("overdue", "maybe", "'maybe' is not a boolean: use true or false."),
        ("has_mentions", "sometimes", "'sometimes' is not a boolean: use true or false."),
        ("overdue_since", "yesterday", None),
        ("deadline_before", "2021-13-01", None),
        ("deadline_after", "31/12/2020", None),
        ("updated_since", "last week", None),
        ("minister", "nobody-at-all", "No person has the id or slug 'nobody-at-all'."),
        ("minister", "999999", "No person has the id or slug '999999'."),
        ("minister", "100%s", "No person has the id or slug '100%s'."),  # found by schemathesis: was a 500
        ("overdue", "50%", "'50%' is not a boolean: use true or false."),
        ("policy_field", "nowhere", "No policy field has the id or slug 'nowhere'."),
        ("recommendation", "seven", None),
        ("recommendation", "1.5", None),
        ("ordering", "popularity", "'popularity' is not a field to order by"),
        ("ordering", "-quote", "'-quote' is not a field to order by"),
    ],
)
def test_malformed_filter_is_a_400_naming_the_filter(anonymous, db, param, value, message):
    response = anonymous.get(LIST, {param: value}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [param]
    if message:
        assert body[param][0].startswith(message)


def test_unknown_query_parameters_are_ignored(anonymous, published):
    assert titles(anonymous, colour="blue") == ["Omzendbrief anders werken"]


def test_timezone_is_the_one_of_the_service(db):
    # updated_since without a zone is read in Brussels time, like everything the service shows.
    assert timezone.get_current_timezone_name() == "Europe/Brussels"
