"""The document pipeline's Celery tasks: thin wrappers over tracker.pipeline."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

from transcripts.models import Document

logger = logging.getLogger(__name__)

RETRY_ON = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


@shared_task(
    name="tracker.process_document",
    autoretry_for=RETRY_ON,
    retry_backoff=10,
    retry_backoff_max=10 * 60,
    retry_jitter=True,
    max_retries=6,
    soft_time_limit=5 * 60,
    time_limit=6 * 60,
)
def process_document_task(document_id: int) -> dict:
    """Extract commitments from a stored document and link it; one transaction, idempotent."""
    from tracker.pipeline import process_document

    try:
        return process_document(document_id)
    except RETRY_ON:
        raise
    except Exception as error:  # noqa: BLE001 - the job boundary: see below
        # Bad data or a bug in one document must not crash-loop the queue: its transaction was
        # rolled back, so nothing half-written remains; record why and set it aside for a person.
        logger.exception("document %s: linking failed", document_id)
        Document.objects.filter(pk=document_id).update(
            linking_state=Document.LinkingState.FAILED, linking_error=f"{type(error).__name__}: {error}"[:2000]
        )
        return {"document": document_id, "failed": str(error)}


@shared_task(name="tracker.link_pending_documents", soft_time_limit=60, time_limit=90)
def link_pending_documents() -> int:
    """Hand every document still pending (its broker was down at ingest) to the worker again."""
    from tracker.pipeline import dispatch

    pending = list(Document.objects.pending_linking().values_list("pk", flat=True))
    for document_id in pending:
        note = dispatch(document_id)
        if note:
            logger.warning("still pending: document %s: %s", document_id, note)
            break
    return len(pending)
