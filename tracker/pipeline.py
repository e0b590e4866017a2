"""What happens to a document after it is stored: the steps that span the apps.

Ingest (transcripts) stores the text and its speeches; extraction (commitments) proposes the
promises made in it; linking (commitments) connects its speeches to earlier promises and new
promises to ABB recommendations. This module puts those steps in order, runs them as one Celery
task per document, and reports what they did as plain data for `ingest --json` and the API.

With the embedded default the task runs in-process before `ingest` returns. With a broker, the
document is marked "linking pending" and handed to a worker; when the broker cannot be reached
the document stays pending and `link_pending_documents` picks it up once the broker is back.
"""

from __future__ import annotations

import logging

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

from commitments.extraction import extract_candidates
from commitments.linking import index_commitments, index_recommendations, link_document, suggest_recommendations
from commitments.models import Commitment, Mention, ReviewState
from commitments.restatements import mark_restatements
from commitments.suggestions import store_candidates
from transcripts.ingest import IngestResult
from transcripts.models import Document
from transcripts.parsing import parse_document

logger = logging.getLogger(__name__)


def after_ingest(result: IngestResult) -> dict:
    """Queue (or run, embedded) the steps after a stored document; describe the outcome."""
    document = result.document
    queued = ""
    if result.created:
        Document.objects.filter(pk=document.pk).update(linking_state=Document.LinkingState.PENDING)
        queued = dispatch(document.pk)
        document.refresh_from_db()
    return describe(document, result, queued)


def dispatch(document_id: int) -> str:
    """Hand a pending document to the worker. Returns a note when it could not be handed over."""
    from tracker.tasks import process_document_task

    try:
        process_document_task.delay(document_id)
    except BrokerUnavailable as error:
        logger.warning("document %s: broker unreachable, linking stays pending: %s", document_id, error)
        return f"broker unreachable ({error}); linking is pending and will run when the broker is back"
    return ""


def process_document(document_id: int) -> dict:
    """Extract and link one pending document, all in one transaction. Idempotent.

    The row lock makes a second worker given the same document wait, then find it done.
    """
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document_id)
        if document.linking_state != Document.LinkingState.PENDING:
            return {"document": document_id, "skipped": document.linking_state}
        parsed = parse_document(document.raw_text, filename=document.filename)
        counts = store_candidates(document, extract_candidates(parsed, document.date))
        new_commitments = Commitment.objects.filter(speech__document=document)
        index_commitments(new_commitments)
        counts["restatements"] = mark_restatements(document)
        recommendations = list(document.recommendations.all())
        if recommendations:
            index_recommendations(recommendations)
            counts["recommendation_links"] = suggest_recommendations(
                Commitment.objects.exclude(review_state=ReviewState.REJECTED)
            )
        report = link_document(document)
        document.linking_state = Document.LinkingState.DONE
        document.linking_error = ""
        document.save(update_fields=["linking_state", "linking_error"])
    return {
        "document": document_id,
        **counts,
        "mentions": len(report.mentions),
        "proposed_deadlines": report.proposed_deadlines,
        "recalled_deadlines": report.recalled_deadlines,
    }


def describe(document: Document, result: IngestResult, note: str = "") -> dict:
    commitments = Commitment.objects.filter(speech__document=document).prefetch_related("deadlines").order_by("line")
    mentions = (
        Mention.objects.filter(speech__document=document)
        .select_related("commitment__speech__document")
        .order_by("line", "id")
    )
    return {
        "document": document.pk,
        "created": result.created,
        "kind": document.kind,
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "counts": result.counts,
        "warnings": result.warnings,
        "linking": document.linking_state,
        "linking_note": note,
        "commitments": [
            {
                "id": c.pk,
                "line": c.line,
                "title": c.title,
                "quote": c.quote,
                "strength": c.strength,
                "review_state": c.review_state,
                "deadlines": [
                    {"text": d.text, "earliest": d.earliest.isoformat(), "latest": d.latest.isoformat()}
                    for d in c.deadlines.all()
                ],
            }
            for c in commitments
        ],
        "mentions": [
            {
                "line": m.line,
                "signal": m.signal,
                "score": m.score,
                "commitment": {
                    "id": m.commitment_id,
                    "document": m.commitment.speech.document_id,
                    "line": m.commitment.line,
                    "quote": m.commitment.quote,
                },
            }
            for m in mentions
        ],
    }
