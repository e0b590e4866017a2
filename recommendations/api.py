"""The REST API of ABB's recommendations and the policy fields they belong to."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework import serializers

from commitments.models import Commitment, CommitmentRecommendation, ReviewState
from recommendations.models import PolicyField, Recommendation
from tracker.api_formats import (
    FullTextFilter, IdFilter, IdOrSlugFilter, Link, ReadOnlyViewSet, RelatedLink, TrackerFilterSet,
    named_choice_field,
)
from transcripts.api import HEAVY_DOCUMENT_FIELDS, DocumentBriefSerializer


def visible_links(sees_suggestions: bool) -> QuerySet[CommitmentRecommendation]:
    """Links between commitments and recommendations a client may see: all of them for a civil
    servant, the confirmed links of confirmed commitments for everyone else.

    The latter is `CommitmentRecommendation.objects.public()` (a test holds them equal) written
    with EXISTS instead of its join: SQLite plans the join from the commitments' side, through
    the (review_state, made_on) index, and reads every public commitment for each recommendation
    on a page (half a second at 100,000 commitments; 20 ms this way).
    """
    if sees_suggestions:
        return CommitmentRecommendation.objects.all()
    public_commitment = Commitment.objects.public().filter(pk=OuterRef("commitment_id"))
    return CommitmentRecommendation.objects.filter(review_state=ReviewState.CONFIRMED).filter(
        Exists(public_commitment)
    )


# --- Serializers ---------------------------------------------------------------------------------


class PolicyFieldSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:policyfield-detail")

    class Meta:
        model = PolicyField
        fields = ["id", "url", "slug", "name"]


class LinkedCommitmentSerializer(serializers.ModelSerializer):
    """A commitment that takes up a recommendation, seen from the recommendation."""

    id = serializers.IntegerField(source="commitment_id")
    url = RelatedLink(source="commitment", view_name="api:commitment-detail", read_only=True)
    title = serializers.CharField(source="commitment.title")

    class Meta:
        model = CommitmentRecommendation
        fields = ["id", "url", "title", "review_state"]


class RecommendationSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:recommendation-detail")
    kind = named_choice_field(Recommendation.Kind, "RecommendationKindEnum")(read_only=True)
    policy_field = PolicyFieldSerializer(read_only=True)
    document = DocumentBriefSerializer(read_only=True)
    commitments = LinkedCommitmentSerializer(source="commitment_links", many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id", "url", "number", "kind", "section", "text", "addressee", "policy_field", "document", "line",
            "commitments",
        ]


# --- Filters -------------------------------------------------------------------------------------


class RecommendationFilter(TrackerFilterSet):
    policy_field = IdOrSlugFilter(
        field_name="policy_field", queryset=PolicyField.objects.all(), help_text=_("Id or slug.")
    )
    kind = filters.ChoiceFilter(choices=Recommendation.Kind.choices)
    document = IdFilter(field_name="document_id")
    number = filters.CharFilter(field_name="number")
    q = FullTextFilter(help_text=_("Words in the text or section (Dutch full text)."))

    class Meta:
        model = Recommendation
        fields: list[str] = []


class PolicyFieldFilter(TrackerFilterSet):
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", help_text=_("Part of the name."))

    class Meta:
        model = PolicyField
        fields: list[str] = []


# --- Viewsets ------------------------------------------------------------------------------------


class RecommendationViewSet(ReadOnlyViewSet):
    """ABB's recommendations, with the commitments that take them up."""

    serializer_class = RecommendationSerializer
    filterset_class = RecommendationFilter
    ordering_fields = ["document", "line", "number", "id"]
    ordering = ["document", "line", "id"]

    def get_queryset(self):
        links = visible_links(self.sees_suggestions).select_related("commitment").only(
            "id", "recommendation_id", "review_state", "commitment__id", "commitment__title"
        ).order_by("commitment_id")
        return (
            Recommendation.objects.public()
            .select_related("policy_field", "document")
            .defer(*(f"document__{name}" for name in HEAVY_DOCUMENT_FIELDS))
            .prefetch_related(Prefetch("commitment_links", queryset=links))
        )


class PolicyFieldViewSet(ReadOnlyViewSet):
    serializer_class = PolicyFieldSerializer
    filterset_class = PolicyFieldFilter
    queryset = PolicyField.objects.all()
    ordering_fields = ["name", "id"]
    ordering = ["name", "id"]
