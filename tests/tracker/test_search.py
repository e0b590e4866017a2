"""Dutch full-text search finds inflected forms, on SQLite and on PostgreSQL alike."""

import pytest

from commitments.models import Commitment
from tests.factories import CommitmentFactory
from tracker.search import full_text_filter

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["omzendbrief", "omzendbrieven", "Omzendbrief anders werken"])
def test_search_finds_the_circular_whatever_the_form(query):
    circular = CommitmentFactory(title="Omzendbrief anders werken",
                                 quote="Eind 2020 zullen we via een omzendbrief een nieuw kader klaarstomen.")
    CommitmentFactory(title="Actieplan racisme", quote="We zullen een actieplan tegen racisme opstellen.")
    assert list(full_text_filter(Commitment.objects.all(), query, ["title", "quote"])) == [circular]


def test_every_word_of_the_query_is_required():
    CommitmentFactory(title="Omzendbrief anders werken", quote="Een omzendbrief.")
    assert not full_text_filter(Commitment.objects.all(), "omzendbrief racisme", ["title", "quote"]).exists()
