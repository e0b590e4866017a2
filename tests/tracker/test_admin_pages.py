"""Every admin page a civil servant uses opens, without N+1 queries; visitors are sent to login."""

import datetime

import pytest
import time_machine
from django.contrib import admin
from django.urls import reverse

from commitments.models import OverdueFlag

from tests.factories import (
    AgendaItemFactory, CommitmentFactory, CommitmentRecommendationFactory, DeadlineFactory, EventFactory,
    MentionFactory, SpeechFactory, state_deadlines,
)

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "admin:commitments_commitment_changelist",
    "admin:commitments_suggestedcommitment_changelist",
    "admin:commitments_deadline_changelist",
    "admin:commitments_mention_changelist",
    "admin:commitments_event_changelist",
    "admin:recommendations_recommendation_changelist",
    "admin:recommendations_policyfield_changelist",
    "admin:transcripts_document_changelist",
    "admin:transcripts_meeting_changelist",
    "admin:transcripts_agendaitem_changelist",
    "admin:transcripts_speech_changelist",
    "admin:transcripts_person_changelist",
]


def make_records(n: int) -> None:
    for i in range(n):
        link = CommitmentRecommendationFactory()
        DeadlineFactory(commitment=link.commitment)
        MentionFactory(commitment=link.commitment)
        MentionFactory(commitment=link.commitment, review_state="suggested")
        EventFactory(commitment=link.commitment)
        AgendaItemFactory()
        SpeechFactory()


@pytest.mark.parametrize("url_name", CHANGELISTS)
def test_anonymous_visitor_is_sent_to_login(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("url_name", CHANGELISTS)
def test_civil_servant_list_pages_cost_the_same_for_3_or_15_rows(
    civil_servant_client, django_assert_max_num_queries, url_name
):
    make_records(3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert civil_servant_client.get(reverse(url_name)).status_code == 200
    make_records(12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = civil_servant_client.get(reverse(url_name))
    assert response.status_code == 200


def test_civil_servant_sees_the_quote_in_context_read_only(civil_servant_client):
    deadline = DeadlineFactory()
    commitment = deadline.commitment
    document = commitment.speech.document
    commitment.line = 12
    commitment.save()
    response = civil_servant_client.get(reverse("admin:commitments_commitment_change", args=[commitment.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert document.raw_text.splitlines()[11] in body  # line 12 itself
    assert document.raw_text.splitlines()[8] in body  # three lines before
    assert 'name="quote"' not in body  # read-only: no form field to edit the evidence


def test_confirm_action_records_who_confirmed_in_the_history(civil_servant_client, civil_servant):
    commitment = DeadlineFactory(commitment__review_state="suggested").commitment
    response = civil_servant_client.post(
        reverse("admin:commitments_commitment_changelist"),
        {"action": "confirm", "_selected_action": [commitment.pk]},
    )
    assert response.status_code == 302
    commitment.refresh_from_db()
    assert commitment.review_state == "confirmed"
    assert commitment.reviewed_by == civil_servant
    latest = commitment.history.latest()
    assert latest.history_user == civil_servant
    history = civil_servant_client.get(reverse("admin:commitments_commitment_history", args=[commitment.pk]))
    assert history.status_code == 200
    assert "ambtenaar" in history.content.decode()


def test_mark_fulfilled_clears_overdue_and_writes_events(civil_servant_client):
    commitment = DeadlineFactory().commitment
    OverdueFlag.objects.create(commitment=commitment, since=datetime.date(2021, 1, 1))
    civil_servant_client.post(
        reverse("admin:commitments_commitment_changelist"),
        {"action": "mark_fulfilled", "_selected_action": [commitment.pk]},
    )
    commitment.refresh_from_db()
    assert commitment.status == "fulfilled"
    assert commitment.overdue_since is None
    assert sorted(commitment.events.values_list("kind", flat=True)) == ["fulfilled", "no_longer_overdue"]


def test_reject_action_hides_the_suggestion_from_the_review_queue(civil_servant_client):
    suggested = DeadlineFactory(commitment__review_state="suggested").commitment
    civil_servant_client.post(
        reverse("admin:commitments_suggestedcommitment_changelist"),
        {"action": "reject", "_selected_action": [suggested.pk]},
    )
    suggested.refresh_from_db()
    assert suggested.review_state == "rejected"
    queue = civil_servant_client.get(reverse("admin:commitments_suggestedcommitment_changelist"))
    assert suggested.title not in queue.content.decode()


def test_review_queue_lists_the_most_confident_first(civil_servant_client):
    low = DeadlineFactory(commitment__review_state="suggested", commitment__confidence=0.3,
                          commitment__title="Lage zekerheid").commitment
    high = DeadlineFactory(commitment__review_state="suggested", commitment__confidence=0.9,
                           commitment__title="Hoge zekerheid").commitment
    DeadlineFactory(commitment__title="Al bevestigd")
    body = civil_servant_client.get(reverse("admin:commitments_suggestedcommitment_changelist")).content.decode()
    assert body.index(high.title) < body.index(low.title)
    assert "Al bevestigd" not in body


def test_civil_servant_cannot_delete_documents_or_manage_users(civil_servant):
    assert civil_servant.has_perm("commitments.change_commitment")
    assert civil_servant.has_perm("commitments.add_mention")
    assert civil_servant.has_perm("recommendations.change_recommendation")
    assert not civil_servant.has_perm("transcripts.delete_document")
    assert not civil_servant.has_perm("auth.add_user")
    assert not civil_servant.has_perm("commitments.delete_commitment")


def test_every_tracker_model_is_in_the_admin():
    from django.apps import apps

    for label in ("commitments", "recommendations", "transcripts"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical") or model.__name__ in {
                "CommitmentRecommendation", "Portfolio",  # edited inline on their parent
                "CommitmentTerm", "RecommendationTerm",  # the linking index, rebuilt by code
                "OverdueFlag",  # the overdue job's, shown (read-only) on the commitment
            }:
                continue  # edited inline on their parent
            assert admin.site.is_registered(model), model



@time_machine.travel(datetime.date(2021, 2, 1), tick=False)
@pytest.mark.parametrize("how", ["delete view", "delete action"])
def test_deleting_the_current_deadline_makes_the_one_before_current_again(civil_servant_client, how):
    commitment = CommitmentFactory()
    easter, summer = state_deadlines(
        commitment,
        ("tegen Pasen 2021", datetime.date(2021, 4, 4), datetime.date(2020, 10, 13)),
        ("tegen de zomer", datetime.date(2021, 6, 30), datetime.date(2021, 1, 20)),
    )
    if how == "delete view":
        civil_servant_client.post(reverse("admin:commitments_deadline_delete", args=[summer.pk]), {"post": "yes"})
    else:
        civil_servant_client.post(
            reverse("admin:commitments_deadline_changelist"),
            {"action": "delete_selected", "_selected_action": [summer.pk], "post": "yes"},
        )
    assert not commitment.deadlines.filter(pk=summer.pk).exists()
    easter.refresh_from_db()
    commitment.refresh_from_db()
    assert easter.is_current
    assert commitment.current_deadline_latest == datetime.date(2021, 4, 4)
    moved = commitment.events.get(kind="deadline_moved")
    assert moved.detail["from"]["latest"] == "2021-06-30" and moved.detail["to"]["text"] == "tegen Pasen 2021"
