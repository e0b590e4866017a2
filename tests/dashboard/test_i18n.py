"""Dutch by default (the readers are Flemish); English through the language switch."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_in_dutch_by_default(client, world):
    html = client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "<h1>Wat Vlaamse ministers beloofden, en wat ervan terechtkwam</h1>" in html
    assert "Cijfers op 1 maart 2021." in html  # dates in Dutch too


def test_the_language_switch_changes_the_page_to_english(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/commitments/?status=open"})
    assert response.status_code == 302 and response.url == "/commitments/?status=open"
    html = client.get(response.url).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Commitments</h1>" in html
    assert '<button type="submit" name="language" value="en" lang="en"\n                aria-pressed="true" class="current">English</button>' in html
    overview = client.get("/").content.decode()
    assert "Figures on 1 March 2021." in overview
    assert "Overdue now, oldest first" in overview


def test_switching_back_to_dutch(client, world):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert '<html lang="nl">' in client.get("/").content.decode()


def test_a_browser_asking_for_english_gets_english(client, world):
    html = client.get("/method/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert "<h1>How this tracker works</h1>" in html


def test_model_labels_are_translated_on_the_dutch_pages(client, world):
    html = client.get(f"/commitments/{world.oproep.pk}/").content.decode()
    assert re.search(r'<span class="status status-delayed">Vertraagd</span>', html)
    assert "<dd>Stellig</dd>" in html


def test_every_dashboard_string_has_a_dutch_translation():
    """No msgid of the dashboard or the site layout is left untranslated or fuzzy in locale/nl."""
    from pathlib import Path

    po = (Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.po").read_text()
    entries = po.split("\n\n")[1:]
    ours = [e for e in entries if re.search(r"^#: .*(dashboard/|tracker/templates/base\.html)", e, re.M)]
    assert len(ours) > 150
    for entry in ours:
        assert "#, fuzzy" not in entry, entry
        assert not re.search(r'^msgstr(\[\d\])? ""\n(?!")', entry + "\n", re.M), entry
    mo = Path(__file__).resolve().parents[2] / "locale" / "nl" / "LC_MESSAGES" / "django.mo"
    assert mo.exists(), "compile the catalogue: manage.py compilemessages -l nl --ignore=.venv"
