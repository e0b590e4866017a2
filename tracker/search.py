"""Full-text search in Dutch over any queryset, on PostgreSQL and on the embedded SQLite.

PostgreSQL has a real Dutch stemmer (the `dutch` text search configuration), so there we use it.
SQLite has none; there we lemmatise the query with simplemma ("omzendbrieven" → "omzendbrief")
and match each term, or its stem, anywhere in the fields. Both forms treat the words of a query
as all required, the way a watchdog expects a search box to behave.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import reduce
from operator import and_, or_

import simplemma
from django.db import connection
from django.db.models import Q, QuerySet

WORD = re.compile(r"\w[\w&.-]*\w|\w", re.UNICODE)

# Words that carry no subject: searching or linking on them only adds noise.
DUTCH_STOPWORDS = frozenset(
    """
    de het een en of van in op te aan met voor door bij naar uit over om tot dat die dit deze
    is zijn was waren wordt worden werd werden heeft hebben had hadden zal zullen zou zouden kan
    kunnen moet moeten wil willen ook niet geen nog al wel dan als maar want dus er hier daar
    we wij ik u jij hij zij ze men ons onze uw mijn hun zich wat wie waar wanneer hoe welke
    minister voorzitter collega heer mevrouw dank
    """.split()
)

# Endings stripped to reach a stem SQLite can match inside longer words (regio → regiovorming
# already matches; omzendbrieven → omzendbrie matches omzendbrief too).
DUTCH_ENDINGS = ("heden", "tjes", "jes", "ingen", "eren", "en", "es", "tje", "je", "s", "e")


def lemma(word: str) -> str:
    """The Dutch dictionary form of one lower-case word."""
    return simplemma.lemmatize(word, lang="nl").lower()


def stem(word: str) -> str:
    """A crude stem: the lemma without a common ending, never shorter than four letters."""
    base = lemma(word)
    for ending in DUTCH_ENDINGS:
        if base.endswith(ending) and len(base) - len(ending) >= 4:
            return base[: -len(ending)]
    return base


def dutch_terms(text: str) -> list[str]:
    """The content words of a text, lower-case lemmas, stopwords and numbers left out."""
    terms = []
    for match in WORD.finditer(text.lower()):
        word = match.group()
        if word in DUTCH_STOPWORDS or word.isdigit() or len(word) < 3:
            continue
        terms.append(lemma(word))
    return terms


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


# PostgreSQL's text search configuration for every search box and its indexes.
SEARCH_CONFIG = "dutch"


def search_vector(fields: Sequence[str]):
    """The Dutch text vector of `fields`: the expression a search filters on and its index holds.

    One function for both, because PostgreSQL uses an expression index only for the very same
    expression (the same fields in the same order, the same configuration).
    """
    from django.contrib.postgres.search import SearchVector

    return SearchVector(*fields, config=SEARCH_CONFIG)


def full_text_index(model_name: str, fields: Sequence[str], name: str):
    """A migration operation: on PostgreSQL a GIN index on `search_vector(fields)`; elsewhere nothing.

    Without it every search computes the text vector of every row (a quarter of a second over
    100,000 commitments, more over long speeches). SQLite searches with LIKE and has no use for
    it, so the index is not a `Meta.indexes` entry, which every database would have to build.
    `model_name` is "app_label.ModelName".
    """
    from django.db import migrations

    def index():
        from django.contrib.postgres.indexes import GinIndex

        return GinIndex(search_vector(fields), name=name)

    def create(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.add_index(apps.get_model(model_name), index())

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.remove_index(apps.get_model(model_name), index())

    return migrations.RunPython(create, drop)


def full_text_filter(queryset: QuerySet, q: str, fields: Sequence[str] | None = None) -> QuerySet:
    """Rows of `queryset` whose `fields` contain every word of `q` (stemmed, in Dutch).

    `fields` defaults to the model's `SEARCH_FIELDS`, the fields its full-text index covers.
    """
    fields = fields if fields is not None else queryset.model.SEARCH_FIELDS
    q = (q or "").strip()
    if not q:
        return queryset
    words = [w for w in WORD.findall(q.lower()) if w not in DUTCH_STOPWORDS] or WORD.findall(q.lower())
    if not words:
        return queryset.none()
    if uses_postgres():
        from django.contrib.postgres.search import SearchQuery

        # The Dutch stemmer leaves some plurals apart ("omzendbrieven" → "omzendbriev"), so each
        # word also matches through its lemma ("omzendbrief").
        per_word = [
            reduce(or_, (SearchQuery(v, config=SEARCH_CONFIG, search_type="plain") for v in {word, lemma(word)}))
            for word in words
        ]
        return queryset.annotate(_search=search_vector(fields)).filter(_search=reduce(and_, per_word))
    per_word = []
    for word in words:
        variants = {word, lemma(word), stem(word)}
        per_word.append(reduce(or_, (Q(**{f"{field}__icontains": v}) for field in fields for v in variants)))
    return queryset.filter(reduce(and_, per_word))
