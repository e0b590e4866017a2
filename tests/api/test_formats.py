"""CSV for spreadsheets, conditional GET, throttling, the schema and its documentation page."""

import csv
import io

import pytest
from django.contrib.staticfiles import finders

from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/commitments/"


def read_csv(response) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# --- CSV -----------------------------------------------------------------------------------------


def test_csv_has_a_header_row_and_one_flat_row_per_commitment(anonymous, published):
    response = anonymous.get(LIST, {"format": "csv"})
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())  # so that Excel reads UTF-8
    assert response["Content-Disposition"] == 'attachment; filename="commitment.csv"'
    (row,) = read_csv(response)
    commitment = published["commitment"]
    assert row["id"] == str(commitment.pk)
    assert row["title"] == "Omzendbrief anders werken"
    assert row["made_by.name"] == "Bart Somers"
    assert row["policy_field.slug"] == "binnenlands-bestuur"
    assert row["source.document.title"] == commitment.speech.document.title
    assert row["source.line"] == str(commitment.line)
    assert row["current_deadline.latest"] == "2020-12-31"
    assert row["overdue"] == "true"
    assert row["overdue_since"] == "2021-01-01"
    assert row["mention_count"] == "1"
    assert '"text": "eind 2020"' in row["deadlines"]  # the history, as JSON in one cell


def test_csv_takes_the_same_filters_as_json(anonymous, published):
    CommitmentFactory(title="Kept promise", status="fulfilled")
    json_titles = [r["title"] for r in anonymous.get(LIST, {"status": "fulfilled"}).json()["results"]]
    csv_titles = [r["title"] for r in read_csv(anonymous.get(LIST, {"status": "fulfilled", "format": "csv"}))]
    assert json_titles == csv_titles == ["Kept promise"]


def test_empty_csv_still_has_the_header(anonymous, db):
    response = anonymous.get(LIST, {"format": "csv"})
    header = response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header[:3] == ["id", "url", "title"]
    assert "current_deadline.latest" in header
    assert read_csv(response) == []


def test_csv_cell_that_looks_like_a_formula_stays_text(anonymous, db):
    CommitmentFactory(title="=HYPERLINK(\"http://evil\")")
    (row,) = read_csv(anonymous.get(LIST, {"format": "csv"}))
    assert row["title"] == "'=HYPERLINK(\"http://evil\")"


def test_csv_error_is_a_400_with_the_field_and_message(anonymous, db):
    response = anonymous.get(LIST, {"format": "csv", "overdue": "maybe"})
    assert response.status_code == 400
    assert read_csv(response) == [{"field": "overdue", "message": "'maybe' is not a boolean: use true or false."}]


def test_csv_of_other_lists(anonymous, published):
    rows = read_csv(anonymous.get("/api/v1/recommendations/", {"format": "csv"}))
    assert [(r["number"], r["policy_field.slug"]) for r in rows] == [("7", "binnenlands-bestuur")]


# --- Conditional GET -----------------------------------------------------------------------------


def test_repeated_get_with_the_etag_is_304_without_a_body(anonymous, published):
    first = anonymous.get(LIST)
    assert first.status_code == 200
    etag = first["ETag"]
    again = anonymous.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag


def test_etag_changes_when_the_data_does(anonymous, published, civil_servant_api):
    etag = anonymous.get(LIST)["ETag"]
    civil_servant_api.patch(f"{LIST}{published['commitment'].pk}/", {"title": "Nieuw"}, format="json")
    response = anonymous.get(LIST, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["results"][0]["title"] == "Nieuw"


def test_answers_vary_by_credentials(anonymous, published):
    response = anonymous.get(LIST)
    assert {"Accept", "Authorization", "Cookie"} <= {v.strip() for v in response["Vary"].split(",")}


def test_a_document_being_polled_answers_304_until_it_changes(anonymous, published):
    url = f"/api/v1/documents/{published['commitment'].speech.document_id}/"
    etag = anonymous.get(url)["ETag"]
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


# --- Throttling ----------------------------------------------------------------------------------


def throttle_rates(settings, anon: str, user: str) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user}}


def test_anonymous_client_over_its_rate_gets_429_with_retry_after(anonymous, db, settings):
    throttle_rates(settings, anon="2/minute", user="5/minute")
    assert anonymous.get(LIST).status_code == 200
    assert anonymous.get(LIST).status_code == 200
    response = anonymous.get(LIST, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["detail"].startswith("Request was throttled. Expected available in ")


def test_token_clients_have_their_own_larger_allowance(anonymous, reader_api, db, settings):
    throttle_rates(settings, anon="1/minute", user="5/minute")
    assert anonymous.get(LIST).status_code == 200
    assert anonymous.get(LIST).status_code == 429
    assert all(reader_api.get(LIST).status_code == 200 for _ in range(5))
    assert reader_api.get(LIST).status_code == 429


# --- Schema and documentation --------------------------------------------------------------------


def test_schema_describes_every_resource(anonymous, db):
    response = anonymous.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for resource in ("commitments", "deadlines", "mentions", "events", "recommendations", "policy-fields",
                     "documents", "meetings", "items", "speeches", "people"):
        assert f"/api/v1/{resource}/" in schema["paths"]
    assert "/api/v1/commitments/{id}/confirm/" in schema["paths"]
    names = {p["name"] for p in schema["paths"]["/api/v1/commitments/"]["get"]["parameters"]}
    assert {"status", "overdue", "overdue_since", "minister", "policy_field", "deadline_before", "deadline_after",
            "recommendation", "has_mentions", "updated_since", "q", "ordering", "page", "format"} <= names


def test_docs_page_loads_swagger_ui_from_our_static_files_not_a_cdn(anonymous, db):
    response = anonymous.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn.jsdelivr.net" not in html and "unpkg.com" not in html
    assert '"validatorUrl": null' in html
    assert "/api/schema/" in html


def test_docs_page_assets_are_among_the_static_files():
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css", "favicon-32x32.png"):
        assert finders.find(f"drf_spectacular_sidecar/swagger-ui-dist/{asset}"), asset


def test_api_root_lists_the_resources(anonymous, db):
    body = anonymous.get("/api/v1/").json()
    assert body["commitments"] == "http://testserver/api/v1/commitments/"
    assert body["documents"] == "http://testserver/api/v1/documents/"
