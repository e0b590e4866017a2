"""Recommendations, deadlines, mentions, events, people, meetings, agenda items and speeches: what
each client sees, a filter each, 404s and 400s."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Event, ReviewState
from tests.factories import (
    AgendaItemFactory, DeadlineFactory, DocumentFactory, EventFactory, MeetingFactory, MentionFactory,
    PersonFactory, RecommendationFactory, SpeechFactory,
)

pytestmark = pytest.mark.django_db


def results(client, url: str, **params) -> list[dict]:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- Recommendations and policy fields -----------------------------------------------------------


def test_recommendation_shows_its_field_document_and_the_commitments_taking_it_up(anonymous, published):
    (row,) = results(anonymous, "/api/v1/recommendations/")
    assert row["number"] == "7"
    assert row["policy_field"]["slug"] == "binnenlands-bestuur"
    assert row["document"]["kind"] == "bundle"
    assert [(c["id"], c["title"]) for c in row["commitments"]] == [
        (published["commitment"].pk, "Omzendbrief anders werken")
    ]


def test_recommendation_hides_links_of_suggested_commitments_from_the_public(anonymous, civil_servant_api, published):
    recommendation = published["recommendation"]
    suggested = published["suggested"]
    suggested.recommendation_links.create(recommendation=recommendation, review_state=ReviewState.CONFIRMED)
    url = f"/api/v1/recommendations/{recommendation.pk}/"
    assert len(anonymous.get(url).json()["commitments"]) == 1
    assert len(civil_servant_api.get(url).json()["commitments"]) == 2


def test_recommendation_filters(anonymous, published, field):
    RecommendationFactory(number="8", text="Investeer in digitale dienstverlening.")
    assert [r["number"] for r in results(anonymous, "/api/v1/recommendations/", policy_field=field.slug)] == ["7"]
    assert [r["number"] for r in results(anonymous, "/api/v1/recommendations/", q="digitale")] == ["8"]
    response = anonymous.get("/api/v1/recommendations/", {"policy_field": "nergens"})
    assert response.status_code == 400
    assert list(response.json()) == ["policy_field"]


def test_policy_fields_list(anonymous, field):
    assert [(f["slug"], f["name"]) for f in results(anonymous, "/api/v1/policy-fields/")] == [
        ("binnenlands-bestuur", "Binnenlands bestuur")
    ]


# --- Deadlines -----------------------------------------------------------------------------------


def test_deadlines_of_suggested_commitments_are_hidden_from_the_public(anonymous, civil_servant_api, published):
    DeadlineFactory(commitment=published["suggested"], text="volgend jaar")
    public = {d["text"] for d in results(anonymous, "/api/v1/deadlines/")}
    internal = {d["text"] for d in results(civil_servant_api, "/api/v1/deadlines/")}
    assert public == {"tegen de zomer", "eind 2020"}
    assert internal == public | {"volgend jaar"}


def test_deadline_filters(anonymous, published):
    commitment = published["commitment"]
    current = results(anonymous, "/api/v1/deadlines/", commitment=commitment.pk, is_current="true")
    assert [d["text"] for d in current] == ["eind 2020"]
    assert [d["text"] for d in results(anonymous, "/api/v1/deadlines/", latest_before="2020-07-01")] == [
        "tegen de zomer"
    ]
    assert list(anonymous.get("/api/v1/deadlines/", {"is_current": "soms"}).json()) == ["is_current"]


# --- Mentions ------------------------------------------------------------------------------------


def test_suggested_mentions_are_for_civil_servants_only(anonymous, reader_api, civil_servant_api, published):
    for client in (anonymous, reader_api):
        assert [m["id"] for m in results(client, "/api/v1/mentions/")] == [published["mention"].pk]
        assert client.get(f"/api/v1/mentions/{published['suggested_mention'].pk}/").status_code == 404
    ids = {m["id"] for m in results(civil_servant_api, "/api/v1/mentions/")}
    assert ids == {published["mention"].pk, published["suggested_mention"].pk}


def test_mention_shows_its_commitment_document_and_signal(anonymous, published):
    mention = published["mention"]
    body = anonymous.get(f"/api/v1/mentions/{mention.pk}/").json()
    assert body["commitment"]["title"] == "Omzendbrief anders werken"
    assert body["document"]["date"] == "2021-09-21"
    assert (body["signal"], body["line"], body["matched_terms"]) == ("fulfilled", 20, ["omzendbrief"])


def test_mention_filters(civil_servant_api, published):
    rows = results(civil_servant_api, "/api/v1/mentions/", review_state="suggested")
    assert [m["id"] for m in rows] == [published["suggested_mention"].pk]
    assert results(civil_servant_api, "/api/v1/mentions/", signal="abandoned") == []
    assert list(civil_servant_api.get("/api/v1/mentions/", {"commitment": "x"}).json()) == ["commitment"]


# --- Events --------------------------------------------------------------------------------------


def test_events_of_suggested_commitments_are_hidden_from_the_public(anonymous, civil_servant_api, published):
    EventFactory(commitment=published["commitment"])
    EventFactory(commitment=published["suggested"])
    assert len(results(anonymous, "/api/v1/events/")) == 1
    assert len(results(civil_servant_api, "/api/v1/events/")) == 2


def test_events_since_a_date_for_clients_that_sync(anonymous, published):
    commitment = published["commitment"]
    EventFactory(commitment=commitment, happened_on=datetime.date(2021, 1, 1))
    EventFactory(commitment=commitment, kind=Event.Kind.DEADLINE_MOVED, happened_on=datetime.date(2021, 2, 1),
                 detail={"from": "2020-12-31", "to": "2021-06-30"})
    rows = results(anonymous, "/api/v1/events/", happened_since="2021-01-15")
    assert [(e["kind"], e["detail"]) for e in rows] == [("deadline_moved", {"from": "2020-12-31", "to": "2021-06-30"})]
    assert [e["kind"] for e in results(anonymous, "/api/v1/events/", kind="became_overdue")] == ["became_overdue"]


# --- People, meetings, items, speeches -----------------------------------------------------------


def test_people_filters(anonymous, minister):
    PersonFactory(name="Stijn Bex", slug="stijn-bex", role="mp", party="Groen")
    assert [p["slug"] for p in results(anonymous, "/api/v1/people/", role="minister")] == ["bart-somers"]
    assert [p["slug"] for p in results(anonymous, "/api/v1/people/", q="bex")] == ["stijn-bex"]


def test_meetings_items_and_speeches_of_a_document(anonymous, minister):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, minister=minister, subject="Telewerk")
    speech = SpeechFactory(document=meeting.document, item=item, speaker=minister, text="Het telewerk blijft.")
    SpeechFactory(text="Iets anders.")
    document = meeting.document.pk
    assert [m["id"] for m in results(anonymous, "/api/v1/meetings/", document=document)] == [meeting.pk]
    items = results(anonymous, "/api/v1/items/", minister="bart-somers")
    assert [(i["id"], i["minister"]["name"]) for i in items] == [(item.pk, "Bart Somers")]
    speeches = results(anonymous, "/api/v1/speeches/", document=document)
    assert [(s["id"], s["speaker"]["slug"], s["item"]) for s in speeches] == [(speech.pk, "bart-somers", item.pk)]
    assert [s["id"] for s in results(anonymous, "/api/v1/speeches/", q="telewerk")] == [speech.pk]
    assert [i["id"] for i in results(anonymous, "/api/v1/items/", q="telewerken")] == [item.pk]
    assert results(anonymous, "/api/v1/items/", q="regiovorming") == []


@pytest.mark.parametrize(
    "url",
    ["/api/v1/recommendations/9999/", "/api/v1/deadlines/9999/", "/api/v1/mentions/9999/", "/api/v1/events/9999/",
     "/api/v1/people/9999/", "/api/v1/meetings/9999/", "/api/v1/items/9999/", "/api/v1/speeches/9999/",
     "/api/v1/policy-fields/9999/"],
)
def test_unknown_record_is_404(anonymous, db, url):
    response = anonymous.get(url)
    assert response.status_code == 404
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/recommendations/", "/api/v1/deadlines/", "/api/v1/mentions/", "/api/v1/events/",
     "/api/v1/people/", "/api/v1/meetings/", "/api/v1/items/", "/api/v1/speeches/", "/api/v1/documents/"],
)
def test_every_list_refuses_an_unknown_ordering(anonymous, db, url):
    response = anonymous.get(url, {"ordering": "nonsense"})
    assert response.status_code == 400
    assert list(response.json()) == ["ordering"]


LISTS = {
    "/api/v1/deadlines/": lambda: DeadlineFactory(),
    "/api/v1/mentions/": lambda: MentionFactory(review_state=ReviewState.CONFIRMED),
    "/api/v1/events/": lambda: EventFactory(),
    "/api/v1/speeches/": lambda: SpeechFactory(),
    "/api/v1/items/": lambda: AgendaItemFactory(minister=PersonFactory(), asker=PersonFactory()),
    "/api/v1/meetings/": lambda: MeetingFactory(),
    "/api/v1/recommendations/": lambda: RecommendationFactory(),
    "/api/v1/documents/": lambda: DocumentFactory(),
}


@pytest.mark.parametrize("url", list(LISTS))
def test_every_list_costs_the_same_queries_for_3_or_30_rows(anonymous, db, url):
    for _ in range(3):
        LISTS[url]()
    with CaptureQueriesContext(connection) as small:
        anonymous.get(url)
    for _ in range(27):
        LISTS[url]()
    with CaptureQueriesContext(connection) as large:
        rows = anonymous.get(url).json()["results"]
    assert len(rows) >= 30
    assert len(large) == len(small) <= 4


def test_visible_links_are_exactly_the_public_links(published):
    """recommendations.api.visible_links rewrites CommitmentRecommendation.objects.public() for
    SQLite's planner; it must select the same rows."""
    from commitments.models import CommitmentRecommendation
    from recommendations.api import visible_links
    from tests.factories import CommitmentRecommendationFactory

    CommitmentRecommendationFactory(commitment=published["commitment"], review_state=ReviewState.SUGGESTED)
    CommitmentRecommendationFactory(commitment=published["suggested"], review_state=ReviewState.CONFIRMED)
    CommitmentRecommendationFactory(
        commitment=published["commitment"], review_state=ReviewState.REJECTED,
        recommendation=RecommendationFactory(number="9"),
    )
    public = set(CommitmentRecommendation.objects.public().values_list("pk", flat=True))
    assert set(visible_links(False).values_list("pk", flat=True)) == public
    assert len(public) == 1
    assert visible_links(True).count() == 4
