"""CSV downloads of the public lists: the same filters as the page, every row, streamed.

The columns of each list are data at the top of this module. Headers are stable English
identifiers so that a watchdog's script keeps working whatever language the page is in; status
and signal columns give both the stored value and its label in the visitor's language.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable
from typing import Any

from django.http import StreamingHttpResponse
from django.urls import reverse

from dashboard.overview import days_overdue

Column = tuple[str, Callable[[Any, "ExportContext"], Any]]


class ExportContext:
    """What a column needs besides the row: the day counted for and how to make absolute URLs."""

    def __init__(self, request, today: datetime.date):
        self.request = request
        self.today = today

    def url(self, name: str, **kwargs) -> str:
        return self.request.build_absolute_uri(reverse(name, kwargs=kwargs))


COMMITMENT_COLUMNS: list[Column] = [
    ("id", lambda c, ctx: c.pk),
    ("title", lambda c, ctx: c.title),
    ("minister", lambda c, ctx: c.made_by.name),
    ("policy_field", lambda c, ctx: c.policy_field.name if c.policy_field else ""),
    ("status", lambda c, ctx: c.status),
    ("status_label", lambda c, ctx: c.get_status_display()),
    ("strength", lambda c, ctx: c.strength),
    ("made_on", lambda c, ctx: c.made_on or ""),
    ("deadline", lambda c, ctx: c.current_deadline_latest or ""),
    ("days_overdue", lambda c, ctx: days_overdue(c, ctx.today) or ""),
    ("mentions", lambda c, ctx: getattr(c, "mention_count", "")),
    ("quote", lambda c, ctx: c.quote),
    ("document", lambda c, ctx: c.speech.document.title),
    ("line", lambda c, ctx: c.line),
    ("url", lambda c, ctx: ctx.url("dashboard:commitment", pk=c.pk)),
]

RECOMMENDATION_COLUMNS: list[Column] = [
    ("id", lambda r, ctx: r.pk),
    ("number", lambda r, ctx: r.number),
    ("policy_field", lambda r, ctx: r.policy_field.name),
    ("kind", lambda r, ctx: r.kind),
    ("kind_label", lambda r, ctx: r.get_kind_display()),
    ("section", lambda r, ctx: r.section),
    ("text", lambda r, ctx: r.text),
    ("taken_up", lambda r, ctx: "yes" if r.taken_up else "no"),
    ("commitments", lambda r, ctx: r.commitment_count),
    ("url", lambda r, ctx: ctx.url("dashboard:recommendation", pk=r.pk)),
]

TALLY_COLUMNS: list[Column] = [
    ("name", lambda t, ctx: t.name),
    ("slug", lambda t, ctx: t.slug),
    ("commitments", lambda t, ctx: t.total),
    ("kept", lambda t, ctx: t.kept),
    ("partly_kept", lambda t, ctx: t.partly_kept),
    ("overdue", lambda t, ctx: t.overdue),
    ("days_overdue_total", lambda t, ctx: t.days_overdue),
    ("due_in_90_days", lambda t, ctx: t.due_soon),
    ("deadline_slips", lambda t, ctx: t.slips),
]

FIELD_COLUMNS: list[Column] = [
    *TALLY_COLUMNS[:2],
    *TALLY_COLUMNS[2:8],
    ("recommendations", lambda t, ctx: t.recommendations),
    ("recommendations_not_taken_up", lambda t, ctx: t.not_taken_up),
]

SEARCH_COLUMNS: list[Column] = [
    ("type", lambda hit, ctx: hit["type"]),
    ("id", lambda hit, ctx: hit["id"]),
    ("title", lambda hit, ctx: hit["title"]),
    ("date", lambda hit, ctx: hit["date"] or ""),
    ("excerpt", lambda hit, ctx: hit["excerpt"]),
    ("url", lambda hit, ctx: ctx.request.build_absolute_uri(hit["url"])),
]


class _Echo:
    """A file-like object whose write returns the line, so csv.writer feeds a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_response(filename: str, columns: list[Column], rows: Iterable, context: ExportContext) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([name for name, _get in columns])
        for row in rows:
            yield writer.writerow([get(row, context) for _name, get in columns])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{context.today.isoformat()}.csv"'
    return response


def wants_csv(request) -> bool:
    return request.GET.get("format") == "csv"
