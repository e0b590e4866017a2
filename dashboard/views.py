"""The public dashboard: server-rendered pages for watchdog groups, readable without JavaScript.

Views are thin: read the request (filters are GET parameters, so a view can be shared), read
today's date once, call a queryset or a function of `dashboard.overview`, render. Every list also
downloads as CSV with the same filters (`?format=csv`). Only confirmed records are shown: every
query starts from a `public()` queryset.
"""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import Commitment, CommitmentRecommendation, Deadline, Mention
from dashboard import export, feeds
from dashboard.charts import grouped_bars
from dashboard.filters import DUE_SOON_DAYS, CommitmentFilter, RecommendationFilter, SearchForm, with_taken_up
from dashboard.overview import (
    by_period, cached_figures, field_tallies, overview_figures, recommendation_shares, slips_by_commitment,
    status_history, tallies,
)
from dashboard.transcript import (
    Marker, excerpt, quote_in_context, quote_lines, readable_paragraphs, render_paragraphs,
)
from recommendations.models import PolicyField, Recommendation
from tracker.search import WORD, dutch_terms, full_text_filter
from transcripts.models import AgendaItem, Document, Person, Speech

PER_PAGE = 50
OVERVIEW_ROWS = 10  # commitments in each list of the overview; the full lists are one click away
SEARCH_ROWS = 50  # hits per kind on the search page (the CSV has them all)

# Big text columns a list never shows: leaving them out keeps a list page light.
LIST_DEFER = ("quote", "reasons", "review_note", "speech__text", "speech__line_starts", "speech__document__raw_text")

def chart_series() -> list[tuple[str, str]]:
    return [("made", _("Made")), ("kept", _("Kept")), ("overdue", _("Overdue now"))]


def commitment_rows(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """What a table of commitments shows, without the per-row mention count (see `with_mentions`)."""
    return queryset.select_related("made_by", "policy_field").defer(
        "quote", "reasons", "review_note"
    )


def with_mentions(commitments: list[Commitment]) -> list[Commitment]:
    """Set `mention_count` on one page of commitments, in one query for the page.

    Counting with an annotation over the whole filtered list would make the database group every
    matching row before it can cut the page; counting the page's rows only costs one small query.
    """
    counts = dict(
        Mention.objects.public().filter(commitment__in=[c.pk for c in commitments]).order_by()
        .values_list("commitment").annotate(n=Count("id"))
    )
    for commitment in commitments:
        commitment.mention_count = counts.get(commitment.pk, 0)
    return commitments


def paginate(request, queryset: QuerySet):
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def commitments_csv(request, queryset: QuerySet[Commitment], today: datetime.date, filename: str):
    rows = queryset.with_list_data().defer(*LIST_DEFER[1:]).iterator(chunk_size=2000)
    return export.csv_response(filename, export.COMMITMENT_COLUMNS, rows, export.ExportContext(request, today))


# --- Overview -------------------------------------------------------------------------------------


def overview(request):
    today = timezone.localdate()
    public = Commitment.objects.public()
    figures = cached_figures(
        "overview", today, lambda: {**overview_figures(today), "periods": by_period(public, today)}
    )
    total = figures["total"]
    overdue = commitment_rows(public.overdue(today)).order_by("current_deadline_latest", "id")[:OVERVIEW_ROWS]
    soon = commitment_rows(public.due_between(today, today + datetime.timedelta(days=DUE_SOON_DAYS))).order_by(
        "current_deadline_latest", "id"
    )[:OVERVIEW_ROWS]
    periods = figures["periods"]
    return render(request, "dashboard/overview.html", {
        "today": today,
        "total": total,
        "ministers": figures["ministers"],
        "fields": figures["fields"],
        "overdue": overdue,
        "soon": soon,
        "due_soon_days": DUE_SOON_DAYS,
        "periods": periods,
        "chart": grouped_bars(periods, chart_series()),
    })


# --- Commitments ----------------------------------------------------------------------------------


def commitment_list(request):
    today = timezone.localdate()
    filters = CommitmentFilter(request.GET)
    commitments = filters.apply(Commitment.objects.public(), today)
    if export.wants_csv(request):
        return commitments_csv(request, commitments, today, "commitments")
    page = paginate(request, commitment_rows(commitments))
    chosen = filters.values()
    page_feeds = []
    if chosen.get("minister"):
        page_feeds += feeds.minister_feeds(get_object_or_404(Person, slug=chosen["minister"]))
    if chosen.get("field"):
        page_feeds += feeds.field_feeds(get_object_or_404(PolicyField, slug=chosen["field"]))
    return render(request, "dashboard/commitment_list.html", {
        "today": today,
        "filters": filters,
        "page": page,
        "commitments": with_mentions(list(page)),
        "feeds": page_feeds,
    })


def commitment_detail(request, pk: int):
    today = timezone.localdate()
    commitment = get_object_or_404(
        Commitment.objects.public().select_related("made_by", "policy_field", "speech__document", "speech__item")
        .defer("speech__document__raw_text"),
        pk=pk,
    )
    deadlines = (
        Deadline.objects.public().filter(commitment=commitment).select_related("stated_in__document")
        .defer("stated_in__text", "stated_in__line_starts", "stated_in__document__raw_text")
        .order_by(F("stated_on").asc(nulls_first=True), "id")
    )
    mentions = (
        Mention.objects.public().filter(commitment=commitment).select_related("speech__document")
        .defer("speech__text", "speech__line_starts", "speech__document__raw_text")
        .order_by(F("speech__document__date").asc(nulls_first=True), "speech__document_id", "line")
    )
    links = (
        CommitmentRecommendation.objects.public().filter(commitment=commitment)
        .select_related("recommendation__policy_field").order_by("recommendation__number")
    )
    history = commitment.history.only("history_id", "history_date", "status")
    return render(request, "dashboard/commitment_detail.html", {
        "today": today,
        "commitment": commitment,
        "context": quote_in_context(commitment.speech.text, commitment.quote),
        "deadlines": slips_by_commitment(list(deadlines)),
        "mentions": mentions,
        "links": links,
        "history": status_history(list(history), list(commitment.events.all())),
        "feeds": feeds.commitment_feeds(commitment),
    })


# --- Recommendations ------------------------------------------------------------------------------


def public_links_count() -> Subquery:
    links = (
        CommitmentRecommendation.objects.public().filter(recommendation=OuterRef("pk")).order_by()
        .values("recommendation").annotate(n=Count("id")).values("n")
    )
    return Coalesce(Subquery(links, output_field=IntegerField()), Value(0))


def recommendation_list(request):
    today = timezone.localdate()
    filters = RecommendationFilter(request.GET)
    recommendations = filters.apply(
        with_taken_up(Recommendation.objects.public()).select_related("policy_field").defer("document__raw_text")
        .annotate(commitment_count=public_links_count())
    ).order_by("policy_field__name", "document_id", "line")
    if export.wants_csv(request):
        return export.csv_response(
            "recommendations", export.RECOMMENDATION_COLUMNS, recommendations.iterator(chunk_size=2000),
            export.ExportContext(request, today),
        )
    return render(request, "dashboard/recommendation_list.html", {
        "filters": filters,
        "page": paginate(request, recommendations),
        "shares": recommendation_shares(),
    })


def recommendation_detail(request, pk: int):
    today = timezone.localdate()
    recommendation = get_object_or_404(
        Recommendation.objects.public().select_related("policy_field", "document").defer("document__raw_text"), pk=pk
    )
    links = (
        CommitmentRecommendation.objects.public().filter(recommendation=recommendation)
        .select_related("commitment__made_by", "commitment__policy_field")
        .defer("commitment__quote", "commitment__reasons", "commitment__review_note")
        .order_by("-commitment__made_on", "commitment_id")
    )
    return render(request, "dashboard/recommendation_detail.html", {
        "today": today,
        "recommendation": recommendation,
        "links": links,
    })


# --- Ministers and policy fields ------------------------------------------------------------------


def minister_list(request):
    today = timezone.localdate()
    counted = cached_figures(
        "ministers", today, lambda: tallies(Commitment.objects.public(), today, ("made_by",), slips=True)
    )
    ministers = counted["made_by"]
    if export.wants_csv(request):
        return export.csv_response("ministers", export.TALLY_COLUMNS, ministers, export.ExportContext(request, today))
    return render(request, "dashboard/minister_list.html", {"ministers": ministers, "total": counted["total"][0]})


def minister_detail(request, slug: str):
    today = timezone.localdate()
    person = get_object_or_404(Person, slug=slug)
    own = Commitment.objects.public().for_minister(person)
    filters = CommitmentFilter(request.GET, fixed=("minister",))
    commitments = filters.apply(own, today)
    if export.wants_csv(request):
        return commitments_csv(request, commitments, today, f"commitments-{person.slug}")
    page = paginate(request, commitment_rows(commitments))
    portfolios = person.portfolios.all()
    return render(request, "dashboard/minister_detail.html", {
        "today": today,
        "person": person,
        "portfolios": portfolios,
        "tally": cached_figures(f"minister:{person.pk}", today, lambda: tallies(own, today, slips=True))["total"][0],
        "filters": filters,
        "page": page,
        "commitments": with_mentions(list(page)),
        "feeds": feeds.minister_feeds(person),
    })


def field_list(request):
    today = timezone.localdate()
    fields = field_tallies(today)
    if export.wants_csv(request):
        return export.csv_response("policy-fields", export.FIELD_COLUMNS, fields, export.ExportContext(request, today))
    return render(request, "dashboard/field_list.html", {"fields": fields})


def field_detail(request, slug: str):
    today = timezone.localdate()
    policy_field = get_object_or_404(PolicyField, slug=slug)
    own = Commitment.objects.public().in_field(policy_field)
    filters = CommitmentFilter(request.GET, fixed=("field",))
    commitments = filters.apply(own, today)
    if export.wants_csv(request):
        return commitments_csv(request, commitments, today, f"commitments-{policy_field.slug}")
    page = paginate(request, commitment_rows(commitments))
    share = next((s for s in recommendation_shares() if s["policy_field__slug"] == slug), None)
    return render(request, "dashboard/field_detail.html", {
        "today": today,
        "field": policy_field,
        "tally": cached_figures(f"field:{policy_field.pk}", today, lambda: tallies(own, today, slips=True))[
            "total"
        ][0],
        "share": share,
        "filters": filters,
        "page": page,
        "commitments": with_mentions(list(page)),
        "feeds": feeds.field_feeds(policy_field),
    })


# --- Documents ------------------------------------------------------------------------------------


def document_list(request):
    today = timezone.localdate()
    commitments = (
        Commitment.objects.public().filter(speech__document=OuterRef("pk")).order_by()
        .values("speech__document").annotate(n=Count("id")).values("n")
    )
    documents = Document.objects.defer("raw_text", "parse_error", "linking_error").annotate(
        commitment_count=Coalesce(Subquery(commitments, output_field=IntegerField()), Value(0))
    ).order_by(F("date").desc(nulls_last=True), "-id")
    if export.wants_csv(request):
        columns = [
            ("id", lambda d, ctx: d.pk), ("title", lambda d, ctx: d.title), ("kind", lambda d, ctx: d.kind),
            ("date", lambda d, ctx: d.date or ""), ("commitments", lambda d, ctx: d.commitment_count),
            ("url", lambda d, ctx: ctx.url("dashboard:document", pk=d.pk)),
        ]
        return export.csv_response("documents", columns, documents.iterator(), export.ExportContext(request, today))
    return render(request, "dashboard/document_list.html", {"page": paginate(request, documents)})


def document_markers(document: Document) -> list[Marker]:
    """The passages of a document the public pages know about: three queries for any document."""
    markers = []
    commitments = (
        Commitment.objects.public().filter(speech__document=document).select_related("speech")
        .only("pk", "title", "quote", "line", "speech__text", "speech__line_starts")
    )
    for c in commitments:
        first, last = quote_lines(c.speech.text, c.speech.line_starts, c.quote, c.line)
        markers.append(Marker("commitment", reverse("dashboard:commitment", args=[c.pk]),
                              _("Commitment: %(title)s") % {"title": c.title}, first, last))
    mentions = (
        Mention.objects.public().filter(speech__document=document).select_related("speech", "commitment")
        .only("pk", "quote", "line", "signal", "speech__text", "speech__line_starts", "commitment__id",
              "commitment__title")
    )
    for m in mentions:
        first, last = quote_lines(m.speech.text, m.speech.line_starts, m.quote, m.line)
        markers.append(Marker("mention", reverse("dashboard:commitment", args=[m.commitment.pk]) + "#mentions",
                              _("Mentions commitment: %(title)s (%(signal)s)")
                              % {"title": m.commitment.title, "signal": m.get_signal_display()}, first, last))
    for r in Recommendation.objects.public().filter(document=document).only("pk", "number", "line"):
        markers.append(Marker("recommendation", reverse("dashboard:recommendation", args=[r.pk]),
                              _("Recommendation %(number)s") % {"number": r.number}, r.line, r.line))
    return markers


def document_detail(request, pk: int):
    document = get_object_or_404(Document, pk=pk)
    items = (
        AgendaItem.objects.filter(meeting__document=document).select_related("meeting", "asker", "minister")
        .order_by("meeting__date", "meeting_id", "order")
    )
    return render(request, "dashboard/document_detail.html", {
        "document": document,
        "items": items,
        "text": render_paragraphs(readable_paragraphs(document.raw_text, document_markers(document))),
    })


# --- Search and method ----------------------------------------------------------------------------


def search_hits(q: str, limit: int | None) -> dict[str, list[dict]]:
    """Commitments, recommendations and speeches matching `q`, as rows the page and the CSV share."""
    words = list(dict.fromkeys([*WORD.findall(q.lower()), *dutch_terms(q)]))
    commitments = full_text_filter(
        Commitment.objects.public().select_related("made_by").only(
            "pk", "title", "quote", "made_on", "made_by__name"
        ),
        q,
    ).order_by("-made_on", "-id")
    recommendations = full_text_filter(
        Recommendation.objects.public().select_related("policy_field").only(
            "pk", "number", "text", "policy_field__name", "document_id"
        ),
        q,
    ).order_by("policy_field__name", "line")
    speeches = full_text_filter(
        Speech.objects.select_related("document").only(
            "pk", "speaker_name", "text", "start_line", "document__title", "document__date"
        ),
        q,
    ).order_by(F("document__date").desc(nulls_last=True), "document_id", "order")
    if limit is not None:
        commitments, recommendations, speeches = commitments[:limit], recommendations[:limit], speeches[:limit]
    return {
        "commitments": [
            {"type": "commitment", "id": c.pk, "title": c.title, "by": c.made_by.name, "date": c.made_on,
             "excerpt": excerpt(c.quote, words), "url": reverse("dashboard:commitment", args=[c.pk])}
            for c in commitments
        ],
        "recommendations": [
            {"type": "recommendation", "id": r.pk, "title": f"{r.number}. {r.policy_field.name}", "by": "",
             "date": None, "excerpt": excerpt(r.text, words),
             "url": reverse("dashboard:recommendation", args=[r.pk])}
            for r in recommendations
        ],
        "speeches": [
            {"type": "speech", "id": s.pk, "title": s.document.title, "by": s.speaker_name, "date": s.document.date,
             "excerpt": excerpt(s.text, words),
             "url": reverse("dashboard:document", args=[s.document_id]) + f"#L{s.start_line}"}
            for s in speeches
        ],
    }


def search(request):
    today = timezone.localdate()
    form = SearchForm(request.GET)
    q = form.cleaned_data["q"].strip() if form.is_valid() else ""
    if export.wants_csv(request):
        hits = search_hits(q, None) if q else {}
        rows = [hit for kind in ("commitments", "recommendations", "speeches") for hit in hits.get(kind, [])]
        return export.csv_response("search", export.SEARCH_COLUMNS, rows, export.ExportContext(request, today))
    return render(request, "dashboard/search.html", {
        "form": form,
        "q": q,
        "hits": search_hits(q, SEARCH_ROWS) if q else None,
        "limit": SEARCH_ROWS,
    })


def method(request):
    return render(request, "dashboard/method.html", {"due_soon_days": DUE_SOON_DAYS})
