"""Writes: only civil servants (and admins) create, edit, confirm and reject; each write is in the
history with the user who made it."""

import datetime

import pytest

from commitments.models import Commitment, Event, Mention, ReviewState
from tests.factories import PolicyFieldFactory, SpeechFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/commitments/"


def new_commitment_body(speech, **extra) -> dict:
    return {
        "speech": speech.pk, "title": "Nieuwe omzendbrief", "quote": speech.text, "line": 11,
        "strength": "firm", **extra,
    }


# --- Who may write ---------------------------------------------------------------------------------

WRITES = [
    ("post", "/api/v1/commitments/", "commitment"),
    ("patch", "/api/v1/commitments/{commitment}/", "commitment"),
    ("post", "/api/v1/commitments/{suggested}/confirm/", "suggested"),
    ("post", "/api/v1/commitments/{suggested}/reject/", "suggested"),
    ("post", "/api/v1/mentions/{mention}/confirm/", "mention"),
    ("post", "/api/v1/mentions/{mention}/reject/", "mention"),
    ("post", "/api/v1/documents/", None),
]


def write_url(template: str, published) -> str:
    return template.format(
        commitment=published["commitment"].pk, suggested=published["suggested"].pk,
        mention=published["suggested_mention"].pk,
    )


@pytest.mark.parametrize(("method", "template", "_record"), WRITES)
def test_anonymous_write_is_401_and_changes_nothing(anonymous, published, method, template, _record):
    before = Commitment.history.count()
    response = getattr(anonymous, method)(write_url(template, published), {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()
    assert Commitment.history.count() == before


@pytest.mark.parametrize(("method", "template", "_record"), WRITES)
def test_rest_client_without_the_civil_servant_group_gets_403(reader_api, published, method, template, _record):
    before = Commitment.history.count()
    response = getattr(reader_api, method)(write_url(template, published), {}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only a member of the 'civil servant' group may change records."}
    assert Commitment.history.count() == before


def test_put_is_not_offered_use_patch(civil_servant_api, published):
    response = civil_servant_api.put(f"{LIST}{published['commitment'].pk}/", {}, format="json")
    assert response.status_code == 405


# --- Create --------------------------------------------------------------------------------------


def test_civil_servant_creates_a_confirmed_commitment_with_a_deadline(civil_servant_api, civil_servant, field):
    speech = SpeechFactory(document__date=datetime.date(2020, 10, 13))
    body = new_commitment_body(
        speech, policy_field=field.pk,
        deadline={"text": "eind 2020", "earliest": "2020-10-13", "latest": "2020-12-31"},
    )
    response = civil_servant_api.post(LIST, body, format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert response["Location"] == created["url"]
    assert created["title"] == "Nieuwe omzendbrief"
    assert created["review_state"] == "confirmed"
    assert created["made_by"]["id"] == speech.speaker_id  # defaults to the speaker
    assert created["made_on"] == "2020-10-13"  # and the date of the document
    assert created["policy_field"]["slug"] == field.slug
    assert created["current_deadline"] == {
        "text": "eind 2020", "earliest": "2020-10-13", "latest": "2020-12-31", "stated_on": "2020-10-13"
    }
    commitment = Commitment.objects.get(pk=created["id"])
    assert commitment.current_deadline_latest == datetime.date(2020, 12, 31)
    assert commitment.reviewed_by == civil_servant
    assert commitment.history.get().history_user == civil_servant
    assert commitment.deadlines.get().history.get().history_user == civil_servant


def test_admin_may_write_too(admin_api, db):
    response = admin_api.post(LIST, new_commitment_body(SpeechFactory()), format="json")
    assert response.status_code == 201


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"speech": 999999}, "speech"),
        ({"title": ""}, "title"),
        ({"line": -3}, "line"),
        ({"status": "forgotten"}, "status"),
        ({"policy_field": "wonen"}, "policy_field"),
        ({"deadline": {"text": "ooit", "earliest": "2021-01-01", "latest": "2020-01-01"}}, "deadline"),
        ({"deadline": {"text": "ooit", "earliest": "2021-01-01"}}, "deadline"),
    ],
)
def test_malformed_commitment_is_a_400_naming_the_field(civil_servant_api, db, change, field):
    before = Commitment.objects.count()
    response = civil_servant_api.post(LIST, {**new_commitment_body(SpeechFactory()), **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Commitment.objects.count() == before


def test_deadline_window_error_names_the_latest_date(civil_servant_api, db):
    body = new_commitment_body(
        SpeechFactory(), deadline={"text": "ooit", "earliest": "2021-01-01", "latest": "2020-01-01"}
    )
    response = civil_servant_api.post(LIST, body, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {"deadline": {"latest": ["The latest date is before the earliest date."]}}


def test_the_same_quote_twice_is_a_400_not_a_crash(civil_servant_api, db):
    body = new_commitment_body(SpeechFactory())
    assert civil_servant_api.post(LIST, body, format="json").status_code == 201
    response = civil_servant_api.post(LIST, body, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_speech_without_speaker_needs_made_by(civil_servant_api, db):
    speech = SpeechFactory(speaker=None, speaker_name="")
    response = civil_servant_api.post(LIST, new_commitment_body(speech), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"made_by": ["The speech has no known speaker: say who made the commitment."]}


def test_malformed_json_body_is_a_400(civil_servant_api, db):
    response = civil_servant_api.post(LIST, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]


# --- Edit ----------------------------------------------------------------------------------------


def test_edit_records_the_user_in_the_history(civil_servant_api, civil_servant, published):
    commitment = published["commitment"]
    response = civil_servant_api.patch(f"{LIST}{commitment.pk}/", {"title": "Omzendbrief telewerk"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Omzendbrief telewerk"
    latest = commitment.history.first()
    assert (latest.title, latest.history_user) == ("Omzendbrief telewerk", civil_servant)


def test_status_change_writes_the_event_and_clears_the_overdue_flag(civil_servant_api, civil_servant, published):
    commitment = published["commitment"]
    response = civil_servant_api.patch(
        f"{LIST}{commitment.pk}/", {"status": "fulfilled", "title": "Omzendbrief verstuurd"}, format="json"
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["title"], body["overdue"], body["days_overdue"]) == (
        "fulfilled", "Omzendbrief verstuurd", False, None
    )
    kinds = set(Event.objects.filter(commitment=commitment).values_list("kind", flat=True))
    assert kinds == {Event.Kind.FULFILLED, Event.Kind.NO_LONGER_OVERDUE}
    assert commitment.history.first().history_user == civil_servant
    assert commitment.history.first().status == "fulfilled"


def test_a_new_deadline_is_a_new_statement_that_becomes_current(civil_servant_api, published):
    commitment = published["commitment"]
    response = civil_servant_api.patch(
        f"{LIST}{commitment.pk}/",
        {"deadline": {"text": "tegen Pasen 2021", "earliest": "2021-04-04", "latest": "2021-04-04",
                      "stated_on": "2021-02-01"}},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert [d["text"] for d in body["deadlines"]] == ["tegen de zomer", "eind 2020", "tegen Pasen 2021"]
    assert body["current_deadline"]["text"] == "tegen Pasen 2021"
    commitment.refresh_from_db()
    assert commitment.current_deadline_latest == datetime.date(2021, 4, 4)


def test_review_state_is_not_editable_through_patch(civil_servant_api, published):
    suggested = published["suggested"]
    response = civil_servant_api.patch(f"{LIST}{suggested.pk}/", {"review_state": "confirmed"}, format="json")
    assert response.status_code == 200
    assert response.json()["review_state"] == "suggested"


def test_edit_of_unknown_commitment_is_404(civil_servant_api, db):
    assert civil_servant_api.patch(f"{LIST}424242/", {"title": "x"}, format="json").status_code == 404


def test_edit_with_a_bad_value_is_a_400_naming_it(civil_servant_api, published):
    response = civil_servant_api.patch(
        f"{LIST}{published['commitment'].pk}/", {"strength": "very"}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["strength"]


def test_policy_field_can_be_cleared(civil_servant_api, published):
    response = civil_servant_api.patch(
        f"{LIST}{published['commitment'].pk}/", {"policy_field": None}, format="json"
    )
    assert response.json()["policy_field"] is None
    assert PolicyFieldFactory._meta.model.objects.filter(slug="binnenlands-bestuur").exists()


# --- Confirm and reject --------------------------------------------------------------------------


def test_confirming_a_suggestion_publishes_it_and_records_who(anonymous, civil_servant_api, civil_servant, published):
    suggested = published["suggested"]
    response = civil_servant_api.post(f"{LIST}{suggested.pk}/confirm/", {"note": "Klopt."}, format="json")
    assert response.status_code == 200
    assert response.json()["review_state"] == "confirmed"
    suggested.refresh_from_db()
    assert (suggested.review_state, suggested.reviewed_by, suggested.review_note) == (
        ReviewState.CONFIRMED, civil_servant, "Klopt."
    )
    assert suggested.history.first().history_user == civil_servant
    assert anonymous.get(f"{LIST}{suggested.pk}/").status_code == 200


def test_rejecting_a_commitment_hides_it_from_the_public(anonymous, civil_servant_api, civil_servant, published):
    commitment = published["commitment"]
    response = civil_servant_api.post(f"{LIST}{commitment.pk}/reject/", format="json")
    assert response.status_code == 200
    assert response.json()["review_state"] == "rejected"
    assert commitment.history.first().history_user == civil_servant
    assert anonymous.get(f"{LIST}{commitment.pk}/").status_code == 404


def test_confirm_of_unknown_commitment_is_404(civil_servant_api, db):
    assert civil_servant_api.post(f"{LIST}5555/confirm/").status_code == 404


def test_confirming_a_mention_counts_it(anonymous, civil_servant_api, civil_servant, published):
    mention = published["suggested_mention"]
    response = civil_servant_api.post(f"/api/v1/mentions/{mention.pk}/confirm/", format="json")
    assert response.status_code == 200
    assert response.json()["review_state"] == "confirmed"
    mention.refresh_from_db()
    assert (mention.review_state, mention.reviewed_by) == (ReviewState.CONFIRMED, civil_servant)
    assert mention.history.first().history_user == civil_servant
    assert anonymous.get(f"{LIST}{published['commitment'].pk}/").json()["mention_count"] == 2


def test_rejecting_a_mention_records_who(civil_servant_api, civil_servant, published):
    mention = published["suggested_mention"]
    response = civil_servant_api.post(f"/api/v1/mentions/{mention.pk}/reject/", format="json")
    assert response.json()["review_state"] == "rejected"
    assert Mention.objects.get(pk=mention.pk).history.first().history_user == civil_servant
