"""A promise said twice in one answer: marked for the reviewer, merged by the reviewer."""

import datetime
from types import SimpleNamespace

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from commitments.models import Commitment, Mention, ReviewState
from commitments.restatements import Said, mark_restatements, merge_into, restated
from dashboard.overview import tallies
from tests.conftest import seed_path
from tests.factories import CommitmentFactory, MentionFactory, SpeechFactory, UserFactory, state_deadlines
from tracker.pipeline import after_ingest
from transcripts.ingest import ingest_file
from transcripts.models import Document

NOW = timezone.make_aware(datetime.datetime(2021, 11, 2, 10, 0))


def ingest(prefix: str) -> Document:
    return Document.objects.get(pk=after_ingest(ingest_file(seed_path(prefix)))["document"])


@pytest.mark.django_db
def test_the_seeds_two_promises_said_twice_are_marked_and_nothing_else():
    ingest("000")
    ingest("002")
    marked = {
        (c.speech.document.filename[:3], c.line): (c.restates.line, c.reasons[-1])
        for c in Commitment.objects.filter(restates__isnull=False).select_related("speech__document", "restates")
    }
    assert set(marked) == {("000", 334), ("002", 439)}
    # "De bedoeling is om dat tegen het einde van het jaar te doen": the 'Anders werken' circular.
    assert marked["000", 334][0] == 139
    assert "omzendbrief" in marked["000", 334][1] and "~anders-werken" in marked["000", 334][1]
    # "Maar ik hoop dat we dat binnen een paar weken kunnen doen": the Limburg decision again.
    assert marked["002", 439][0] == 298
    assert "limburg" in marked["002", 439][1]


@pytest.mark.django_db
def test_marking_again_changes_nothing():
    document = ingest("000")
    before = list(Commitment.objects.order_by("pk").values_list("pk", "restates", "reasons"))
    assert mark_restatements(document) == 0
    assert list(Commitment.objects.order_by("pk").values_list("pk", "restates", "reasons")) == before


def said(line, own, around, *, dated=True, speech=1, paragraph=None):
    commitment = SimpleNamespace(
        line=line, speech_id=speech, current_deadline_latest=datetime.date(2020, 12, 31) if dated else None,
    )
    return Said(commitment=commitment, paragraph=line if paragraph is None else paragraph,
                own=set(own), around=set(own) | set(around))


CIRCULAR = said(139, ["omzendbrief", "~anders-werken", "klaarstomen"], ["individueel", "organisatorisch"])


@pytest.mark.parametrize(("later", "expected"), [
    # Names no subject of its own, its paragraph is about the circular: a restatement.
    (said(334, [], ["omzendbrief", "~anders-werken", "vakorganisatie"]), 139),
    # Says what it is about itself: a promise of its own, even in a paragraph about the circular.
    (said(340, ["evaluatie", "telewerkbeleid"], ["omzendbrief", "~anders-werken"]), None),
    # Undated: nothing to restate a dated promise with.
    (said(341, [], ["omzendbrief", "~anders-werken"], dated=False), None),
    # The next sentence of the same paragraph elaborates, it does not repeat.
    (said(140, [], ["omzendbrief", "~anders-werken"], paragraph=139), None),
    # One shared subject word is chance; words of time are no subject.
    (said(350, [], ["omzendbrief", "vergadering"]), None),
    (said(351, [], ["omzendbrief", "najaar", "momenteel"]), None),
])
def test_a_restatement_names_no_subject_of_its_own_and_shares_its_paragraphs_subject(later, expected):
    found = restated(later, [CIRCULAR])
    assert (found[0].line if found else None) == expected


def test_the_dated_promise_wins_over_an_undated_one_of_the_same_paragraph():
    undated_detail = said(140, ["individueel", "organisatorisch"], ["omzendbrief", "~anders-werken"],
                          dated=False, paragraph=139)
    circular = said(139, ["omzendbrief", "~anders-werken"], ["individueel", "organisatorisch"], paragraph=139)
    later = said(334, [], ["omzendbrief", "~anders-werken", "individueel"])
    assert restated(later, [circular, undated_detail])[0].line == 139


def limburg_pair():
    """The Limburg decision as the extractor proposes it in 002: said at l.298, again at l.439."""
    day = datetime.date(2021, 10, 26)
    speech = SpeechFactory(document__date=day)
    first = CommitmentFactory(speech=speech, line=298, review_state=ReviewState.SUGGESTED)
    again = CommitmentFactory(speech=speech, line=439, restates=first)
    state_deadlines(first, ("de volgende weken en maanden", datetime.date(2022, 4, 26), day))
    state_deadlines(again, ("Pasen 2021", datetime.date(2021, 4, 4), datetime.date(2021, 1, 1)),
                    ("binnen een paar weken", datetime.date(2021, 11, 16), day))
    return first, again


@pytest.mark.django_db
def test_merging_moves_the_deadlines_and_mentions_and_rejects_the_duplicate():
    duplicate, keeper = limburg_pair()
    state_deadlines(duplicate, ("binnen een paar weken", datetime.date(2021, 11, 16), datetime.date(2021, 10, 26)))
    moved = MentionFactory(commitment=duplicate)
    both = SpeechFactory()  # a later speech already linked to the keeper: that mention stays behind
    MentionFactory(commitment=keeper, speech=both)
    MentionFactory(commitment=duplicate, speech=both)
    user = UserFactory()

    merged = merge_into(duplicate, keeper, user, NOW)

    assert (merged.deadlines, merged.mentions, merged.left) == (1, 1, 2)
    keeper.refresh_from_db()
    duplicate.refresh_from_db()
    assert sorted(keeper.deadlines.values_list("text", flat=True)) == [
        "Pasen 2021", "binnen een paar weken", "de volgende weken en maanden"]
    # The statement said last in the meeting stays current; the same date said twice is no slip.
    assert keeper.current_deadline.text == "binnen een paar weken"
    assert keeper.current_deadline_latest == datetime.date(2021, 11, 16)
    assert Mention.objects.get(pk=moved.pk).commitment == keeper
    assert duplicate.review_state == ReviewState.REJECTED and duplicate.reviewed_by == user
    assert f"Merged into commitment {keeper.pk}" in duplicate.review_note
    assert duplicate.history.first().history_user == user
    assert tallies(Commitment.objects.public(), NOW.date(), slips=True)["total"][0].slips == 2


@pytest.mark.django_db
def test_merging_into_itself_or_into_a_rejected_commitment_is_refused():
    duplicate, keeper = limburg_pair()
    with pytest.raises(ValueError):
        merge_into(duplicate, duplicate, None, NOW)
    keeper.review_state = ReviewState.REJECTED
    keeper.save()
    with pytest.raises(ValueError, match="rejected"):
        merge_into(duplicate, keeper, None, NOW)
    duplicate.refresh_from_db()
    assert duplicate.review_state == ReviewState.SUGGESTED and duplicate.deadlines.count() == 1


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_reviewer_sees_the_pair_and_merges_it_from_the_review_queue(civil_servant_client):
    duplicate, keeper = limburg_pair()
    page = civil_servant_client.get(reverse("admin:commitments_commitment_change", args=[duplicate.pk]))
    assert "restated by" in page.content.decode()
    assert reverse("admin:commitments_commitment_change", args=[keeper.pk]) in page.content.decode()

    response = civil_servant_client.post(
        reverse("admin:commitments_suggestedcommitment_changelist"),
        {"action": "merge_restatement", "_selected_action": [duplicate.pk]},
    )

    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.review_state == ReviewState.REJECTED
    assert keeper.deadlines.filter(text="de volgende weken en maanden").exists()
    assert not Commitment.objects.review_queue().filter(pk=duplicate.pk).exists()


@pytest.mark.django_db
def test_merge_action_leaves_a_commitment_that_restates_nothing(civil_servant_client):
    alone = CommitmentFactory(review_state=ReviewState.SUGGESTED)
    response = civil_servant_client.post(
        reverse("admin:commitments_suggestedcommitment_changelist"),
        {"action": "merge_restatement", "_selected_action": [alone.pk]}, follow=True,
    )
    assert "restates no other commitment" in response.content.decode()
    alone.refresh_from_db()
    assert alone.review_state == ReviewState.SUGGESTED
