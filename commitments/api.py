"""The REST API of commitments, their deadlines, mentions and events, and of civil servants' reviews.

Anonymous and ordinary clients see what a person confirmed (the models' `public()` querysets); a
civil servant sees everything, each record with its `review_state`, and may create and edit
commitments and confirm or reject suggestions. Writes go through `commitments.review`, so the
history records the user and the jobs find the events they expect.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from commitments import review
from commitments.models import Commitment, CommitmentRecommendation, Deadline, Event, Mention, ReviewState
from recommendations.api import PolicyFieldSerializer, visible_links
from recommendations.models import PolicyField
from tracker.api_formats import (
    FullTextFilter, IdFilter, IdOrSlugFilter, Link, ReadOnlyViewSet, RelatedLink, StrictBooleanFilter,
    TrackerFilterSet, TrackerViewSetMixin, named_choice_field, record_url,
)
from transcripts.api import HEAVY_DOCUMENT_FIELDS, DocumentBriefSerializer, PersonBriefSerializer
from transcripts.models import Person, Speech

CONFIRMED = ReviewState.CONFIRMED

# Columns a page of commitments never shows, on the rows it joins: a speech's full text and its
# document's text would cost megabytes per page.
LIST_DEFERRED_FIELDS = (
    "reasons", "speech__text", "speech__line_starts", "speech__heading",
    *(f"speech__document__{name}" for name in HEAVY_DOCUMENT_FIELDS),
)


# Renders a datetime as every DateTimeField of the API does (in the current time zone).
DATETIME = serializers.DateTimeField()


def iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def visible_commitments(sees_suggestions: bool) -> QuerySet[Commitment]:
    return Commitment.objects.all() if sees_suggestions else Commitment.objects.public()


def visible_deadlines(sees_suggestions: bool) -> QuerySet[Deadline]:
    return Deadline.objects.all() if sees_suggestions else Deadline.objects.public()


def visible_mentions(sees_suggestions: bool) -> QuerySet[Mention]:
    return Mention.objects.all() if sees_suggestions else Mention.objects.public()


def visible_events(sees_suggestions: bool) -> QuerySet[Event]:
    return Event.objects.all() if sees_suggestions else Event.objects.public()


def with_page_data(commitments: QuerySet[Commitment], sees_suggestions: bool) -> QuerySet[Commitment]:
    """Everything a page of visible commitments shows, in a constant number of queries.

    The pagination finds a page's ids first and loads only those rows, so joining the minister,
    the field and the source, and counting the mentions, cost 50 rows, not every match (the
    `Count` annotation of `with_list_data` groups every row that matches the filters). Lists go to
    attributes (`to_attr`): cheaper than a related manager per row.

    The commitments are visible already, so a deadline or a link is visible when its own review
    state says so. (`Deadline.objects.public()` checks the commitment too: a join that leads
    SQLite to scan every public commitment instead of looking up 50.)
    """
    deadlines = Deadline.objects.all() if sees_suggestions else Deadline.objects.filter(review_state=CONFIRMED)
    links = CommitmentRecommendation.objects.all() if sees_suggestions else (
        CommitmentRecommendation.objects.filter(review_state=CONFIRMED)
    )
    return (
        commitments.select_related("made_by", "policy_field", "speech__document", "overdue_flag")
        .defer(*LIST_DEFERRED_FIELDS)
        .prefetch_related(
            Prefetch("deadlines", queryset=deadlines.order_by("stated_on", "id"), to_attr="visible_deadlines"),
            Prefetch(
                "recommendation_links",
                queryset=links.select_related("recommendation")
                .only("id", "commitment_id", "review_state", "recommendation__id", "recommendation__number")
                .order_by("recommendation_id"),
                to_attr="visible_links",
            ),
        )
        .annotate(mention_count=confirmed_mention_count())
    )


def with_commitment_title(records: QuerySet) -> QuerySet:
    """Deadlines or events with the commitment they belong to (its brief: id and title)."""
    return records.select_related("commitment").defer("commitment__quote", "commitment__reasons")


def confirmed_mention_count() -> Coalesce:
    """The number of confirmed mentions, as a subquery: run for the rows of a page only (unless a
    client orders by it)."""
    mentions = (
        Mention.objects.filter(commitment=OuterRef("pk"), review_state=ReviewState.CONFIRMED)
        .order_by()
        .values("commitment")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(mentions), 0)


# --- Serializers: reading ------------------------------------------------------------------------


class CommitmentBriefSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:commitment-detail")

    class Meta:
        model = Commitment
        fields = ["id", "url", "title"]


class CurrentDeadlineSerializer(serializers.ModelSerializer):
    """The deadline that counts now: `Commitment.current_deadline`, read from the prefetched list."""

    class Meta:
        model = Deadline
        fields = ["text", "earliest", "latest", "stated_on"]

    def get_attribute(self, commitment: Commitment) -> Deadline | None:
        # The current deadline is confirmed, so it is among the deadlines every client sees.
        return next((d for d in commitment.visible_deadlines if d.is_current), None)


class DeadlineStatementSerializer(serializers.ModelSerializer):
    """One statement in a commitment's deadline history."""

    class Meta:
        model = Deadline
        fields = ["id", "text", "earliest", "latest", "stated_on", "stated_in", "line", "is_current", "review_state"]


class SourceSerializer(serializers.Serializer):
    """Where the promise was made: the document, the speaking turn and the line of the quote."""

    document = DocumentBriefSerializer(source="speech.document", read_only=True)
    speech = serializers.IntegerField(source="speech_id", read_only=True)
    line = serializers.IntegerField(read_only=True)


class LinkedRecommendationSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="recommendation_id", read_only=True)
    url = RelatedLink(source="recommendation", view_name="api:recommendation-detail", read_only=True)
    number = serializers.CharField(source="recommendation.number", read_only=True)
    review_state = serializers.ChoiceField(choices=ReviewState.choices, read_only=True)


class CommitmentSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:commitment-detail")
    made_by = PersonBriefSerializer(read_only=True)
    policy_field = PolicyFieldSerializer(read_only=True, allow_null=True)
    source = SourceSerializer(source="*", read_only=True)
    current_deadline = CurrentDeadlineSerializer(read_only=True, allow_null=True)
    deadlines = DeadlineStatementSerializer(source="visible_deadlines", many=True, read_only=True)
    overdue = serializers.SerializerMethodField(
        help_text=_("Flagged overdue by the daily job: active and past its current deadline.")
    )
    overdue_since = serializers.DateField(read_only=True, allow_null=True, help_text=_("The first day it was overdue."))
    days_overdue = serializers.SerializerMethodField(help_text=_("Days since `overdue_since`, counted today."))
    recommendations = LinkedRecommendationSerializer(source="visible_links", many=True, read_only=True)
    mention_count = serializers.SerializerMethodField(help_text=_("Confirmed later mentions."))

    class Meta:
        model = Commitment
        fields = [
            "id", "url", "title", "quote", "status", "strength", "review_state", "confidence", "made_by", "made_on",
            "policy_field", "source", "current_deadline", "deadlines", "overdue", "overdue_since", "days_overdue",
            "recommendations", "mention_count", "created_at", "updated_at",
        ]

    def get_overdue(self, commitment: Commitment) -> bool:
        return commitment.overdue_since is not None

    def get_days_overdue(self, commitment: Commitment) -> int | None:
        return commitment.days_overdue(self.context["today"])

    def get_mention_count(self, commitment: Commitment) -> int:
        return commitment.mention_count

    def to_representation(self, commitment: Commitment) -> dict:
        """What DRF's field-by-field walk gives (tests hold the two equal), written out.

        The walk costs about 0.4 ms a commitment with its nested parts, most of a page's time, and
        building the fields it walks costs a few ms more; a page of 50 must answer within 50 ms.
        The fields declared above still describe the schema and the CSV columns.
        """
        context = self.context
        made_by, policy_field = commitment.made_by, commitment.policy_field
        document = commitment.speech.document
        deadlines = commitment.visible_deadlines
        current = next((d for d in deadlines if d.is_current), None)
        return {
            "id": commitment.pk,
            "url": record_url(context, "api:commitment-detail", commitment.pk),
            "title": commitment.title,
            "quote": commitment.quote,
            "status": commitment.status,
            "strength": commitment.strength,
            "review_state": commitment.review_state,
            "confidence": float(commitment.confidence),
            "made_by": {
                "id": made_by.pk, "url": record_url(context, "api:person-detail", made_by.pk),
                "slug": made_by.slug, "name": made_by.name, "party": made_by.party,
            },
            "made_on": iso(commitment.made_on),
            "policy_field": policy_field and {
                "id": policy_field.pk, "url": record_url(context, "api:policyfield-detail", policy_field.pk),
                "slug": policy_field.slug, "name": policy_field.name,
            },
            "source": {
                "document": {
                    "id": document.pk, "url": record_url(context, "api:document-detail", document.pk),
                    "kind": document.kind, "title": document.title, "date": iso(document.date),
                },
                "speech": commitment.speech_id,
                "line": commitment.line,
            },
            "current_deadline": current and {
                "text": current.text, "earliest": iso(current.earliest), "latest": iso(current.latest),
                "stated_on": iso(current.stated_on),
            },
            "deadlines": [
                {
                    "id": d.pk, "text": d.text, "earliest": iso(d.earliest), "latest": iso(d.latest),
                    "stated_on": iso(d.stated_on), "stated_in": d.stated_in_id, "line": d.line,
                    "is_current": d.is_current, "review_state": d.review_state,
                }
                for d in deadlines
            ],
            "overdue": self.get_overdue(commitment),
            "overdue_since": iso(commitment.overdue_since),
            "days_overdue": self.get_days_overdue(commitment),
            "recommendations": [
                {
                    "id": link.recommendation_id,
                    "url": record_url(context, "api:recommendation-detail", link.recommendation_id),
                    "number": link.recommendation.number, "review_state": link.review_state,
                }
                for link in commitment.visible_links
            ],
            "mention_count": self.get_mention_count(commitment),
            "created_at": DATETIME.to_representation(commitment.created_at),
            "updated_at": DATETIME.to_representation(commitment.updated_at),
        }

    def generic_representation(self, commitment: Commitment) -> dict:
        """DRF's own walk over the declared fields: the reference the fast path is tested against."""
        return super().to_representation(commitment)


class MentionSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:mention-detail")
    commitment = CommitmentBriefSerializer(read_only=True)
    document = DocumentBriefSerializer(source="speech.document", read_only=True)
    matched_terms = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Mention
        fields = [
            "id", "url", "commitment", "speech", "document", "line", "quote", "signal", "score", "matched_terms",
            "review_state", "created_at",
        ]


class DeadlineSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:deadline-detail")
    commitment = CommitmentBriefSerializer(read_only=True)

    class Meta:
        model = Deadline
        fields = [
            "id", "url", "commitment", "text", "earliest", "latest", "stated_on", "stated_in", "line", "is_current",
            "review_state", "created_at",
        ]


class EventSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:event-detail")
    kind = named_choice_field(Event.Kind, "EventKindEnum")(read_only=True)
    commitment = CommitmentBriefSerializer(read_only=True)
    detail = serializers.DictField(read_only=True)

    class Meta:
        model = Event
        fields = ["id", "url", "commitment", "kind", "happened_on", "detail", "created_at"]


# --- Serializers: writing ------------------------------------------------------------------------


class NewDeadlineSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=300, help_text=_("The phrase as said: 'tegen Pasen 2021'."))
    earliest = serializers.DateField()
    latest = serializers.DateField()
    stated_on = serializers.DateField(
        required=False,
        help_text=_("When it was said. Default: the day the commitment was made (on create), today (on edit)."),
    )

    def validate(self, attrs: dict) -> dict:
        if attrs["latest"] < attrs["earliest"]:
            raise serializers.ValidationError({"latest": [_("The latest date is before the earliest date.")]})
        return attrs


class CommitmentWriteSerializer(serializers.ModelSerializer):
    """What a civil servant sets on a commitment. Review state and confidence are not set here (a
    commitment a person creates is confirmed; suggestions are confirmed or rejected by the actions),
    and a deadline is never edited: a new one is stated, and the history keeps the old."""

    speech = serializers.PrimaryKeyRelatedField(queryset=Speech.objects.select_related("document"))
    made_by = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), required=False, help_text=_("Default: the speaker of the speech.")
    )
    made_on = serializers.DateField(required=False, help_text=_("Default: the date of the speech's document."))
    policy_field = serializers.PrimaryKeyRelatedField(
        queryset=PolicyField.objects.all(), required=False, allow_null=True
    )
    deadline = NewDeadlineSerializer(
        required=False, write_only=True, help_text=_("States a (new) deadline; it becomes the current one.")
    )

    class Meta:
        model = Commitment
        fields = [
            "speech", "made_by", "made_on", "title", "quote", "line", "policy_field", "strength", "status",
            "review_note", "deadline",
        ]

    def validate(self, attrs: dict) -> dict:
        speech = attrs.get("speech") or getattr(self.instance, "speech", None)
        if self.instance is None:
            if "made_by" not in attrs:
                if speech.speaker is None:
                    raise serializers.ValidationError(
                        {"made_by": [_("The speech has no known speaker: say who made the commitment.")]}
                    )
                attrs["made_by"] = speech.speaker
            if "made_on" not in attrs:
                attrs["made_on"] = speech.document.date
        return attrs

    @transaction.atomic
    def create(self, validated: dict) -> Commitment:
        user, now = self.context["request"].user, self.context["now"]
        deadline = validated.pop("deadline", None)
        commitment = Commitment(
            **validated, review_state=ReviewState.CONFIRMED, confidence=1.0, reviewed_by=user, reviewed_at=now
        )
        commitment._history_user = user
        commitment.save()
        if deadline:
            state_deadline(commitment, deadline, user, default_stated_on=commitment.made_on)
        return commitment

    @transaction.atomic
    def update(self, commitment: Commitment, validated: dict) -> Commitment:
        user, today = self.context["request"].user, self.context["today"]
        deadline = validated.pop("deadline", None)
        new_status = validated.pop("status", commitment.status)
        for name, value in validated.items():
            setattr(commitment, name, value)
        if validated:
            commitment._history_user = user
            # Only the edited fields: never write back a stale overdue flag the job set meanwhile.
            commitment.save(update_fields=[*validated, "updated_at"])
        # set_status saves only the status and writes the events a status change needs.
        review.set_status(commitment, new_status, user, today)
        if deadline:
            state_deadline(commitment, deadline, user, default_stated_on=today)
        return commitment


def state_deadline(commitment: Commitment, data: dict, user, *, default_stated_on: datetime.date | None) -> Deadline:
    """Record a confirmed deadline statement by `user` and make the commitment's current deadline
    follow. Whether that makes it overdue (or not any more) is the overdue job's call."""
    deadline = Deadline(
        commitment=commitment,
        text=data["text"],
        earliest=data["earliest"],
        latest=data["latest"],
        stated_on=data.get("stated_on") or default_stated_on,
        review_state=ReviewState.CONFIRMED,
    )
    deadline._history_user = user
    deadline.save()
    commitment.refresh_current_deadline()
    return deadline


class ReviewNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, help_text=_("Why, for the record."))


# --- Filters -------------------------------------------------------------------------------------


class CommitmentFilter(TrackerFilterSet):
    status = filters.ChoiceFilter(choices=Commitment.Status.choices)
    review_state = filters.ChoiceFilter(
        choices=ReviewState.choices, help_text=_("Only civil servants see other states than confirmed.")
    )
    strength = filters.ChoiceFilter(choices=Commitment.Strength.choices)
    overdue = StrictBooleanFilter(method="filter_overdue", help_text=_("Flagged overdue (true) or not (false)."))
    overdue_since = filters.DateFilter(
        field_name="overdue_flag__since", lookup_expr="gte",
        help_text=_("Overdue since this day or later: what became overdue since a client's last sync."),
    )
    minister = IdOrSlugFilter(
        field_name="made_by", queryset=Person.objects.all(), help_text=_("The person's id or slug.")
    )
    policy_field = IdOrSlugFilter(
        field_name="policy_field", queryset=PolicyField.objects.all(), help_text=_("The field's id or slug.")
    )
    deadline_before = filters.DateFilter(
        field_name="current_deadline_latest", lookup_expr="lte", help_text=_("Current deadline on or before.")
    )
    deadline_after = filters.DateFilter(
        field_name="current_deadline_latest", lookup_expr="gte", help_text=_("Current deadline on or after.")
    )
    recommendation = IdFilter(method="filter_recommendation", help_text=_("Takes up this recommendation (id)."))
    has_mentions = StrictBooleanFilter(method="filter_has_mentions", help_text=_("Has confirmed later mentions."))
    updated_since = filters.DateTimeFilter(
        field_name="updated_at", lookup_expr="gte", help_text=_("Changed at or after (a date or a date-time).")
    )
    q = FullTextFilter(help_text=_("Words in the title or quote (Dutch full text)."))

    class Meta:
        model = Commitment
        fields: list[str] = []

    def filter_overdue(self, queryset, name, value):
        return queryset.flagged_overdue() if value else queryset.not_flagged_overdue()

    def filter_recommendation(self, queryset, name, value):
        links = visible_links(self.sees_suggestions).filter(commitment=OuterRef("pk"), recommendation_id=value)
        return queryset.filter(Exists(links))

    def filter_has_mentions(self, queryset, name, value):
        mentions = Exists(Mention.objects.filter(commitment=OuterRef("pk"), review_state=ReviewState.CONFIRMED))
        return queryset.filter(mentions if value else ~mentions)


class DeadlineFilter(TrackerFilterSet):
    commitment = IdFilter(field_name="commitment_id")
    is_current = StrictBooleanFilter(field_name="is_current")
    review_state = filters.ChoiceFilter(choices=ReviewState.choices)
    latest_before = filters.DateFilter(field_name="latest", lookup_expr="lte")
    latest_after = filters.DateFilter(field_name="latest", lookup_expr="gte")

    class Meta:
        model = Deadline
        fields: list[str] = []


class MentionFilter(TrackerFilterSet):
    commitment = IdFilter(field_name="commitment_id")
    speech = IdFilter(field_name="speech_id")
    document = IdFilter(field_name="speech__document_id")
    signal = filters.ChoiceFilter(choices=Mention.Signal.choices)
    review_state = filters.ChoiceFilter(choices=ReviewState.choices)
    created_since = filters.DateTimeFilter(field_name="created_at", lookup_expr="gte")

    class Meta:
        model = Mention
        fields: list[str] = []


class EventFilter(TrackerFilterSet):
    commitment = IdFilter(field_name="commitment_id")
    kind = filters.ChoiceFilter(choices=Event.Kind.choices)
    happened_since = filters.DateFilter(field_name="happened_on", lookup_expr="gte")
    created_since = filters.DateTimeFilter(
        field_name="created_at", lookup_expr="gte", help_text=_("Written at or after: what is new since a sync.")
    )

    class Meta:
        model = Event
        fields: list[str] = []


# --- Viewsets ------------------------------------------------------------------------------------


class ReviewActionsMixin:
    """POST {id}/confirm/ and {id}/reject/, through the review functions (which record the user)."""

    def review(self, request, decide) -> Response:
        record = self.get_object()
        note = ReviewNoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        if "note" in note.validated_data and hasattr(record, "review_note"):
            record.review_note = note.validated_data["note"]
        decide(record, request.user, self.now)
        return Response(self.represent(record))

    def represent(self, record) -> dict:
        return self.get_serializer(self.get_queryset().get(pk=record.pk)).data


@extend_schema_view(
    create=extend_schema(
        summary="Create a confirmed commitment (civil servants)",
        request=CommitmentWriteSerializer,
        responses={201: CommitmentSerializer},
    ),
    partial_update=extend_schema(
        summary="Edit a commitment (civil servants)",
        description="A status change writes the events notifications read; a `deadline` adds a statement.",
        request=CommitmentWriteSerializer,
        responses={200: CommitmentSerializer},
    ),
    confirm=extend_schema(summary="Confirm a suggested commitment", request=ReviewNoteSerializer),
    reject=extend_schema(summary="Reject a suggested commitment", request=ReviewNoteSerializer),
)
class CommitmentViewSet(ReviewActionsMixin, TrackerViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Ministers' commitments with their current deadline, its history, the overdue flag, the
    recommendations they take up and how often they were mentioned since."""

    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter
    ordering_fields = [
        "made_on", "current_deadline_latest", "overdue_since", "updated_at", "created_at", "title", "status",
        "mention_count", "id",
    ]
    ordering_paths = {"overdue_since": "overdue_flag__since"}
    ordering = ["-made_on", "line", "id"]

    def get_queryset(self):
        sees = self.sees_suggestions
        return with_page_data(visible_commitments(sees), sees)

    def page_rows(self, ids: list[int]) -> QuerySet[Commitment]:
        return with_page_data(Commitment.objects.filter(pk__in=ids), self.sees_suggestions)

    def create(self, request, *args, **kwargs):
        writer = CommitmentWriteSerializer(data=request.data, context=self.get_serializer_context())
        writer.is_valid(raise_exception=True)
        body = self.represent(writer.save())
        return Response(body, status=status.HTTP_201_CREATED, headers={"Location": body["url"]})

    def partial_update(self, request, *args, **kwargs):
        writer = CommitmentWriteSerializer(
            self.get_object(), data=request.data, partial=True, context=self.get_serializer_context()
        )
        writer.is_valid(raise_exception=True)
        return Response(self.represent(writer.save()))

    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self.review(request, review.confirm_commitment)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self.review(request, review.reject_commitment)


@extend_schema_view(
    confirm=extend_schema(summary="Confirm a suggested mention", request=ReviewNoteSerializer),
    reject=extend_schema(summary="Reject a suggested mention", request=ReviewNoteSerializer),
)
class MentionViewSet(ReviewActionsMixin, ReadOnlyViewSet):
    """Later speeches that talk about a commitment, and what they say about it."""

    serializer_class = MentionSerializer
    filterset_class = MentionFilter
    ordering_fields = ["created_at", "score", "id"]
    ordering = ["-created_at", "id"]

    def get_queryset(self):
        return self.with_row_data(visible_mentions(self.sees_suggestions))

    def page_rows(self, ids: list[int]) -> QuerySet[Mention]:
        return self.with_row_data(Mention.objects.filter(pk__in=ids))

    def with_row_data(self, mentions: QuerySet[Mention]) -> QuerySet[Mention]:
        return mentions.select_related("commitment", "speech__document").defer(
            "commitment__quote", "commitment__reasons", "speech__text", "speech__line_starts",
            *(f"speech__document__{name}" for name in HEAVY_DOCUMENT_FIELDS),
        )

    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self.review(request, review.confirm_mention)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self.review(request, review.reject_mention)


class DeadlineViewSet(ReadOnlyViewSet):
    """Every deadline statement: a slip is a new row, so the history is all of them."""

    serializer_class = DeadlineSerializer
    filterset_class = DeadlineFilter
    ordering_fields = ["latest", "stated_on", "created_at", "id"]
    ordering = ["commitment_id", "stated_on", "id"]

    def get_queryset(self):
        return with_commitment_title(visible_deadlines(self.sees_suggestions))

    def page_rows(self, ids: list[int]) -> QuerySet[Deadline]:
        return with_commitment_title(Deadline.objects.filter(pk__in=ids))


class EventViewSet(ReadOnlyViewSet):
    """What the jobs noticed: became overdue, deadline moved, fulfilled, new mention."""

    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["created_at", "happened_on", "id"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        return with_commitment_title(visible_events(self.sees_suggestions))

    def page_rows(self, ids: list[int]) -> QuerySet[Event]:
        return with_commitment_title(Event.objects.filter(pk__in=ids))
