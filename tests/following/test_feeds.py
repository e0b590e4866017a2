"""Atom feeds of public events and iCalendar feeds of open deadlines."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from commitments.models import Commitment, Event, ReviewState
from tests.factories import CommitmentFactory, DeadlineFactory, EventFactory, PersonFactory, PolicyFieldFactory
from tests.following.test_ical import unfold

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(response) -> list[dict]:
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    return [
        {
            "title": e.find(f"{ATOM}title").text,
            "id": e.find(f"{ATOM}id").text,
            "link": e.find(f"{ATOM}link").get("href"),
            "summary": e.find(f"{ATOM}summary").text,
        }
        for e in root.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def record():
    somers = PersonFactory(name="Bart Somers", slug="bart-somers")
    field = PolicyFieldFactory(name="Binnenlands bestuur", slug="binnenlands-bestuur")
    public = CommitmentFactory(made_by=somers, policy_field=field, title="Omzendbrief anders werken")
    secret = CommitmentFactory(made_by=somers, policy_field=field, title="GEHEIM voorstel",
                               review_state=ReviewState.SUGGESTED)
    other = CommitmentFactory(title="Iets anders")
    overdue = EventFactory(commitment=public, kind=Event.Kind.BECAME_OVERDUE, detail={"deadline": "2020-12-31"})
    EventFactory(commitment=secret, kind=Event.Kind.BECAME_OVERDUE)
    EventFactory(commitment=other, kind=Event.Kind.FULFILLED)
    return {"somers": somers, "field": field, "public": public, "secret": secret, "other": other,
            "overdue": overdue}


def test_the_feed_of_all_events_shows_public_events_only(client, record):
    response = client.get(reverse("following:feed-all"))
    assert response.status_code == 200
    titles = [e["title"] for e in entries(response)]
    assert titles == ["Fulfilled: Iets anders", "Overdue: Omzendbrief anders werken"]
    assert b"GEHEIM" not in response.content


def test_feed_entries_link_to_the_commitment_page_and_have_unique_ids(client, record):
    EventFactory(commitment=record["public"], kind=Event.Kind.NEW_MENTION)
    items = entries(client.get(reverse("following:feed-all")))
    public_pk = record["public"].pk
    assert [e["link"] for e in items if "Omzendbrief" in e["title"]] == [
        f"http://testserver/commitments/{public_pk}/"] * 2
    assert len({e["id"] for e in items}) == len(items)
    assert items[-1]["id"] == f"tag:127.0.0.1,2024:event:{record['overdue'].pk}"
    assert "It is overdue since" in items[-1]["summary"]


def test_the_minister_feed_shows_that_ministers_public_events(client, record):
    response = client.get(reverse("following:feed-minister", kwargs={"slug": "bart-somers"}))
    assert [e["title"] for e in entries(response)] == ["Overdue: Omzendbrief anders werken"]
    assert b"Bart Somers" in response.content


def test_the_policy_field_feed(client, record):
    response = client.get(reverse("following:feed-field", kwargs={"slug": "binnenlands-bestuur"}))
    assert [e["title"] for e in entries(response)] == ["Overdue: Omzendbrief anders werken"]


def test_the_commitment_feed(client, record):
    response = client.get(reverse("following:feed-commitment", kwargs={"pk": record["public"].pk}))
    assert [e["title"] for e in entries(response)] == ["Overdue: Omzendbrief anders werken"]


def test_feeds_of_unknown_or_unpublished_things_are_not_found(client, record):
    assert client.get(reverse("following:feed-minister", kwargs={"slug": "niemand"})).status_code == 404
    assert client.get(reverse("following:feed-field", kwargs={"slug": "niets"})).status_code == 404
    assert client.get(reverse("following:feed-commitment", kwargs={"pk": record["secret"].pk})).status_code == 404
    assert client.get(reverse("following:calendar-minister", kwargs={"slug": "niemand"})).status_code == 404


def test_the_feed_runs_a_constant_number_of_queries(client, record, django_assert_max_num_queries):
    for _ in range(20):
        EventFactory(commitment=CommitmentFactory(policy_field=record["field"]))
    with django_assert_max_num_queries(3):
        client.get(reverse("following:feed-all"))


# --- Calendars ---------------------------------------------------------------------------------------


def due(latest, **fields) -> Commitment:
    deadline = DeadlineFactory(latest=latest, text="eind 2021, ten laatste", commitment=CommitmentFactory(**fields))
    deadline.commitment.refresh_current_deadline()
    return deadline.commitment


def test_the_calendar_lists_open_public_deadlines_as_all_day_entries(client):
    somers = PersonFactory(name="Bart Somers", slug="bart-somers")
    open_one = due(datetime.date(2021, 12, 31), made_by=somers, title="Decreet lokaal bestuur, herzien")
    due(datetime.date(2021, 6, 30), made_by=somers, title="GEHEIM", review_state=ReviewState.SUGGESTED)
    due(datetime.date(2021, 6, 30), made_by=somers, title="Al gedaan", status=Commitment.Status.FULFILLED)
    CommitmentFactory(made_by=somers, title="Zonder deadline")

    response = client.get(reverse("following:calendar-all"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode("utf-8")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfold(text)
    assert lines.count("BEGIN:VEVENT") == 1
    assert f"UID:commitment-{open_one.pk}@127.0.0.1" in lines
    assert "DTSTART;VALUE=DATE:20211231" in lines
    assert "SUMMARY:Deadline: Decreet lokaal bestuur\\, herzien (Bart Somers)" in lines
    assert f"URL:http://127.0.0.1:8000/commitments/{open_one.pk}/" in lines
    assert any(line.startswith("DESCRIPTION:") and "eind 2021\\, ten laatste" in line for line in lines)
    assert "GEHEIM" not in text and "Al gedaan" not in text and "Zonder deadline" not in text


def test_a_moved_deadline_keeps_the_calendar_entry_uid(client):
    commitment = due(datetime.date(2021, 6, 30))
    before = [l for l in unfold(client.get(reverse("following:calendar-all")).content.decode()) if l.startswith("UID")]
    DeadlineFactory(commitment=commitment, text="eind 2021", stated_in=None, latest=datetime.date(2021, 12, 31),
                    stated_on=datetime.date(2021, 3, 1))
    commitment.refresh_current_deadline()
    lines = unfold(client.get(reverse("following:calendar-all")).content.decode())
    assert [l for l in lines if l.startswith("UID")] == before
    assert "DTSTART;VALUE=DATE:20211231" in lines


def test_the_minister_calendar_shows_only_that_minister(client):
    somers = PersonFactory(name="Bart Somers", slug="bart-somers")
    due(datetime.date(2021, 12, 31), made_by=somers, title="Van Somers")
    due(datetime.date(2021, 12, 31), title="Van iemand anders")
    text = client.get(reverse("following:calendar-minister", kwargs={"slug": "bart-somers"})).content.decode()
    assert "Van Somers" in text and "Van iemand anders" not in text
    assert "X-WR-CALNAME:Deadlines of Bart Somers's commitments" in unfold(text)


def test_the_calendar_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(15):
        due(datetime.date(2021, 12, 31))
    with django_assert_max_num_queries(2):
        client.get(reverse("following:calendar-all"))
