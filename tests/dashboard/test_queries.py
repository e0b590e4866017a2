"""Every page costs the same number of queries for a few rows as for many: no query per row."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Mention
from tests.factories import (
    CommitmentFactory, CommitmentRecommendationFactory, DeadlineFactory, EventFactory, MentionFactory, PersonFactory,
    PolicyFieldFactory, RecommendationFactory, SpeechFactory,
)

pytestmark = pytest.mark.django_db


def add_many(world, n: int) -> None:
    """n more public commitments, across new ministers and fields, each with the records around it."""
    for i in range(n):
        minister = PersonFactory(name=f"Minister Extra {i}", slug=f"minister-extra-{i}")
        field = PolicyFieldFactory(name=f"Veld {i}", slug=f"veld-{i}")
        speech = SpeechFactory(document=world.transcript, speaker=minister, start_line=6, end_line=7,
                               text=world.promise.text, line_starts=world.promise.line_starts)
        commitment = CommitmentFactory(speech=speech, line=6, policy_field=field, title=f"Extra omzendbrief {i}",
                                       made_on=datetime.date(2019 + i % 3, 1 + i % 12, 1))
        for latest in (datetime.date(2020, 6, 30), datetime.date(2021, 1, 31 - i % 20)):
            DeadlineFactory(commitment=commitment, text=f"termijn {latest}", latest=latest,
                            earliest=datetime.date(2020, 1, 1), stated_on=latest - datetime.timedelta(days=200))
        commitment.refresh_current_deadline()
        MentionFactory(speech=world.later_ok, commitment=commitment, review_state="confirmed",
                       signal=Mention.Signal.IN_PROGRESS)
        recommendation = RecommendationFactory(document=world.bundle, policy_field=field, line=1)
        CommitmentRecommendationFactory(commitment=commitment, recommendation=recommendation)
        CommitmentRecommendationFactory(commitment=world.circular, recommendation=recommendation)
        EventFactory(commitment=commitment)
        MentionFactory(speech=SpeechFactory(document=world.transcript, speaker=minister, start_line=13, end_line=14),
                       commitment=world.circular, review_state="confirmed", line=13)


def urls(world) -> list[str]:
    return [
        "/", "/commitments/", "/commitments/?deadline=overdue&q=omzendbrief", "/recommendations/",
        "/ministers/", "/ministers/bart-somers/", "/fields/", "/fields/binnenlands-bestuur/", "/documents/",
        f"/documents/{world.transcript.pk}/", f"/documents/{world.bundle.pk}/",
        f"/commitments/{world.circular.pk}/", f"/recommendations/{world.rec_work.pk}/",
        "/search/?q=omzendbrief", "/method/",
    ]


def count(client, url: str) -> int:
    cache.clear()  # count the figures each time: the cached path costs fewer queries still
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_pages_cost_the_same_queries_for_few_and_many_rows(client, world, django_assert_max_num_queries):
    few = {url: count(client, url) for url in urls(world)}
    add_many(world, 12)
    for url in urls(world):
        cache.clear()
        with django_assert_max_num_queries(few[url], info=url):
            assert client.get(url).status_code == 200


def test_csv_downloads_cost_the_same_queries_for_few_and_many_rows(client, world, django_assert_max_num_queries):
    downloads = ["/commitments/?format=csv", "/recommendations/?format=csv", "/ministers/?format=csv",
                 "/fields/?format=csv", "/documents/?format=csv", "/search/?q=omzendbrief&format=csv"]

    def fetch(url):
        response = client.get(url)
        return b"".join(response.streaming_content)

    few = {}
    for url in downloads:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            fetch(url)
        few[url] = len(queries)
    add_many(world, 12)
    for url in downloads:
        cache.clear()
        with django_assert_max_num_queries(few[url], info=url):
            assert len(fetch(url).splitlines()) > 1


def test_the_overview_reuses_its_figures_until_the_data_changes(client, world, django_assert_max_num_queries):
    cache.clear()
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    with django_assert_max_num_queries(len(first) - 3):  # the three counting queries are not repeated
        client.get("/")
