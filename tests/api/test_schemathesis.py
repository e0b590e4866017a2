"""Property-based tests against the OpenAPI schema (schemathesis): whatever a client sends, the API
never answers 5xx, and every documented answer matches the schema. Writes as an anonymous client
are refused (401), never a crash.

The schema is generated from the app and the requests go through its WSGI handler, inside the test's
database transaction. (schemathesis' `pytest.from_fixture` does not work with pytest 9, so each
operation is its own parametrized test that runs a Hypothesis strategy.) A few examples per
operation keep the whole file well under a minute.
"""

import datetime
import json

import pytest
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from commitments.models import Event
from tests.factories import AgendaItemFactory, DeadlineFactory, EventFactory, MeetingFactory, SpeechFactory
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

EXAMPLES = settings(
    max_examples=6, deadline=None, derandomize=True, database=None,
    suppress_health_check=list(HealthCheck),
)


def load_schema() -> schemathesis.BaseSchema:
    document = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    return schemathesis.openapi.from_dict(document)


SCHEMA = load_schema()
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]
READS = [op.label for op in OPERATIONS if op.method.upper() == "GET"]
WRITES = [op.label for op in OPERATIONS if op.method.upper() != "GET"]


@pytest.fixture
def app(settings):
    """The WSGI application, called in-process (built per test: it reads the settings once).

    Like Django's test client, keep the request signals from closing the database connection,
    which holds the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def dataset(db, published, settings) -> dict[str, int]:
    """A record of every kind, and the id of one per detail path so that some requests find it."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}
    commitment = published["commitment"]
    event = EventFactory(commitment=commitment, happened_on=datetime.date(2021, 1, 1))
    EventFactory(commitment=commitment, kind=Event.Kind.DEADLINE_MOVED, detail={"from": "2020-12-31"})
    meeting = MeetingFactory(document=commitment.speech.document)
    item = AgendaItemFactory(meeting=meeting, minister=commitment.made_by, asker=commitment.made_by)
    speech = SpeechFactory(document=meeting.document, item=item, speaker=commitment.made_by)
    return {
        "commitments": commitment.pk,
        "deadlines": DeadlineFactory(commitment=commitment, text="ooit").pk,
        "mentions": published["mention"].pk,
        "events": event.pk,
        "recommendations": published["recommendation"].pk,
        "policy-fields": commitment.policy_field_id,
        "documents": commitment.speech.document_id,
        "meetings": meeting.pk,
        "items": item.pk,
        "speeches": speech.pk,
        "people": commitment.made_by_id,
    }


def known_id(operation, dataset: dict[str, int]) -> dict:
    if "{id}" not in operation.path:
        return {}
    resource = operation.path.split("/")[3]
    return {"id": dataset[resource]}


@pytest.mark.parametrize("label", READS)
def test_reads_never_fail_and_match_the_schema(app, dataset, label):
    operation = SCHEMA.find_operation_by_label(label)
    strategies = [
        operation.as_strategy(),
        operation.as_strategy(path_parameters=known_id(operation, dataset)),
    ]

    for strategy in strategies:
        @EXAMPLES
        @given(case=strategy)
        def check(case):
            case.call_and_validate(app=app, checks=[not_a_server_error, response_schema_conformance])

        check()


@pytest.mark.parametrize("label", READS)
def test_reads_with_malformed_parameters_are_refused_not_a_crash(app, dataset, label):
    operation = SCHEMA.find_operation_by_label(label)

    @EXAMPLES
    @given(case=operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    def check(case):
        response = case.call(app=app)
        case.validate_response(response, checks=[not_a_server_error])
        assert response.status_code < 500

    check()


@pytest.mark.parametrize("label", WRITES)
def test_anonymous_writes_are_refused_not_a_crash(app, dataset, label):
    operation = SCHEMA.find_operation_by_label(label)

    @EXAMPLES
    @given(case=operation.as_strategy(path_parameters=known_id(operation, dataset)))
    def check(case):
        response = case.call(app=app)
        case.validate_response(response, checks=[not_a_server_error])
        assert response.status_code == 401, (response.status_code, response.text[:300])

    check()
