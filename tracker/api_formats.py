"""How the REST API speaks, whatever the resource: who may write, what each client sees, pages in a
stable order with links, filters that refuse what they cannot read, CSV for spreadsheets, ETags for
clients that poll, throttles, and the self-hosted documentation page.

The apps' `api.py` modules hold the serializers, filtersets and viewsets; they build on the base
classes here so that every endpoint behaves the same way.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from itertools import chain

from django import forms
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Choices, QuerySet
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from drf_spectacular.views import SpectacularSwaggerView
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.reverse import reverse
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from tracker.roles import CIVIL_SERVANT_GROUP
from tracker.search import full_text_filter

# Where drf-spectacular-sidecar keeps Swagger UI among the static files.
SIDECAR_STATIC = "drf_spectacular_sidecar"

# --- Who sees and who writes ---------------------------------------------------------------------


def is_civil_servant(user) -> bool:
    """Whether `user` sees suggestions and may write. Asked once per request (cached on the user)."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_api_is_civil_servant", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=CIVIL_SERVANT_GROUP).exists()
        user._api_is_civil_servant = cached
    return cached


class CivilServantWritesOnly(BasePermission):
    """Everyone reads; only a civil servant (or a superuser) writes."""

    message = _("Only a member of the 'civil servant' group may change records.")

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS or is_civil_servant(request.user)


class AnonymousThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, reading its rate per request so a settings override applies.

    (DRF's own class copies the rates once, at import.)
    """

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class ClientThrottle(UserRateThrottle):
    """The same for clients with a token (or a session), with their own, larger rate."""

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


# --- Pages in a stable order ---------------------------------------------------------------------


class StableOrderingFilter(OrderingFilter):
    """`?ordering=a,-b`: an unknown field is a 400 naming it, and the primary key always comes last,
    so that rows with equal values keep their place and pages never overlap or skip a row.

    A view's `ordering_paths` maps a public name to the lookup it sorts by (a field kept in a
    related row), so clients never see where a value is stored."""

    def get_ordering(self, request, queryset, view) -> list[str]:
        raw = request.query_params.get(self.ordering_param)
        if raw is not None and raw.strip():
            terms = [term.strip() for term in raw.split(",") if term.strip()]
            allowed = [name for name, _label in self.get_valid_fields(queryset, view, {"request": request})]
            unknown = [term for term in terms if term.lstrip("-") not in allowed]
            if unknown:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            _("%(term)r is not a field to order by: use %(fields)s, with '-' for descending.")
                            % {"term": unknown[0], "fields": ", ".join(allowed)}
                        ]
                    }
                )
        else:
            terms = list(self.get_default_ordering(view) or queryset.query.order_by or queryset.model._meta.ordering)
        paths = getattr(view, "ordering_paths", {})
        terms = [
            ("-" if term.startswith("-") else "") + paths[term.lstrip("-")]
            if isinstance(term, str) and term.lstrip("-") in paths else term
            for term in terms
        ]
        return with_tiebreaker(terms)


def with_tiebreaker(terms: Sequence[str]) -> list[str]:
    terms = list(terms)
    if not any(str(term).lstrip("-") in ("id", "pk") for term in terms):
        terms.append("id")
    return terms


class IdsFirstPaginator(Paginator):
    """Finds a page's ids with the filters and the order alone, then loads those rows.

    The first query needs nothing but the columns it filters and sorts on, so an index holding
    them answers it without reading a row; the second reads exactly the rows of the page, with
    their joins and prefetches. `load_rows(ids)` (a view's `page_rows`) loads them by id alone:
    the filters have done their work, and repeating them lets SQLite's planner pick a filter's
    index over the primary key and read every visible row to find 50.
    """

    def __init__(self, object_list, per_page, *, load_rows=None, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.load_rows = load_rows or (lambda ids: self.object_list.order_by().filter(pk__in=ids))

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in self.load_rows(ids)} if ids else {}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class LinkedPagination(PageNumberPagination):
    """Page-number pages with `count`, `next` and `previous`, and the same links in a `Link` header
    so a CSV client can follow them too."""

    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        self.view = view
        return super().paginate_queryset(queryset, request, view)

    def django_paginator_class(self, object_list, per_page) -> IdsFirstPaginator:
        return IdsFirstPaginator(object_list, per_page, load_rows=getattr(self.view, "page_rows", None))

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for url, rel in ((self.get_next_link(), "next"), (self.get_previous_link(), "prev"))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response


# --- Links -------------------------------------------------------------------------------------

# Stands for the id while a URL is reversed once per request and view name; it matches the
# router's id pattern and survives URL quoting unchanged.
ID_PLACEHOLDER = "ID-PLACEHOLDER"


def record_url(context: dict, view_name: str, pk) -> str | None:
    """The URL of record `pk` of `view_name`, reversing the view's pattern once per response.

    A page of 50 commitments holds some 1,000 links; reversing each costs more than the rest of
    the serialization. The templates live in the serializer context, so one response shares them
    and none outlives it.
    """
    if pk in (None, ""):
        return None
    templates = context.setdefault("_url_templates", {})
    key = (view_name, context.get("format"))
    if key not in templates:
        templates[key] = reverse(
            view_name, kwargs={"pk": ID_PLACEHOLDER}, request=context.get("request"), format=key[1]
        )
    return templates[key].replace(ID_PLACEHOLDER, str(pk))


class ReversedOnceMixin:
    """A hyperlink field built with `record_url`."""

    def get_url(self, obj, view_name, request, format):
        return record_url(self.context, view_name, getattr(obj, "pk", None))


class Link(ReversedOnceMixin, serializers.HyperlinkedIdentityField):
    """The URL of the record itself."""


class RelatedLink(ReversedOnceMixin, serializers.HyperlinkedRelatedField):
    """The URL of a related record, read from its foreign key without loading it."""


# --- Named choices ------------------------------------------------------------------------------


def named_choice_field(choices: type[Choices], component_name: str) -> type[serializers.ChoiceField]:
    """A ChoiceField whose choices are the schema component `component_name`.

    Documents, recommendations and events each have a `kind`, with different choices; left to
    itself drf-spectacular names the three enums after the field and warns about the clash (a
    warning that fails `check --deploy`).
    """
    description = format_lazy("\n".join(["* `{}` - {}"] * len(choices.choices)), *chain(*choices.choices))
    schema = {"type": "string", "enum": list(choices.values), "description": description}

    @extend_schema_field(schema, component_name=component_name)
    class NamedChoiceField(serializers.ChoiceField):
        def __init__(self, **kwargs) -> None:
            super().__init__(choices=choices.choices, **kwargs)

    NamedChoiceField.__name__ = component_name.removesuffix("Enum") + "Field"
    return NamedChoiceField


# --- Filters that refuse what they cannot read ---------------------------------------------------

DIGITS = re.compile(r"[0-9]+")
TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


class StrictBooleanField(forms.Field):
    """true/false (or 1/0, yes/no): anything else is an error instead of being silently ignored."""

    def to_python(self, value):
        if value in (None, ""):
            return None
        word = str(value).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        # Params, not a formatted message: django-filter formats it again, and a '%' in the value
        # would break that.
        raise forms.ValidationError(_("%(value)r is not a boolean: use true or false."), params={"value": value})


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs) -> None:
        # django-filter's boolean widget turns an unreadable value into "no filter"; pass it on.
        kwargs.setdefault("widget", forms.TextInput)
        super().__init__(*args, **kwargs)


class IdOrSlugField(forms.CharField):
    """A record named by its id or its slug; an unknown one is an error that says so."""

    def __init__(self, *, queryset: QuerySet, **kwargs) -> None:
        super().__init__(**kwargs)
        self.queryset = queryset

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        lookup = {"pk": int(value)} if DIGITS.fullmatch(value) else {"slug": value}
        try:
            return self.queryset.get(**lookup)
        except ObjectDoesNotExist:
            raise forms.ValidationError(
                _("No %(what)s has the id or slug %(value)r."),
                params={"what": self.queryset.model._meta.verbose_name, "value": value},
            ) from None


# The largest id a BigAutoField holds; a larger number names no record and must not reach the SQL.
MAX_ID = 2**63 - 1


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    """A record's id: a whole number, not the decimal django-filter's NumberFilter accepts."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class IdOrSlugFilter(filters.Filter):
    field_class = IdOrSlugField


class FullTextFilter(filters.CharFilter):
    """Every word of the value in the model's `SEARCH_FIELDS` (Dutch full text, tracker.search)."""

    def filter(self, qs, value):
        return full_text_filter(qs, value) if value else qs


class TrackerFilterSet(filters.FilterSet):
    """A FilterSet that knows whether the client sees suggestions."""

    @property
    def sees_suggestions(self) -> bool:
        return is_civil_servant(getattr(self.request, "user", None))


# --- CSV -----------------------------------------------------------------------------------------

# A cell starting with one of these is a formula to a spreadsheet: quote it so it stays text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


class CSVRenderer(BaseRenderer):
    """One row per record, nested objects flattened into `parent.child` columns.

    The columns come from the serializer, not from the rows, so every page of a list (even an empty
    one) has the same header. A list of plain values becomes one cell joined with '; '; a list of
    objects (a deadline history) one cell of JSON. The file starts with a byte order mark, which
    spreadsheet programs need to read UTF-8.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        renderer_context = renderer_context or {}
        response = renderer_context.get("response")
        view = renderer_context.get("view")
        if data is None:
            return b""
        if response is not None and response.exception:
            rows, columns = error_rows(data), ["field", "message"]
        else:
            if isinstance(data, dict) and "results" in data:
                rows = data["results"]
            elif isinstance(data, list):
                rows = data
            else:
                rows = [data]
            columns = serializer_columns(view) or data_columns(rows)
            if response is not None and view is not None:
                name = getattr(view, "basename", None) or "export"
                response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([cell(lookup(row, column)) for column in columns])
        return ("\ufeff" + out.getvalue()).encode(self.charset)


def serializer_columns(view) -> list[str]:
    if view is None or not hasattr(view, "get_serializer"):
        return []
    try:
        serializer = view.get_serializer()
    except (AssertionError, AttributeError, TypeError):
        return []
    if not isinstance(serializer, serializers.Serializer):
        return []
    return list(flatten_fields(serializer))


def flatten_fields(serializer: serializers.Serializer, prefix: str = "") -> Iterable[str]:
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        if isinstance(field, serializers.Serializer):
            yield from flatten_fields(field, f"{prefix}{name}.")
        else:
            yield f"{prefix}{name}"


def data_columns(rows: Sequence) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        for key in flatten_keys(row):
            columns.setdefault(key)
    return list(columns)


def flatten_keys(value, prefix: str = "") -> Iterable[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict) and item:
                yield from flatten_keys(item, f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}"
    else:
        yield prefix.rstrip(".") or "value"


def lookup(row, column: str):
    value = row
    for part in column.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        if all(not isinstance(item, (dict, list, tuple)) for item in value):
            return LIST_SEPARATOR.join(cell(item) for item in value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def error_rows(data) -> list[dict]:
    """An error body as (field, message) rows, so a spreadsheet shows what went wrong."""
    if isinstance(data, dict):
        return [
            {"field": field, "message": message}
            for field, messages in data.items()
            for message in (messages if isinstance(messages, list) else [messages])
        ]
    return [{"field": "", "message": str(data)}]


# --- The schema ----------------------------------------------------------------------------------


class TrackerAutoSchema(AutoSchema):
    """The OpenAPI description: a CSV answer is text (a download of what the JSON holds), and only
    reads offer it."""

    def _get_format_parameters(self) -> list:
        return super()._get_format_parameters() if self.method == "GET" else []

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        content = response.get("content", {})
        if CSVRenderer.media_type in content:
            if self.method == "GET":
                content[CSVRenderer.media_type] = {"schema": {"type": "string"}}
            else:
                del content[CSVRenderer.media_type]
        return response


# --- The base of every viewset -------------------------------------------------------------------


def answer_conditionally(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """An ETag over the rendered body; 304 when the client already holds it."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


class TrackerViewSetMixin:
    """Shared by every API viewset: permissions, formats, pages, throttles, conditional GET, and the
    moment of the request, read once here and handed to the serializers as `now` and `today`."""

    permission_classes = [CivilServantWritesOnly]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    pagination_class = LinkedPagination
    filter_backends = [filters.DjangoFilterBackend, StableOrderingFilter]
    throttle_classes = [AnonymousThrottle, ClientThrottle]
    schema = TrackerAutoSchema()

    def initial(self, request, *args, **kwargs) -> None:
        # The one reading of the clock for this request.
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        super().initial(request, *args, **kwargs)

    @property
    def sees_suggestions(self) -> bool:
        return is_civil_servant(getattr(self.request, "user", None))

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        # Absent only when drf-spectacular builds a serializer to describe it, without a request.
        context["now"] = getattr(self, "now", None)
        context["today"] = getattr(self, "today", None)
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Civil servants see more than anonymous clients: a cache must not mix their answers.
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            django_request = request._request
            response.add_post_render_callback(lambda rendered: answer_conditionally(django_request, rendered))
        return response


class ReadOnlyViewSet(TrackerViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


# --- The documentation page ----------------------------------------------------------------------


class SelfHostedSwaggerView(SpectacularSwaggerView):
    """Swagger UI from our own static files (drf-spectacular-sidecar), never from a CDN: the service
    runs where there is no internet. The schema validator badge would call swagger.io; it is off."""

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["settings"] = json.dumps({"deepLinking": True, "validatorUrl": None})
        return response

    @staticmethod
    def _swagger_ui_resource(filename: str) -> str:
        return static(f"{SIDECAR_STATIC}/swagger-ui-dist/{filename}")

    @staticmethod
    def _swagger_ui_favicon() -> str:
        return static(f"{SIDECAR_STATIC}/swagger-ui-dist/favicon-32x32.png")
