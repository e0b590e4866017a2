"""The database itself refuses records that break the domain's invariants."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from commitments.models import Deadline, Mention
from tests.factories import CommitmentFactory, DeadlineFactory, DocumentFactory, MentionFactory, PersonFactory
from transcripts.models import Document, Person

pytestmark = pytest.mark.django_db


def test_the_same_document_cannot_be_stored_twice():
    first = DocumentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(title="copy", raw_text=first.raw_text, sha256=first.sha256)


def test_two_current_deadlines_are_impossible():
    first = DeadlineFactory()
    second = DeadlineFactory(commitment=first.commitment, text="Pasen 2021", stated_in=None)
    Deadline.objects.filter(pk=first.pk).update(is_current=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Deadline.objects.filter(pk=second.pk).update(is_current=True)


def test_a_deadline_window_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        DeadlineFactory(earliest=datetime.date(2021, 1, 1), latest=datetime.date(2020, 12, 31))


def test_a_speech_mentions_a_commitment_once():
    mention = MentionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Mention.objects.create(speech=mention.speech, commitment=mention.commitment, line=3)


def test_a_commitment_is_stored_once_per_speech_and_line():
    commitment = CommitmentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitmentFactory(speech=commitment.speech, line=commitment.line)


def test_people_are_unique_whatever_the_capitals():
    PersonFactory(name="Bart Somers", slug="bart-somers")
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(name="bart somers", slug="bart-somers-2")


def test_the_latest_stated_deadline_is_current_even_when_it_is_earlier():
    # "first Easter 2021, later end of 2021" is a slip; a deadline brought forward is a move too.
    first = DeadlineFactory(text="Pasen 2021", latest=datetime.date(2021, 4, 4),
                            stated_on=datetime.date(2020, 10, 13))
    commitment = first.commitment
    later = DeadlineFactory(commitment=commitment, text="eind 2021", stated_in=None,
                            latest=datetime.date(2021, 12, 31), stated_on=datetime.date(2021, 10, 26))
    assert commitment.refresh_current_deadline() == later
    commitment.refresh_from_db()
    assert commitment.current_deadline_latest == datetime.date(2021, 12, 31)
    assert list(commitment.deadlines.filter(is_current=True)) == [later]

    forward = DeadlineFactory(commitment=commitment, text="voor de zomer", stated_in=None,
                              earliest=datetime.date(2021, 11, 1),
                              latest=datetime.date(2021, 11, 30), stated_on=datetime.date(2021, 11, 1))
    commitment.refresh_current_deadline()
    commitment.refresh_from_db()
    assert commitment.current_deadline_latest == datetime.date(2021, 11, 30)
    assert commitment.current_deadline == forward


def test_a_proposed_deadline_does_not_count_until_confirmed():
    first = DeadlineFactory(latest=datetime.date(2020, 12, 31), stated_on=datetime.date(2020, 10, 13))
    commitment = first.commitment
    DeadlineFactory(commitment=commitment, text="eind 2021", stated_in=None, review_state="suggested",
                    latest=datetime.date(2021, 12, 31), stated_on=datetime.date(2021, 10, 26))
    commitment.refresh_current_deadline()
    commitment.refresh_from_db()
    assert commitment.current_deadline_latest == datetime.date(2020, 12, 31)
