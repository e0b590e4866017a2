"""How an event reads in a feed, a digest and a calendar, and where its links point.

The wording is data at the top: one title and one sentence per kind of event.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from commitments.models import Commitment, Event

Kind = Event.Kind

# Kind -> the entry's title. %(title)s is the commitment's title.
TITLES = {
    Kind.BECAME_OVERDUE: _("Overdue: %(title)s"),
    Kind.NO_LONGER_OVERDUE: _("No longer overdue: %(title)s"),
    Kind.DEADLINE_MOVED: _("Deadline moved: %(title)s"),
    Kind.FULFILLED: _("Fulfilled: %(title)s"),
    Kind.STATUS_CHANGED: _("Status changed: %(title)s"),
    Kind.NEW_MENTION: _("Mentioned again: %(title)s"),
}

# Kind -> one sentence. Placeholders come from the event's detail, dates written out.
SENTENCES = {
    Kind.BECAME_OVERDUE: _("%(minister)s promised this by %(deadline)s. It is overdue since %(day)s."),
    Kind.DEADLINE_MOVED: _("The deadline moved from %(from)s to %(to)s."),
    Kind.FULFILLED: _("Marked as fulfilled on %(day)s."),
    Kind.STATUS_CHANGED: _("The status changed from '%(from)s' to '%(to)s' on %(day)s."),
    Kind.NEW_MENTION: _("Mentioned again in parliament; recorded on %(day)s."),
}

# The no_longer_overdue event's reason -> its sentence.
CLEARED_BECAUSE = {
    "fulfilled": _("No longer overdue since %(day)s: it was fulfilled."),
    "abandoned": _("No longer overdue since %(day)s: it was abandoned."),
    "rejected": _("No longer overdue since %(day)s: it is not a commitment after all."),
    "deadline_moved": _("No longer overdue since %(day)s: its deadline was moved later."),
    "deadline_removed": _("No longer overdue since %(day)s: it has no deadline any more."),
}


def title(event: Event) -> str:
    return str(TITLES.get(event.kind, "%(title)s")) % {"title": event.commitment.title}


def sentence(event: Event) -> str:
    detail = event.detail or {}
    day = written_date(event.happened_on)
    if event.kind == Kind.NO_LONGER_OVERDUE:
        template = CLEARED_BECAUSE.get(detail.get("reason"), CLEARED_BECAUSE["deadline_moved"])
        return str(template) % {"day": day}
    values = {"day": day, "minister": event.commitment.made_by.name, "deadline": "?", "from": "?", "to": "?"}
    if event.kind == Kind.BECAME_OVERDUE:
        values["deadline"] = written_date(detail.get("deadline"))
    elif event.kind == Kind.DEADLINE_MOVED:
        values["from"] = _deadline_words(detail.get("from"))
        values["to"] = _deadline_words(detail.get("to"))
    elif event.kind == Kind.STATUS_CHANGED:
        labels = dict(Commitment.Status.choices)
        values["from"] = str(labels.get(detail.get("from"), detail.get("from", "?")))
        values["to"] = str(labels.get(detail.get("to"), detail.get("to", "?")))
    return str(SENTENCES.get(event.kind, "")) % values


def written_date(value: datetime.date | str | None) -> str:
    if value is None:
        return "?"
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return formats.date_format(value, "DATE_FORMAT")


def _deadline_words(part: dict | None) -> str:
    if not part:
        return _gettext("no deadline")
    day = written_date(part.get("latest"))
    return f"'{part['text']}' ({day})" if part.get("text") else day


# --- Links ------------------------------------------------------------------------------------------


def commitment_path(commitment_id: int) -> str:
    """The dashboard's page for a commitment, or its admin page while the dashboard has none."""
    try:
        return reverse("dashboard:commitment", args=[commitment_id])
    except NoReverseMatch:
        return reverse("admin:commitments_commitment_change", args=[commitment_id])


def page_path(name: str, *args, fallback: str = "/") -> str:
    """A dashboard page if the dashboard has it, else `fallback`."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return fallback


def absolute(path: str) -> str:
    """An absolute URL on this site, for mail and calendars (which have no request to go by)."""
    return settings.SITE_URL.rstrip("/") + path


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"
