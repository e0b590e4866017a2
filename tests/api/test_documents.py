"""Documents: lists without the text, a document with it, and the upload a client polls."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.models import Recommendation
from tests.conftest import seed_path
from tests.factories import DocumentFactory
from transcripts.models import Document, Person, Speech

pytestmark = pytest.mark.django_db

LIST = "/api/v1/documents/"


def upload(client, content: bytes, name: str = "C20.txt", **fields):
    return client.post(LIST, {"file": SimpleUploadedFile(name, content, "text/plain"), **fields},
                       format="multipart", HTTP_ACCEPT_LANGUAGE="en")


def test_document_list_leaves_out_the_text_and_the_detail_has_it(anonymous, db):
    document = DocumentFactory()
    row = anonymous.get(LIST).json()["results"][0]
    assert row["title"] == document.title
    assert row["parse_state"] == "parsed"
    assert "raw_text" not in row
    detail = anonymous.get(f"{LIST}{document.pk}/").json()
    assert detail["raw_text"] == document.raw_text


def test_document_list_never_loads_the_text(anonymous, db):
    DocumentFactory()
    with CaptureQueriesContext(connection) as queries:
        anonymous.get(LIST)
    assert not any('"raw_text"' in query["sql"] for query in queries)


def test_upload_is_202_with_the_url_to_poll(civil_servant_api, anonymous):
    content = seed_path("000").read_bytes()
    response = upload(civil_servant_api, content, name="000.txt")
    assert response.status_code == 202, response.content
    body = response.json()
    document = Document.objects.get()
    assert body["id"] == document.pk
    assert body["created"] is True
    assert response["Location"] == body["url"] == f"http://testserver{LIST}{document.pk}/"
    assert body["parse_state"] in {"parsed", "partial"}
    assert body["report"]["document"] == document.pk
    assert Speech.objects.filter(document=document).exists()
    polled = anonymous.get(body["url"]).json()
    assert (polled["parse_state"], polled["linking_state"]) == (document.parse_state, document.linking_state)


def test_uploading_the_same_file_again_returns_the_stored_document(civil_servant_api):
    content = seed_path("000").read_bytes()
    first = upload(civil_servant_api, content).json()
    response = upload(civil_servant_api, content, name="again.txt")
    assert response.status_code == 200
    assert response.json()["id"] == first["id"]
    assert response.json()["created"] is False
    assert response["Location"] == first["url"]
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "The submitted file is empty."),
        (b"   \n\t\n  ", "C20.txt: file is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj",
         "C20.txt: file is binary: a PDF file (extract its text first)"),
        (b"Vraag om uitleg\x00\x00\x01 over telewerk", "C20.txt: file is binary (it contains NUL bytes), not text"),
        ("Minister Bart Somers: de omzendbrief wordt geëvalueerd.".encode("latin-1"),
         "C20.txt: file is not UTF-8 text (byte 0xeb at position 45); convert it to UTF-8 first"),
    ],
    ids=["empty", "whitespace", "pdf", "nul-bytes", "latin-1"],
)
def test_unusable_upload_is_a_400_with_the_reason_and_stores_nothing(civil_servant_api, content, reason):
    response = upload(civil_servant_api, content)
    assert response.status_code == 400
    assert response.json() == {"file": [reason]}
    assert Document.objects.count() == Speech.objects.count() == Person.objects.count() == 0
    assert Recommendation.objects.count() == 0


def test_upload_larger_than_the_limit_is_refused_before_it_is_read(civil_servant_api, settings):
    settings.MAX_DOCUMENT_BYTES = 100
    response = upload(civil_servant_api, b"x" * 101)
    assert response.status_code == 400
    assert response.json() == {"file": ["C20.txt: file is too large (101 bytes; the limit is 100)"]}
    assert Document.objects.count() == 0


def test_upload_without_a_file_is_a_400_naming_the_field(civil_servant_api):
    response = civil_servant_api.post(LIST, {}, format="multipart", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"file": ["No file was submitted."]}


def test_upload_with_a_bad_date_is_a_400_naming_the_field(civil_servant_api):
    response = upload(civil_servant_api, seed_path("000").read_bytes(), date="13/10/2020")
    assert response.status_code == 400
    assert list(response.json()) == ["date"]
    assert Document.objects.count() == 0


def test_unknown_document_is_404(anonymous, db):
    assert anonymous.get(f"{LIST}31337/").status_code == 404


def test_document_filters(anonymous, db):
    DocumentFactory(title="Verslag telewerk", kind=Document.Kind.REPORT)
    DocumentFactory(title="Handelingen begroting", kind=Document.Kind.TRANSCRIPT)
    assert [d["title"] for d in anonymous.get(LIST, {"kind": "report"}).json()["results"]] == ["Verslag telewerk"]
    assert [d["title"] for d in anonymous.get(LIST, {"q": "begroting"}).json()["results"]] == [
        "Handelingen begroting"
    ]
    assert list(anonymous.get(LIST, {"kind": "novel"}).json()) == ["kind"]
