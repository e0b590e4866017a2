"""What each public page shows an anonymous visitor (in Dutch, the default language)."""

import re

import pytest
from django.urls import reverse

from tests.dashboard.conftest import TODAY

pytestmark = pytest.mark.django_db


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def section(html: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by `heading_id`."""
    match = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    assert match, heading_id
    return match.group(0)


def test_overview_counts_commitments_by_status(client, world):
    html = body(client.get(reverse("dashboard:overview")))
    counts = section(html, "counts-heading")
    assert re.search(r'stat-number">6</span> <span class="stat-label">toezeggingen', counts)
    assert re.search(r'stat-number">2</span> <span class="stat-label">nu over tijd', counts)
    assert re.search(r'stat-number">1</span> <span class="stat-label">termijn in de komende 90 dagen', counts)
    assert re.search(r'stat-number">1</span> <span class="stat-label">nagekomen', counts)
    rows = dict(re.findall(r'status-(\w+)">[^<]+</span></a></th>\s*<td class="num">(\d+)</td>', counts))
    assert rows == {"open": "4", "delayed": "1", "partly_fulfilled": "0", "fulfilled": "1", "abandoned": "0"}


def test_overview_lists_overdue_commitments_oldest_first_with_days_overdue(client, world):
    overdue = section(body(client.get("/")), "overdue-heading")
    titles = re.findall(r'<th scope="row"><a href="/commitments/\d+/">([^<]+)</a>', overdue)
    assert titles == ["Omzendbrief anders werken", "Innovatieoproep"]
    # 31 December 2020 passed: overdue since 1 January, 59 days on 1 March; 15 February: 13 days.
    assert re.findall(r'<td class="num"><strong>(\d+)</strong></td>', overdue) == ["59", "13"]


def test_overview_lists_deadlines_in_the_next_90_days(client, world):
    soon = section(body(client.get("/")), "soon-heading")
    assert "Actieplan tegen racisme" in soon  # 4 April 2021
    assert "Regiovorming rond" not in soon  # 21 June 2021 is 112 days away
    assert "Omzendbrief anders werken" not in soon


def test_overview_counts_per_minister_and_per_policy_field(client, world):
    html = body(client.get("/"))
    ministers = section(html, "ministers-heading")
    somers = re.search(r'<a href="/ministers/bart-somers/">Bart Somers</a></th>(.*?)</tr>', ministers, re.S).group(1)
    assert re.findall(r">(\d+)<", somers) == ["4", "0", "1", "1"]  # commitments, kept, overdue, due soon
    fields = section(html, "fields-heading")
    assert '<a href="/fields/binnenlands-bestuur/">Binnenlands bestuur</a>' in fields
    assert "Geen beleidsveld" in fields  # "Hervorming lokaal bestuur" has none


def test_overview_draws_the_chart_on_the_server_as_svg(client, world):
    chart = section(body(client.get("/")), "chart-heading")
    assert '<svg class="chart"' in chart and 'role="img"' in chart
    assert chart.count('<rect class="bar bar-made"') == 1  # one quarter: 2020 Q4
    assert "<title>2020 Q4: 6</title>" in chart
    assert "<script" not in chart
    table = re.search(r"<table>.*?</table>", chart, re.S).group(0)
    assert re.findall(r"<td class=\"num\">(\d+)</td>", table) == ["6", "1", "2"]


def test_commitment_page_shows_the_quote_in_context_with_a_link_to_its_line(client, world):
    html = body(client.get(reverse("dashboard:commitment", args=[world.circular.pk])))
    quote = section(html, "quote-heading")
    assert "<mark>Eind 2020 zullen we via een omzendbrief een nieuw kader inzake anders werken klaarstomen.</mark>" in quote
    assert '<span class="context"> Dat beloof ik.</span>' in quote
    assert f'href="/documents/{world.transcript.pk}/#L6"' in quote


def test_commitment_page_shows_each_deadline_revision_with_its_slip_and_source(client, world):
    timeline = section(body(client.get(f"/commitments/{world.circular.pk}/")), "deadlines-heading")
    items = re.findall(r'<li class="timeline-item( current)?">(.*?)</li>', timeline, re.S)
    assert len(items) == 2  # the suggested third revision is not public
    first, second = items
    assert "tegen eind oktober" in first[1] and "Eerste termijn die genoemd werd." in first[1]
    assert second[0] == " current"
    assert "eind 2020" in second[1] and "61 dagen later dan de vorige termijn." in second[1]
    assert f'href="/documents/{world.transcript.pk}/#L6"' in second[1]
    assert "VERBORGEN" not in timeline


def test_commitment_page_shows_mentions_recommendations_and_status_history(client, world):
    html = body(client.get(f"/commitments/{world.circular.pk}/"))
    mentions = section(html, "mentions-heading")
    assert "status-signal-fulfilled" in mentions and "Nagekomen" in mentions
    assert "De onderhandelingen rond de omzendbrief anders werken werden in december afgerond." in mentions
    assert f'href="/documents/{world.later.pk}/#L1"' in mentions
    assert "De omzendbrief is er nog niet." not in mentions  # a suggested mention
    recommendations = section(html, "recommendations-heading")
    assert f'href="/recommendations/{world.rec_work.pk}/"' in recommendations
    history = section(html, "history-heading")
    assert "over tijd geraakt" in history
    assert "opgenomen met status ‘Open’" in history


def test_status_history_shows_a_status_change_once(client, world):
    history = section(body(client.get(f"/commitments/{world.relance.pk}/")), "history-heading")
    assert "status gewijzigd van ‘Open’ naar ‘Nagekomen’" in history
    assert history.count("<li>") == 2  # recorded as open; changed to fulfilled (its event is not repeated)


def test_commitment_page_links_its_feed(client, world):
    html = body(client.get(f"/commitments/{world.circular.pk}/"))
    feed = reverse("following:feed-commitment", kwargs={"pk": world.circular.pk})
    assert f'<link rel="alternate" type="application/atom+xml" title="Atom-feed: nieuws over deze toezegging" href="{feed}">' in html
    assert f'<a class="feed feed-atom" href="{feed}" type="application/atom+xml">' in html.split("</head>")[1]


def test_every_page_announces_the_site_feeds_in_its_head(client, world):
    for url in ["/", "/commitments/", "/method/", f"/documents/{world.transcript.pk}/"]:
        head = body(client.get(url)).split("</head>")[0]
        assert f'<link rel="alternate" type="application/atom+xml" title="Atom-feed: alle toezeggingen" href="{reverse("following:feed-all")}">' in head
        assert f'<link rel="alternate" type="text/calendar" title="Agenda: alle termijnen" href="{reverse("following:calendar-all")}">' in head


def test_minister_and_field_pages_announce_their_own_feeds(client, world):
    head = body(client.get("/ministers/bart-somers/")).split("</head>")[0]
    assert f'href="{reverse("following:feed-minister", kwargs={"slug": "bart-somers"})}"' in head
    assert f'type="text/calendar" title="Agenda: termijnen van Bart Somers" href="{reverse("following:calendar-minister", kwargs={"slug": "bart-somers"})}"' in head
    head = body(client.get("/fields/economie/")).split("</head>")[0]
    assert f'href="{reverse("following:feed-field", kwargs={"slug": "economie"})}"' in head
    # A filtered list of one minister's commitments announces that minister's feed too.
    head = body(client.get("/commitments/?minister=jo-brouns")).split("</head>")[0]
    assert f'href="{reverse("following:feed-minister", kwargs={"slug": "jo-brouns"})}"' in head


def test_recommendation_page_lists_the_commitments_that_take_it_up(client, world):
    html = body(client.get(reverse("dashboard:recommendation", args=[world.rec_work.pk])))
    taken = section(html, "taken-heading")
    assert f'<a href="/commitments/{world.circular.pk}/">Omzendbrief anders werken</a>' in taken
    assert f'href="/documents/{world.bundle.pk}/#L5"' in html


def test_recommendation_taken_up_only_by_a_suggestion_is_not_taken_up(client, world):
    for recommendation in (world.rec_local, world.rec_kmo):
        taken = section(body(client.get(f"/recommendations/{recommendation.pk}/")), "taken-heading")
        assert "Nog geen enkele toezegging neemt deze aanbeveling op." in taken


def test_recommendations_page_shows_per_field_the_share_not_taken_up(client, world):
    shares = section(body(client.get(reverse("dashboard:recommendation-list"))), "shares-heading")
    rows = re.findall(r'<a href="/fields/([\w-]+)/">.*?<td class="num">(\d+)</td>.*?>(\d+)</a></td>.*?(\d+)%</td>',
                      shares, re.S)
    assert rows == [("binnenlands-bestuur", "2", "1", "50"), ("economie", "1", "1", "100")]


def test_minister_page_shows_kept_overdue_days_overdue_and_slips(client, world):
    html = body(client.get(reverse("dashboard:minister", args=["bart-somers"])))
    cards = dict((label, number) for number, label in re.findall(
        r'stat-number">(\d+)</span> <span class="stat-label">([^<]+)</span>', html))
    assert cards == {"toezeggingen": "4", "nagekomen": "0", "nu over tijd": "1", "dagen over tijd in totaal": "59",
                     "verschoven termijnen": "1"}
    assert "Innovatieoproep" not in html  # Brouns'


def test_minister_list_has_every_minister_with_slips_and_days_overdue(client, world):
    html = body(client.get(reverse("dashboard:minister-list")))
    brouns = re.search(r'Jo Brouns</a></th>(.*?)</tr>', html, re.S).group(1)
    # commitments, kept, overdue, due soon, days overdue, slips
    assert re.findall(r">(\d+)<", brouns) == ["2", "1", "1", "0", "13", "0"]
    somers = re.search(r'Bart Somers</a></th>(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r">(\d+)<", somers) == ["4", "0", "1", "1", "59", "1"]


def test_field_pages_list_their_commitments_and_recommendation_share(client, world):
    html = body(client.get(reverse("dashboard:field", args=["binnenlands-bestuur"])))
    assert "1 van de 2 ABB-aanbevelingen in dit beleidsveld (50%) zijn in geen enkele toezegging opgenomen." in html
    assert "Omzendbrief anders werken" in html and "Innovatieoproep" not in html
    fields = body(client.get(reverse("dashboard:field-list")))
    assert re.search(r"Economie</a></th>.*?1 \(100%\)", fields, re.S)


def test_transcript_viewer_anchors_every_line_and_leaves_out_page_furniture(client, world):
    html = body(client.get(reverse("dashboard:document", args=[world.transcript.pk])))
    text = re.search(r'<div class="transcript-text" lang="nl">(.*?)</div>', html, re.S).group(1)
    numbers = [int(n) for n in re.findall(r'id="L(\d+)"', text)]
    assert numbers == [1, 2, 4, 6, 7, 13, 14, 16, 18, 20, 22, 25]
    assert "Commissievergadering nr. C20 (2020-2021) – 13 oktober 2020" not in text
    assert "Vlaams Parlement" not in text
    assert 'id="L24"' not in text  # the page number "7"


def test_transcript_viewer_escapes_the_text(client, world):
    html = body(client.get(f"/documents/{world.transcript.pk}/"))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html


def test_transcript_viewer_highlights_and_links_commitments_and_mentions(client, world):
    html = body(client.get(f"/documents/{world.transcript.pk}/"))
    # The quote runs over lines 6 and 7: both are marked, the link is on the first.
    assert re.search(r'<span class="line hl-commitment" id="L6">.*?<a class="marker marker-commitment" '
                     rf'href="/commitments/{world.circular.pk}/"', html)
    assert '<span class="line hl-commitment" id="L7">' in html
    assert '<span class="line" id="L18">' in html  # a suggested commitment is not marked
    later = body(client.get(f"/documents/{world.later.pk}/"))
    assert re.search(r'<span class="line hl-mention" id="L1">.*?marker-mention', later)
    assert '<span class="line" id="L4">' in later  # the suggested mention


def test_transcript_viewer_has_a_table_of_contents_of_agenda_items(client, world):
    html = body(client.get(f"/documents/{world.transcript.pk}/"))
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    assert '<a href="#L1">Vraag om uitleg 15 (2020-2021)</a>' in toc


def test_document_list_counts_public_commitments(client, world):
    html = body(client.get(reverse("dashboard:document-list")))
    row = re.search(rf'href="/documents/{world.transcript.pk}/">.*?</tr>', html, re.S).group(0)
    assert '<td class="num">4</td>' in row  # the suggested one is not counted


def test_search_finds_commitments_recommendations_and_speeches_in_dutch(client, world):
    html = body(client.get(reverse("dashboard:search"), {"q": "omzendbrief"}))
    assert "Omzendbrief anders werken" in section(html, "hits-commitments")
    speeches = section(html, "hits-speeches")
    assert f'href="/documents/{world.transcript.pk}/#L6"' in speeches
    assert f'href="/documents/{world.later.pk}/#L1"' in speeches
    html = body(client.get("/search/", {"q": "anders werken"}))
    assert f'href="/recommendations/{world.rec_work.pk}/"' in section(html, "hits-recommendations")
    html = body(client.get("/search/", {"q": "besturen"}))  # stemmed: finds "bestuur"
    assert "Hervorming lokaal bestuur" in section(html, "hits-commitments")


def test_search_page_without_a_query_shows_the_labelled_form(client, world):
    html = body(client.get("/search/"))
    assert '<label for="id_q">Zoek in toezeggingen, aanbevelingen en verslagen</label>' in html
    assert "hits-commitments" not in html


def test_method_page_explains_statuses_and_deadlines(client, db):
    html = body(client.get(reverse("dashboard:method")))
    assert "Hoe we termijnen lezen" in html
    assert "uiterlijk op paaszondag 2021" in html
    assert "docs/methodology-deadlines.md" in html
    assert f'<a href="{reverse("api:docs")}">REST-API</a>' in html
    for status in ("Open", "Vertraagd", "Gedeeltelijk nagekomen", "Nagekomen", "Opgegeven"):
        assert f">{status}</span>" in html


def test_pages_have_landmarks_a_skip_link_and_a_language_switch(client, world):
    html = body(client.get("/"))
    assert '<a class="skip-link" href="#main">Naar de inhoud</a>' in html
    assert '<main id="main"' in html and "<header" in html and "<footer" in html and "<nav" in html
    form = re.search(r'<form class="language-switch" action="/i18n/setlang/" method="post".*?</form>', html, re.S)
    assert form and 'name="language" value="en"' in form.group(0)
    assert 'aria-current="page">Overzicht</a>' in html


def test_every_filter_field_has_a_label(client, world):
    html = body(client.get("/commitments/"))
    form = re.search(r'<form class="filters".*?</form>', html, re.S).group(0)
    ids = re.findall(r'<(?:input|select)[^>]*id="(id_\w+)"', form)
    assert ids == ["id_q", "id_status", "id_minister", "id_field", "id_deadline", "id_sort"]
    for field_id in ids:
        assert f'<label for="{field_id}">' in form


def test_unknown_pages_are_404(client, world):
    assert client.get("/commitments/999999/").status_code == 404
    assert client.get("/ministers/nobody/").status_code == 404
    assert client.get("/fields/nothing/").status_code == 404
    assert client.get("/documents/999999/").status_code == 404
    assert client.get("/recommendations/999999/").status_code == 404


def test_overview_reads_today_from_the_clock_once(client, world, frozen_today):
    assert frozen_today == TODAY
    assert "Cijfers op 1 maart 2021." in body(client.get("/"))
