"""Only confirmed records are public: suggestions and rejections stay in the admin."""

import pytest
from django.urls import reverse

from tests.dashboard.conftest import SECRET_WORDS

pytestmark = pytest.mark.django_db


def public_urls(world) -> list[str]:
    lists = ["/", "/commitments/", "/commitments/?deadline=overdue", "/recommendations/", "/ministers/",
             "/fields/", "/documents/", "/search/?q=voorstel", "/search/?q=geheim", "/method/"]
    pages = [
        reverse("dashboard:commitment", args=[c.pk]) for c in (world.circular, world.racism_plan, world.oproep)
    ] + [
        reverse("dashboard:recommendation", args=[r.pk]) for r in (world.rec_local, world.rec_work, world.rec_kmo)
    ] + [
        reverse("dashboard:document", args=[d.pk]) for d in (world.transcript, world.later, world.economy, world.bundle)
    ] + ["/ministers/bart-somers/", "/ministers/jo-brouns/", "/fields/binnenlands-bestuur/", "/fields/economie/"]
    csvs = [url + ("&" if "?" in url else "?") + "format=csv" for url in lists if url not in ("/", "/method/")]
    return lists + pages + csvs + ["/ministers/bart-somers/?format=csv", "/fields/economie/?format=csv"]


def content(response) -> str:
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_no_public_page_or_download_shows_a_suggested_or_rejected_record(client, world):
    for url in public_urls(world):
        text = content(client.get(url))
        for word in SECRET_WORDS:
            assert word not in text, f"{word} on {url}"


def test_suggested_and_rejected_commitments_have_no_page(client, world):
    assert client.get(reverse("dashboard:commitment", args=[world.hidden.pk])).status_code == 404
    assert client.get(reverse("dashboard:commitment", args=[world.rejected.pk])).status_code == 404


def test_confirming_a_suggestion_shows_it_at_once(client, world, civil_servant):
    from django.utils import timezone

    from commitments.review import confirm_commitment

    assert "GEHEIM voorstel" not in content(client.get("/"))
    confirm_commitment(world.hidden, civil_servant, timezone.now())
    overview = content(client.get("/"))
    assert "GEHEIM voorstel" in overview  # overdue since 1 January: in the overdue list
    assert client.get(reverse("dashboard:commitment", args=[world.hidden.pk])).status_code == 200
