"""Atom feeds of public events (all, per minister, per policy field, per commitment) and the
iCalendar feeds of open deadlines (all, per minister)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from commitments.models import Commitment, Deadline, Event
from following import describe, ical
from recommendations.models import PolicyField
from transcripts.models import Person

FEED_LENGTH = 50


class EventFeed(Feed):
    """Every public event, newest first."""

    feed_type = Atom1Feed

    def title(self, obj) -> str:
        return _("Commitments of Flemish ministers: all updates")

    def subtitle(self, obj) -> str:
        return _("Commitments that became overdue, deadlines that moved, promises kept, new mentions.")

    def link(self, obj) -> str:
        return describe.page_path("dashboard:overview")

    def events(self, obj) -> QuerySet[Event]:
        return Event.objects.public()

    def items(self, obj):
        return (
            self.events(obj)
            .select_related("commitment__made_by", "commitment__policy_field")
            .order_by("-created_at", "-id")[:FEED_LENGTH]
        )

    def item_title(self, item: Event) -> str:
        return describe.title(item)

    def item_description(self, item: Event) -> str:
        return describe.sentence(item)

    def item_link(self, item: Event) -> str:
        return describe.commitment_path(item.commitment_id)

    def item_guid(self, item: Event) -> str:
        # Several events share a commitment's link; the entry id must be unique and never change.
        return f"tag:{describe.site_host()},2024:event:{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: Event):
        return item.created_at

    def item_updateddate(self, item: Event):
        return item.created_at

    def item_author_name(self, item: Event) -> str:
        return item.commitment.made_by.name

    def item_categories(self, item: Event):
        categories = [item.get_kind_display()]
        if item.commitment.policy_field:
            categories.append(item.commitment.policy_field.name)
        return categories


class MinisterEventFeed(EventFeed):
    def get_object(self, request, slug: str) -> Person:
        return get_object_or_404(Person, slug=slug)

    def title(self, obj: Person) -> str:
        return _("Commitments of %(name)s: updates") % {"name": obj.name}

    def link(self, obj: Person) -> str:
        return describe.page_path("dashboard:minister", obj.slug)

    def events(self, obj: Person) -> QuerySet[Event]:
        return Event.objects.public().filter(commitment__made_by=obj)


class PolicyFieldEventFeed(EventFeed):
    def get_object(self, request, slug: str) -> PolicyField:
        return get_object_or_404(PolicyField, slug=slug)

    def title(self, obj: PolicyField) -> str:
        return _("Commitments in %(field)s: updates") % {"field": obj.name}

    def link(self, obj: PolicyField) -> str:
        return describe.page_path("dashboard:field", obj.slug)

    def events(self, obj: PolicyField) -> QuerySet[Event]:
        return Event.objects.public().filter(commitment__policy_field=obj)


class CommitmentEventFeed(EventFeed):
    def get_object(self, request, pk: int) -> Commitment:
        return get_object_or_404(Commitment.objects.public().select_related("made_by"), pk=pk)

    def title(self, obj: Commitment) -> str:
        return _("Commitment: %(title)s") % {"title": obj.title}

    def subtitle(self, obj: Commitment) -> str:
        return _("Promised by %(name)s.") % {"name": obj.made_by.name}

    def link(self, obj: Commitment) -> str:
        return describe.commitment_path(obj.pk)

    def events(self, obj: Commitment) -> QuerySet[Event]:
        return Event.objects.public().filter(commitment=obj)


# --- iCalendar -----------------------------------------------------------------------------------------


def open_deadlines() -> QuerySet[Commitment]:
    """Public commitments that can still be kept, with their current deadline's words."""
    current_text = Deadline.objects.filter(commitment=OuterRef("pk"), is_current=True).values("text")[:1]
    return (
        Commitment.objects.public()
        .active()
        .filter(current_deadline_latest__isnull=False)
        .select_related("made_by", "policy_field")
        .annotate(deadline_text=Subquery(current_text))
        .order_by("current_deadline_latest", "id")
    )


def calendar_entry(commitment: Commitment) -> ical.Entry:
    description = _("%(name)s promised: “%(quote)s”") % {
        "name": commitment.made_by.name,
        "quote": commitment.quote[:600],
    }
    if commitment.deadline_text:
        description += "\n" + _("Deadline as said: %(text)s") % {"text": commitment.deadline_text}
    categories = (commitment.policy_field.name,) if commitment.policy_field else ()
    return ical.Entry(
        # Stable per commitment: a moved deadline updates the entry instead of adding one.
        uid=f"commitment-{commitment.pk}@{describe.site_host()}",
        day=commitment.current_deadline_latest,
        summary=_("Deadline: %(title)s (%(name)s)") % {"title": commitment.title, "name": commitment.made_by.name},
        stamp=commitment.updated_at or timezone.now(),
        description=description,
        url=describe.absolute(describe.commitment_path(commitment.pk)),
        categories=categories,
    )


def _calendar_response(commitments: QuerySet[Commitment], name: str, filename: str) -> HttpResponse:
    body = ical.calendar((calendar_entry(c) for c in commitments), name=name)
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_all(request: HttpRequest) -> HttpResponse:
    return _calendar_response(open_deadlines(), _("Deadlines of Flemish ministers' commitments"), "deadlines.ics")


def calendar_minister(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person, slug=slug)
    return _calendar_response(
        open_deadlines().for_minister(person),
        _("Deadlines of %(name)s's commitments") % {"name": person.name},
        f"deadlines-{person.slug}.ics",
    )
