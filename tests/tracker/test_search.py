"""Dutch full-text search finds inflected forms, on SQLite and on PostgreSQL alike."""

import pytest
from django.apps import apps
from django.db import connection, transaction

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


SEARCHABLE = [
    ("commitments.Commitment", "commitment_search"),
    ("recommendations.Recommendation", "recommendation_search"),
    ("transcripts.Document", "document_search"),
    ("transcripts.AgendaItem", "agendaitem_search"),
    ("transcripts.Speech", "speech_search"),
]


@pytest.mark.parametrize(("model_name", "index"), SEARCHABLE)
def test_every_search_box_is_answered_from_its_index_on_postgresql(model_name, index):
    """The query's text vector must be the index's expression to the letter, or PostgreSQL
    computes it for every row of the table on every search."""
    if connection.vendor != "postgresql":
        pytest.skip("the full-text indexes are PostgreSQL's; run with DATABASE_URL=postgres://...")
    queryset = full_text_filter(apps.get_model(model_name).objects.order_by(), "omzendbrieven anders werken")
    sql, params = queryset.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        # A test table is a few rows, which a plain scan (or a walk along another index) reads
        # fastest; forbid both, so that only the search index can spare the plan a full scan.
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {index}" in plan, plan
