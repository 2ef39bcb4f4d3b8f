"""Serving stored documents: uploads as downloads that a browser will not run, and an audit
event for every view or download of a document (letters, scans, SK documents, books)."""

from typing import IO, Any

from django.db import models, transaction
from django.http import FileResponse, HttpRequest

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType


def upload_response(
    request: HttpRequest,
    file: IO[bytes],
    *,
    content_type: str,
    filename: str,
    document: str,
    office: Any,
    target: models.Model | None = None,
) -> FileResponse:
    """An uploaded file as an attachment: never rendered inline, never sniffed into another type,
    and sandboxed (no script, no same origin) should a browser open it anyway."""
    response = FileResponse(file, content_type=content_type, filename=filename, as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    document_access_record(request, document=document, office=office, target=target)
    return response


def document_access_record(
    request: HttpRequest,
    *,
    document: str,
    office: Any,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> None:
    """Who opened or downloaded which document (`document` names its kind, e.g. "letter_pdf")."""
    with transaction.atomic():
        audit_record(
            event_type=AuditEventType.DOCUMENT_ACCESSED,
            office=office,
            actor=request.user,
            target=target,
            data={"document": document, "path": request.path, **(data or {})},
        )
