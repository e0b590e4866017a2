"""Filters live in the URL, so a filtered view can be shared; every list downloads as CSV with them."""

import csv
import html
import io
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    assert response.status_code == 200
    table = re.search(r'<table class="commitments">.*?</table>', response.content.decode(), re.S).group(0)
    return [html.unescape(t) for t in re.findall(r'<th scope="row"><a href="/commitments/\d+/">([^<]+)</a>', table)]


def download(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize(("query", "expected"), [
    ({}, ["Innovatieoproep", "Relanceplan kmo's", "Omzendbrief anders werken", "Actieplan tegen racisme",
          "Regiovorming rond", "Hervorming lokaal bestuur"]),
    ({"status": "delayed"}, ["Innovatieoproep"]),
    ({"minister": "jo-brouns"}, ["Innovatieoproep", "Relanceplan kmo's"]),
    ({"field": "binnenlands-bestuur"}, ["Omzendbrief anders werken", "Actieplan tegen racisme", "Regiovorming rond"]),
    ({"deadline": "overdue", "sort": "deadline"}, ["Omzendbrief anders werken", "Innovatieoproep"]),
    ({"deadline": "soon"}, ["Actieplan tegen racisme"]),
    ({"deadline": "none"}, []),
    ({"q": "omzendbrief"}, ["Omzendbrief anders werken"]),
    ({"q": "besturen"}, ["Hervorming lokaal bestuur"]),  # Dutch stemming, on SQLite and PostgreSQL
    ({"minister": "bart-somers", "sort": "deadline"},
     ["Omzendbrief anders werken", "Actieplan tegen racisme", "Regiovorming rond", "Hervorming lokaal bestuur"]),
])
def test_commitment_filters(client, world, query, expected):
    response = client.get(reverse("dashboard:commitment-list"), query)
    if expected:
        assert titles(response) == expected
    else:
        assert "Geen toezeggingen." in response.content.decode()


def test_filter_form_keeps_the_chosen_values(client, world):
    page = client.get("/commitments/", {"status": "open", "q": "racisme"}).content.decode()
    assert '<option value="open" selected>Open</option>' in page
    assert 'name="q" value="racisme"' in page


def test_an_unknown_filter_value_is_reported_and_ignored(client, world):
    response = client.get("/commitments/", {"status": "verzonnen", "minister": "jo-brouns"})
    assert "Sommige filters in het adres werden niet begrepen en worden genegeerd:" in response.content.decode()
    assert titles(response) == ["Innovatieoproep", "Relanceplan kmo's"]


def test_list_pages_paginate_with_their_filters_in_the_links(client, world, monkeypatch):
    monkeypatch.setattr("dashboard.views.PER_PAGE", 2)
    page = client.get("/commitments/", {"minister": "bart-somers"}).content.decode()
    assert 'href="?minister=bart-somers&amp;page=2" rel="next"' in page
    assert "Pagina 1 van 2" in page


def test_commitments_csv_has_every_row_with_the_same_filters(client, world):
    rows = download(client.get("/commitments/", {"deadline": "overdue", "sort": "deadline", "format": "csv"}))
    assert [row["title"] for row in rows] == ["Omzendbrief anders werken", "Innovatieoproep"]
    first = rows[0]
    assert first["minister"] == "Bart Somers"
    assert first["status"] == "open" and first["status_label"] == "Open"
    assert first["deadline"] == "2020-12-31" and first["days_overdue"] == "59"
    assert first["mentions"] == "1"
    assert first["line"] == "6"
    assert first["url"] == f"http://testserver/commitments/{world.circular.pk}/"


def test_csv_link_keeps_the_filters_and_drops_the_page(client, world):
    page = client.get("/commitments/", {"minister": "jo-brouns", "page": "1"}).content.decode()
    assert 'href="?minister=jo-brouns&amp;format=csv" download' in page


def test_recommendations_csv(client, world):
    rows = download(client.get("/recommendations/", {"taken": "no", "format": "csv"}))
    assert [(row["number"], row["taken_up"], row["commitments"]) for row in rows] == [("1", "no", "0"), ("3", "no", "0")]
    rows = download(client.get("/recommendations/", {"field": "binnenlands-bestuur", "format": "csv"}))
    assert [(row["number"], row["taken_up"]) for row in rows] == [("1", "no"), ("2", "yes")]


def test_ministers_and_fields_csv(client, world):
    rows = {row["slug"]: row for row in download(client.get("/ministers/?format=csv"))}
    assert rows["bart-somers"]["days_overdue_total"] == "59"
    assert rows["bart-somers"]["deadline_slips"] == "1"
    assert rows["jo-brouns"]["kept"] == "1"
    rows = {row["slug"]: row for row in download(client.get("/fields/?format=csv"))}
    assert rows["economie"]["recommendations_not_taken_up"] == "1"
    assert rows[""]["commitments"] == "1"  # no policy field


def test_minister_and_field_page_csv_are_their_commitments(client, world):
    rows = download(client.get("/ministers/jo-brouns/", {"format": "csv", "status": "fulfilled"}))
    assert [row["title"] for row in rows] == ["Relanceplan kmo's"]
    rows = download(client.get("/fields/economie/", {"format": "csv"}))
    assert {row["title"] for row in rows} == {"Innovatieoproep", "Relanceplan kmo's"}


def test_documents_and_search_csv(client, world):
    rows = download(client.get("/documents/?format=csv"))
    assert {row["title"] for row in rows} >= {"Commissievergadering nr. C20 (2020-2021)", "Inspiratiebundel ABB"}
    rows = download(client.get("/search/", {"q": "omzendbrief", "format": "csv"}))
    kinds = [row["type"] for row in rows]
    assert kinds.count("commitment") == 1 and kinds.count("speech") == 3  # the transcripts are public
    assert all(row["url"].startswith("http://testserver/") for row in rows)


def test_csv_headers_stay_english_in_every_language(client, world):
    client.cookies["django_language"] = "en"
    rows = download(client.get("/commitments/?format=csv"))
    assert list(rows[0])[:5] == ["id", "title", "minister", "policy_field", "status"]
