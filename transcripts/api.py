"""The REST API of the source texts: documents (and their upload), meetings, agenda items, speeches
and the people who speak in them. Everything here is public record: every client sees all of it."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from tracker.api_formats import (
    FullTextFilter, IdFilter, IdOrSlugFilter, Link, ReadOnlyViewSet, TrackerFilterSet, TrackerViewSetMixin,
    named_choice_field,
)
from tracker.pipeline import after_ingest
from transcripts.ingest import DocumentRejected, ingest_bytes
from transcripts.models import AgendaItem, Document, Meeting, Person, Speech

# A document's text can run to a megabyte: lists and nested references never load it.
HEAVY_DOCUMENT_FIELDS = ("raw_text",)

# --- Serializers ---------------------------------------------------------------------------------

DocumentKindField = named_choice_field(Document.Kind, "DocumentKindEnum")


class PersonBriefSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:person-detail")

    class Meta:
        model = Person
        fields = ["id", "url", "slug", "name", "party"]


class PersonSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:person-detail")

    class Meta:
        model = Person
        fields = ["id", "url", "slug", "name", "party", "role"]


class DocumentBriefSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:document-detail")
    kind = DocumentKindField(read_only=True)

    class Meta:
        model = Document
        fields = ["id", "url", "kind", "title", "date"]


class DocumentSerializer(serializers.ModelSerializer):
    """A document and the state of the work on it: a client that uploaded it polls these states."""

    url = Link(view_name="api:document-detail")
    kind = DocumentKindField(read_only=True)

    class Meta:
        model = Document
        fields = [
            "id", "url", "kind", "title", "date", "filename", "size", "sha256", "parse_state", "parse_error",
            "linking_state", "linking_error", "ingested_at",
        ]


class DocumentDetailSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "raw_text"]


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("The document as UTF-8 text, as the parliament publishes it."))
    date = serializers.DateField(
        required=False, allow_null=True, help_text=_("The document's date when its text gives none.")
    )
    kind = DocumentKindField(required=False, help_text=_("Overrides the kind the parser recognises."))

    def validate_file(self, upload):
        limit = settings.MAX_DOCUMENT_BYTES
        # Refuse before reading it into memory.
        if upload.size > limit:
            raise serializers.ValidationError(
                _("%(name)s: file is too large (%(size)s bytes; the limit is %(limit)s)")
                % {"name": upload.name, "size": f"{upload.size:,}", "limit": f"{limit:,}"}
            )
        return upload


class DocumentReceiptSerializer(DocumentSerializer):
    """The answer to an upload: the document to poll, whether it is new, and what ingest did."""

    created = serializers.BooleanField(help_text=_("False when the same file was stored before."))
    report = serializers.DictField(help_text=_("What ingest and the steps after it did."))

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "created", "report"]


class MeetingSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:meeting-detail")
    document = DocumentBriefSerializer(read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "url", "document", "committee", "number", "date"]


class AgendaItemSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:item-detail")
    asker = PersonBriefSerializer(read_only=True, allow_null=True)
    minister = PersonBriefSerializer(read_only=True, allow_null=True)
    chair = PersonBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = AgendaItem
        fields = [
            "id", "url", "meeting", "order", "kind", "number", "subject", "asker", "minister", "chair", "state",
            "joined_with", "start_line", "end_line",
        ]


class SpeechSerializer(serializers.ModelSerializer):
    url = Link(view_name="api:speech-detail")
    document = DocumentBriefSerializer(read_only=True)
    speaker = PersonBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Speech
        fields = [
            "id", "url", "document", "item", "order", "speaker", "speaker_name", "role", "party", "heading", "text",
            "start_line", "end_line",
        ]


# --- Filters -------------------------------------------------------------------------------------


class DocumentFilter(TrackerFilterSet):
    kind = filters.ChoiceFilter(choices=Document.Kind.choices)
    parse_state = filters.ChoiceFilter(choices=Document.ParseState.choices)
    linking_state = filters.ChoiceFilter(choices=Document.LinkingState.choices)
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte", help_text=_("Dated on or after."))
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte", help_text=_("Dated on or before."))
    ingested_since = filters.DateTimeFilter(
        field_name="ingested_at", lookup_expr="gte", help_text=_("Stored at or after (a date or a date-time).")
    )
    q = FullTextFilter(help_text=_("Words in the title (Dutch full text)."))

    class Meta:
        model = Document
        fields: list[str] = []


class MeetingFilter(TrackerFilterSet):
    document = IdFilter(field_name="document_id")
    date_after = filters.DateFilter(field_name="date", lookup_expr="gte")
    date_before = filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Meeting
        fields: list[str] = []


class AgendaItemFilter(TrackerFilterSet):
    meeting = IdFilter(field_name="meeting_id")
    document = IdFilter(field_name="meeting__document_id")
    minister = IdOrSlugFilter(field_name="minister", queryset=Person.objects.all(), help_text=_("Id or slug."))
    asker = IdOrSlugFilter(field_name="asker", queryset=Person.objects.all(), help_text=_("Id or slug."))
    state = filters.ChoiceFilter(choices=AgendaItem.State.choices)
    q = FullTextFilter(help_text=_("Words in the subject (Dutch full text)."))

    class Meta:
        model = AgendaItem
        fields: list[str] = []


class SpeechFilter(TrackerFilterSet):
    document = IdFilter(field_name="document_id")
    item = IdFilter(field_name="item_id")
    speaker = IdOrSlugFilter(field_name="speaker", queryset=Person.objects.all(), help_text=_("Id or slug."))
    role = filters.ChoiceFilter(choices=Person.Role.choices)
    q = FullTextFilter(help_text=_("Words in the speech (Dutch full text)."))

    class Meta:
        model = Speech
        fields: list[str] = []


class PersonFilter(TrackerFilterSet):
    role = filters.ChoiceFilter(choices=Person.Role.choices)
    party = filters.CharFilter(field_name="party", lookup_expr="iexact")
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", help_text=_("Part of the name."))

    class Meta:
        model = Person
        fields: list[str] = []


# --- Viewsets ------------------------------------------------------------------------------------


@extend_schema_view(
    create=extend_schema(
        summary="Upload a document for ingest",
        description=(
            "Multipart upload of one text file. Answered 202 with the new document, whose `url` (also "
            "the Location header) the client polls until `parse_state` and `linking_state` are final; "
            "200 with the existing document when the same file was uploaded before; 400 naming the "
            "problem when the file cannot be used, in which case nothing is stored."
        ),
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={
            202: DocumentReceiptSerializer,
            200: DocumentReceiptSerializer,
            400: OpenApiResponse(description="The file cannot be ingested; the message says why."),
        },
    )
)
class DocumentViewSet(TrackerViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Source documents. Lists leave out the text; a document's own page includes it."""

    filterset_class = DocumentFilter
    ordering_fields = ["date", "ingested_at", "title", "id"]
    ordering = ["date", "id"]
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        documents = Document.objects.all()
        if self.action != "retrieve":
            documents = documents.defer(*HEAVY_DOCUMENT_FIELDS)
        return documents

    def get_serializer_class(self):
        if self.action == "retrieve":
            return DocumentDetailSerializer
        if self.action == "create":
            return DocumentUploadSerializer
        return DocumentSerializer

    def create(self, request, *args, **kwargs):
        upload = DocumentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        file = upload.validated_data["file"]
        try:
            # All or nothing: a rejected file leaves the database as it was.
            result = ingest_bytes(
                file.read(), file.name, date=upload.validated_data.get("date"), kind=upload.validated_data.get("kind")
            )
        except DocumentRejected as rejected:
            raise serializers.ValidationError({"file": [str(rejected)]}) from None
        report = after_ingest(result)
        location = request.build_absolute_uri(reverse("api:document-detail", args=[result.document.pk]))
        body = DocumentSerializer(result.document, context=self.get_serializer_context()).data
        body.update(created=result.created, report=report)
        return Response(
            body,
            status=status.HTTP_202_ACCEPTED if result.created else status.HTTP_200_OK,
            headers={"Location": location},
        )


class MeetingViewSet(ReadOnlyViewSet):
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = ["date", "id"]
    ordering = ["date", "id"]

    def get_queryset(self):
        return Meeting.objects.select_related("document").defer(
            *(f"document__{name}" for name in HEAVY_DOCUMENT_FIELDS)
        )


class AgendaItemViewSet(ReadOnlyViewSet):
    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter
    ordering_fields = ["meeting", "order", "id"]
    ordering = ["meeting", "order", "id"]

    def get_queryset(self):
        return AgendaItem.objects.select_related("asker", "minister", "chair")


class SpeechViewSet(ReadOnlyViewSet):
    serializer_class = SpeechSerializer
    filterset_class = SpeechFilter
    ordering_fields = ["document", "order", "start_line", "id"]
    ordering = ["document", "order", "id"]

    def get_queryset(self):
        return (
            Speech.objects.select_related("document", "speaker")
            .defer("line_starts", *(f"document__{name}" for name in HEAVY_DOCUMENT_FIELDS))
        )


class PersonViewSet(ReadOnlyViewSet):
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    queryset = Person.objects.all()
    ordering_fields = ["name", "id"]
    ordering = ["name", "id"]
