"""Links to the `following` app's Atom and iCalendar feeds that a dashboard page offers.

Every page announces its feeds in the head (`<link rel="alternate">`, so feed readers find them)
and shows them as links. The site-wide feeds are in `base.html`; these are the page's own.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

ATOM = "application/atom+xml"
ICALENDAR = "text/calendar"


@dataclass(frozen=True)
class Feed:
    title: str
    url: str
    type: str

    @property
    def is_calendar(self) -> bool:
        return self.type == ICALENDAR


def minister_feeds(person) -> list[Feed]:
    return [
        Feed(_("Atom feed: commitments of %(name)s") % {"name": person.name},
             reverse("following:feed-minister", kwargs={"slug": person.slug}), ATOM),
        Feed(_("Calendar: deadlines of %(name)s") % {"name": person.name},
             reverse("following:calendar-minister", kwargs={"slug": person.slug}), ICALENDAR),
    ]


def field_feeds(policy_field) -> list[Feed]:
    return [
        Feed(_("Atom feed: commitments in %(field)s") % {"field": policy_field.name},
             reverse("following:feed-field", kwargs={"slug": policy_field.slug}), ATOM),
    ]


def commitment_feeds(commitment) -> list[Feed]:
    return [
        Feed(_("Atom feed: news about this commitment"),
             reverse("following:feed-commitment", kwargs={"pk": commitment.pk}), ATOM),
    ]
