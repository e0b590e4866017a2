"""A small public record for the dashboard's tests, on a fixed day.

Today is 1 March 2021. Confirmed records: two ministers, two policy fields, a transcript with page
furniture (and a "<script>" in its text), commitments that are overdue, due soon, due later and
kept, a deadline that slipped, mentions, ABB recommendations and their links. Every record that is
only suggested (or rejected) has GEHEIM or VERBORGEN in its title or text (the transcripts
themselves are public and never contain them), so a test can assert that those words appear on no
public page.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine

from commitments.models import Commitment, Event, Mention, ReviewState
from commitments.review import set_status
from recommendations.models import Recommendation
from tests.factories import (
    AgendaItemFactory, CommitmentFactory, CommitmentRecommendationFactory, DeadlineFactory, DocumentFactory,
    EventFactory, MeetingFactory, MentionFactory, PersonFactory, PolicyFieldFactory, RecommendationFactory,
    SpeechFactory,
)
from transcripts.models import Document
from transcripts.text import clean_and_join, number_lines

TODAY = datetime.date(2021, 3, 1)
SECRET_WORDS = ("GEHEIM", "VERBORGEN")

TRANSCRIPT_LINES = [
    "VRAAG OM UITLEG van Brecht Warnez aan Bart Somers, viceminister-",  # 1
    "president van de Vlaamse Regering, over telewerk bij Vlaamse ambtenaren",  # 2
    "",  # 3
    "Brecht Warnez (CD&V): Minister, wanneer komt de omzendbrief?",  # 4
    "",  # 5
    "Minister Bart Somers: Eind 2020 zullen we via een omzendbrief een nieuw",  # 6
    "kader inzake anders werken klaarstomen. Dat beloof ik.",  # 7
    "",  # 8
    "6 Commissievergadering nr. C20 (2020-2021) – 13 oktober 2020",  # 9: running header
    "",  # 10
    "Vlaams Parlement",  # 11: footer next to the header
    "",  # 12
    "Brecht Warnez (CD&V): Een ambtenaar schreef ons <script>alert('x')</script> als",  # 13
    "test van de website.",  # 14
    "",  # 15
    "Minister Bart Somers: Tegen Pasen 2021 leggen we het actieplan tegen racisme voor.",  # 16
    "",  # 17
    "Minister Bart Somers: Dit voorstel bevestigde niemand.",  # 18
    "",  # 19
    "Minister Bart Somers: Tegen de zomer 2021 komt de regiovorming rond.",  # 20
    "",  # 21
    "Minister Bart Somers: Tegen 2022 hervormen we het lokaal bestuur grondig.",  # 22
    "",  # 23
    "7",  # 24: a page number
    "Zie https://eur03.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.vlaanderen.be%2Fanders-werken-omzendbrief-2020",  # 25
]
LATER_LINES = [
    "Minister Bart Somers: De onderhandelingen rond de omzendbrief anders werken",  # 1
    "werden in december afgerond.",  # 2
    "",  # 3
    "Minister Bart Somers: De omzendbrief is er nog niet.",  # 4
]
ECONOMY_LINES = [
    "Minister Jo Brouns: Tegen half februari 2021 lanceren we de innovatieoproep.",  # 1
    "",  # 2
    "Minister Jo Brouns: Het relanceplan voor kmo's is uitgerold.",  # 3
]


def make_document(lines: list[str], **kwargs) -> Document:
    import hashlib

    raw = "\n".join(lines)
    return DocumentFactory(raw_text=raw, sha256=hashlib.sha256(raw.encode()).hexdigest(), **kwargs)


def make_speech(document: Document, first: int, last: int, speaker, order: int):
    numbered = number_lines(document.raw_text)[first - 1:last]
    text, line_starts = clean_and_join(numbered)
    return SpeechFactory(
        document=document, speaker=speaker, order=order, text=text, line_starts=line_starts,
        start_line=first, end_line=last,
    )


@pytest.fixture(autouse=True)
def plain_http(settings):
    """The test client speaks plain HTTP; with DATABASE_URL set (the PostgreSQL run) DEBUG is off and
    production would redirect it to HTTPS."""
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, started with SECURE_SSL_REDIRECT off.

    Django's SecurityMiddleware reads the setting once, when the server thread builds its handler,
    so `plain_http` (per test) comes too late for it: with DATABASE_URL set, DEBUG is off and the
    server would send the browser to https.
    """
    import os

    from django.conf import settings
    from pytest_django.live_server_helper import LiveServer

    settings.SECURE_SSL_REDIRECT = False
    address = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(address)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def fresh_figures():
    """The dashboard caches counted figures in the process's memory: no test sees another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen_today():
    moment = datetime.datetime(2021, 3, 1, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    with time_machine.travel(moment, tick=False):
        yield TODAY


def build_world() -> SimpleNamespace:
    somers = PersonFactory(name="Bart Somers", slug="bart-somers", party="Open VLD")
    brouns = PersonFactory(name="Jo Brouns", slug="jo-brouns", party="CD&V")
    bestuur = PolicyFieldFactory(name="Binnenlands bestuur", slug="binnenlands-bestuur")
    economie = PolicyFieldFactory(name="Economie", slug="economie")

    transcript = make_document(
        TRANSCRIPT_LINES, title="Commissievergadering nr. C20 (2020-2021)", date=datetime.date(2020, 10, 13)
    )
    meeting = MeetingFactory(document=transcript, number="C20 (2020-2021)")
    AgendaItemFactory(meeting=meeting, order=1, number="15 (2020-2021)", subject="telewerk bij Vlaamse ambtenaren",
                      asker=PersonFactory(name="Brecht Warnez", slug="brecht-warnez", role="mp"), minister=somers,
                      start_line=1, end_line=24)
    promise = make_speech(transcript, 6, 7, somers, 1)
    question = make_speech(transcript, 13, 14, PersonFactory(name="Brecht Warnez"), 2)
    racism = make_speech(transcript, 16, 16, somers, 3)
    secret = make_speech(transcript, 18, 18, somers, 4)
    regions = make_speech(transcript, 20, 20, somers, 5)
    reform = make_speech(transcript, 22, 22, somers, 6)

    later = make_document(LATER_LINES, title="Commissievergadering nr. C50 (2021-2022)",
                          date=datetime.date(2021, 1, 20))
    later_ok = make_speech(later, 1, 2, somers, 1)
    later_secret = make_speech(later, 4, 4, somers, 2)

    economy = make_document(ECONOMY_LINES, title="Commissievergadering nr. C190 (2023-2024)",
                            date=datetime.date(2020, 11, 5))
    innovation = make_speech(economy, 1, 1, brouns, 1)
    relaunch = make_speech(economy, 3, 3, brouns, 2)

    def commitment(speech, line, title, quote, field, **kwargs):
        return CommitmentFactory(speech=speech, made_by=speech.speaker, made_on=speech.document.date, line=line,
                                 title=title, quote=quote, policy_field=field, **kwargs)

    circular = commitment(promise, 6, "Omzendbrief anders werken",
                          "Eind 2020 zullen we via een omzendbrief een nieuw kader inzake anders werken klaarstomen.",
                          bestuur)
    DeadlineFactory(commitment=circular, text="tegen eind oktober", earliest=datetime.date(2020, 10, 13),
                    latest=datetime.date(2020, 10, 31), stated_in=promise, stated_on=datetime.date(2020, 10, 1),
                    line=6)
    DeadlineFactory(commitment=circular, text="eind 2020", earliest=datetime.date(2020, 9, 1),
                    latest=datetime.date(2020, 12, 31), stated_in=promise, stated_on=datetime.date(2020, 10, 13),
                    line=6)
    DeadlineFactory(commitment=circular, text="VERBORGEN tegen Pasen 2022", earliest=datetime.date(2021, 1, 1),
                    latest=datetime.date(2022, 4, 17), stated_in=later_secret, stated_on=datetime.date(2021, 1, 20),
                    review_state=ReviewState.SUGGESTED)
    circular.refresh_current_deadline()

    racism_plan = commitment(racism, 16, "Actieplan tegen racisme",
                             "Tegen Pasen 2021 leggen we het actieplan tegen racisme voor.", bestuur)
    DeadlineFactory(commitment=racism_plan, text="tegen Pasen 2021", earliest=datetime.date(2020, 10, 13),
                    latest=datetime.date(2021, 4, 4), stated_in=racism, line=16)
    racism_plan.refresh_current_deadline()

    region = commitment(regions, 20, "Regiovorming rond", "Tegen de zomer 2021 komt de regiovorming rond.", bestuur)
    DeadlineFactory(commitment=region, text="tegen de zomer 2021", earliest=datetime.date(2020, 10, 13),
                    latest=datetime.date(2021, 6, 21), stated_in=regions, line=20)
    region.refresh_current_deadline()

    lokaal = commitment(reform, 22, "Hervorming lokaal bestuur",
                        "Tegen 2022 hervormen we het lokaal bestuur grondig.", None)
    DeadlineFactory(commitment=lokaal, text="tegen 2022", earliest=datetime.date(2020, 10, 13),
                    latest=datetime.date(2022, 1, 1), stated_in=reform, line=22)
    lokaal.refresh_current_deadline()

    oproep = commitment(innovation, 1, "Innovatieoproep",
                        "Tegen half februari 2021 lanceren we de innovatieoproep.", economie,
                        status=Commitment.Status.DELAYED)
    DeadlineFactory(commitment=oproep, text="tegen half februari 2021", earliest=datetime.date(2020, 11, 5),
                    latest=datetime.date(2021, 2, 15), stated_in=innovation, line=1)
    oproep.refresh_current_deadline()

    relance = commitment(relaunch, 3, "Relanceplan kmo's", "Het relanceplan voor kmo's is uitgerold.", economie)
    DeadlineFactory(commitment=relance, text="eind 2020", earliest=datetime.date(2020, 9, 1),
                    latest=datetime.date(2020, 12, 31), stated_in=relaunch, line=3)
    relance.refresh_current_deadline()
    set_status(relance, Commitment.Status.FULFILLED, None, datetime.date(2021, 1, 10))

    hidden = commitment(secret, 18, "GEHEIM voorstel", "Dit voorstel bevestigde niemand.", bestuur,
                        review_state=ReviewState.SUGGESTED)
    DeadlineFactory(commitment=hidden, text="eind 2020", latest=datetime.date(2020, 12, 31), stated_in=secret,
                    line=18)
    hidden.refresh_current_deadline()
    rejected = commitment(question, 13, "GEHEIM afgewezen", "Een ambtenaar schreef ons", economie,
                          review_state=ReviewState.REJECTED)

    mention = MentionFactory(speech=later_ok, commitment=circular, line=1, signal=Mention.Signal.FULFILLED,
                             review_state=ReviewState.CONFIRMED,
                             quote="De onderhandelingen rond de omzendbrief anders werken werden in december afgerond.")
    MentionFactory(speech=later_secret, commitment=circular, line=4, signal=Mention.Signal.DELAYED,
                   review_state=ReviewState.SUGGESTED, quote="De omzendbrief is er nog niet.")

    bundle = make_document(["ABB inspiratiebundel", "", "1. Versterk de lokale besturen.", "",
                            "2. Maak werk van anders werken.", "", "3. Steun de kmo's."],
                           kind=Document.Kind.BUNDLE, title="Inspiratiebundel ABB", date=datetime.date(2024, 3, 1))
    rec_local = RecommendationFactory(document=bundle, policy_field=bestuur, number="1", line=3,
                                      text="Versterk de lokale besturen.")
    rec_work = RecommendationFactory(document=bundle, policy_field=bestuur, number="2", line=5,
                                     text="Maak werk van anders werken.", kind=Recommendation.Kind.ABB_RECOMMENDATION)
    rec_kmo = RecommendationFactory(document=bundle, policy_field=economie, number="3", line=7,
                                    text="Steun de kmo's.")
    CommitmentRecommendationFactory(commitment=circular, recommendation=rec_work, reason="Zelfde omzendbrief.")
    CommitmentRecommendationFactory(commitment=lokaal, recommendation=rec_local, reason="VERBORGEN reden",
                                    review_state=ReviewState.SUGGESTED)
    CommitmentRecommendationFactory(commitment=hidden, recommendation=rec_kmo, reason="VERBORGEN link")

    EventFactory(commitment=circular, kind=Event.Kind.BECAME_OVERDUE, happened_on=datetime.date(2021, 1, 1))
    EventFactory(commitment=hidden, kind=Event.Kind.BECAME_OVERDUE, happened_on=datetime.date(2021, 1, 1),
                 detail={"note": "VERBORGEN"})
    return SimpleNamespace(**locals())


@pytest.fixture
def world(db, frozen_today):
    return build_world()
