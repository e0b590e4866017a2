"""Reading commitments: what each client sees, the shape of a record, pages and their cost."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import ReviewState
from tests.factories import CommitmentFactory, CommitmentRecommendationFactory, DeadlineFactory, MentionFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/commitments/"
NOON_1_MARCH_2021 = datetime.datetime(2021, 3, 1, 12, tzinfo=ZoneInfo("Europe/Brussels"))


def titles(response) -> list[str]:
    return [row["title"] for row in response.json()["results"]]


@time_machine.travel(NOON_1_MARCH_2021, tick=False)
def test_commitment_shows_deadline_history_overdue_days_links_mentions_and_source(anonymous, published):
    commitment = published["commitment"]
    response = anonymous.get(f"{LIST}{commitment.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Omzendbrief anders werken"
    assert body["status"] == "open"
    assert body["made_by"]["name"] == "Bart Somers"
    assert body["made_by"]["slug"] == "bart-somers"
    assert body["policy_field"]["slug"] == "binnenlands-bestuur"
    assert body["current_deadline"] == {
        "text": "eind 2020", "earliest": "2020-10-13", "latest": "2020-12-31", "stated_on": "2020-10-13"
    }
    assert [d["text"] for d in body["deadlines"]] == ["tegen de zomer", "eind 2020"]
    assert [d["is_current"] for d in body["deadlines"]] == [False, True]
    assert body["overdue"] is True
    assert body["overdue_since"] == "2021-01-01"
    assert body["days_overdue"] == 59  # 1 January to 1 March 2021
    assert body["mention_count"] == 1  # the suggested mention does not count
    assert [(r["number"], r["review_state"]) for r in body["recommendations"]] == [("7", "confirmed")]
    assert body["recommendations"][0]["url"].endswith(f"/api/v1/recommendations/{published['recommendation'].pk}/")
    assert body["quote"] == commitment.quote
    assert body["source"]["line"] == commitment.line
    assert body["source"]["speech"] == commitment.speech_id
    assert body["source"]["document"]["id"] == commitment.speech.document_id
    assert body["source"]["document"]["title"] == commitment.speech.document.title


def test_days_overdue_counts_from_the_day_the_request_is_answered(anonymous, published):
    url = f"{LIST}{published['commitment'].pk}/"
    with time_machine.travel(datetime.datetime(2021, 1, 1, 9, tzinfo=ZoneInfo("Europe/Brussels")), tick=False):
        assert anonymous.get(url).json()["days_overdue"] == 0
    with time_machine.travel(datetime.datetime(2021, 1, 2, 9, tzinfo=ZoneInfo("Europe/Brussels")), tick=False):
        assert anonymous.get(url).json()["days_overdue"] == 1


def test_commitment_not_overdue_has_no_days_overdue(anonymous, minister):
    commitment = CommitmentFactory(speech__speaker=minister)
    body = anonymous.get(f"{LIST}{commitment.pk}/").json()
    assert (body["overdue"], body["overdue_since"], body["days_overdue"]) == (False, None, None)
    assert body["current_deadline"] is None
    assert body["deadlines"] == []


def test_anonymous_visitor_sees_only_confirmed_commitments(anonymous, published):
    response = anonymous.get(LIST)
    assert titles(response) == ["Omzendbrief anders werken"]
    assert response.json()["count"] == 1


def test_rest_client_without_group_sees_only_confirmed_commitments(reader_api, published):
    assert titles(reader_api.get(LIST)) == ["Omzendbrief anders werken"]


def test_civil_servant_also_sees_suggested_commitments_with_their_review_state(civil_servant_api, published):
    rows = civil_servant_api.get(f"{LIST}?ordering=title").json()["results"]
    assert [(row["title"], row["review_state"]) for row in rows] == [
        ("Nieuw decreet lokaal bestuur", "suggested"),
        ("Omzendbrief anders werken", "confirmed"),
    ]


def test_suggested_commitment_is_404_for_anonymous_and_readers(anonymous, reader_api, published):
    url = f"{LIST}{published['suggested'].pk}/"
    for client in (anonymous, reader_api):
        response = client.get(url)
        assert response.status_code == 404
        assert "detail" in response.json()


def test_civil_servant_sees_suggested_deadlines_and_links_that_the_public_does_not(
    anonymous, civil_servant_api, published
):
    commitment = published["commitment"]
    DeadlineFactory(commitment=commitment, text="voorstel: eind 2021", review_state=ReviewState.SUGGESTED,
                    latest=datetime.date(2021, 12, 31), stated_on=datetime.date(2021, 2, 1))
    CommitmentRecommendationFactory(commitment=commitment, review_state=ReviewState.SUGGESTED)
    public = anonymous.get(f"{LIST}{commitment.pk}/").json()
    internal = civil_servant_api.get(f"{LIST}{commitment.pk}/").json()
    assert [d["text"] for d in public["deadlines"]] == ["tegen de zomer", "eind 2020"]
    assert [d["text"] for d in internal["deadlines"]] == ["tegen de zomer", "eind 2020", "voorstel: eind 2021"]
    assert len(public["recommendations"]) == 1
    assert sorted(r["review_state"] for r in internal["recommendations"]) == ["confirmed", "suggested"]


def test_unknown_commitment_is_404(anonymous, db):
    response = anonymous.get(f"{LIST}999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": response.json()["detail"]}


def test_huge_or_non_numeric_id_is_404_not_an_error(anonymous, db):
    assert anonymous.get(f"{LIST}{10**30}/").status_code == 404
    assert anonymous.get(f"{LIST}abc/").status_code == 404


def make_commitments(n: int, minister) -> None:
    for _ in range(n):
        commitment = CommitmentFactory(speech__speaker=minister)
        DeadlineFactory(commitment=commitment)
        commitment.refresh_current_deadline()
        MentionFactory(commitment=commitment, review_state=ReviewState.CONFIRMED)
        CommitmentRecommendationFactory(commitment=commitment)


@pytest.mark.parametrize("client_name", ["anonymous", "reader_api", "civil_servant_api"])
def test_list_page_costs_the_same_queries_for_3_or_30_commitments(request, client_name, minister):
    client = request.getfixturevalue(client_name)
    make_commitments(3, minister)
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(LIST).json()["results"]) == 3
    make_commitments(27, minister)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get(LIST).json()["results"]) == 30
    assert len(large) == len(small)
    # count, the page's ids, its rows, six prefetches (people, fields, sources, deadlines, links,
    # mentions), and for a token client its token and its group
    assert len(large) <= 11


def test_csv_page_costs_the_same_queries_as_json(anonymous, minister, django_assert_max_num_queries):
    make_commitments(30, minister)
    with django_assert_max_num_queries(9):
        assert anonymous.get(LIST, {"format": "csv"}).status_code == 200


def test_pages_link_to_each_other_and_never_repeat_a_row(anonymous, minister):
    # All made on the same day and line-less order: only the id keeps the order stable.
    for _ in range(7):
        CommitmentFactory(speech__speaker=minister, made_on=datetime.date(2020, 10, 13), line=1,
                          speech__document__date=datetime.date(2020, 10, 13))
    seen, url = [], f"{LIST}?page_size=3&ordering=made_on"
    pages = 0
    while url:
        body = anonymous.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 7
    assert seen == sorted(seen)


def test_page_has_next_link_in_the_body_and_the_link_header(anonymous, minister):
    make_commitments(3, minister)
    response = anonymous.get(LIST, {"page_size": 2})
    body = response.json()
    assert body["count"] == 3
    assert body["previous"] is None
    assert body["next"].startswith("http://testserver/api/v1/commitments/?")
    assert "page=2" in body["next"]
    assert response["Link"] == f'<{body["next"]}>; rel="next"'


@pytest.mark.parametrize("sees_suggestions", [False, True], ids=["public", "civil servant"])
def test_fast_representation_equals_the_generic_serializer_walk(sees_suggestions, published):
    """CommitmentSerializer writes its representation out by hand for speed; it must say exactly
    what DRF's field-by-field walk over the declared fields (the schema) says."""
    from rest_framework.request import Request
    from rest_framework.test import APIRequestFactory

    from commitments.api import CommitmentSerializer, visible_commitments, with_page_data

    commitment = published["commitment"]
    DeadlineFactory(commitment=commitment, text="voorstel", review_state=ReviewState.SUGGESTED,
                    stated_on=None, stated_in=None, line=None)
    CommitmentFactory(policy_field=None, speech__document__date=None, made_on=None)  # the nulls
    rows = list(with_page_data(visible_commitments(sees_suggestions), sees_suggestions))
    assert len(rows) == (3 if sees_suggestions else 2)
    context = {"request": Request(APIRequestFactory().get(LIST)), "today": datetime.date(2021, 3, 1)}
    serializer = CommitmentSerializer(context=context)
    for row in rows:
        assert serializer.to_representation(row) == serializer.generic_representation(row)
