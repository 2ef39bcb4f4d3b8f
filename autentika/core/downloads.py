"""Serving stored documents: uploads as downloads that a browser will not run, or as inline
previews that only this site's own pages may frame, and an audit event for every view or
download of a document (letters, scans, SK documents, books)."""

import io
import subprocess
from typing import IO, Any

from django.db import models, transaction
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.core.page_images import pdf_pages_strip


def upload_response(
    request: HttpRequest,
    file: IO[bytes],
    *,
    content_type: str,
    filename: str,
    document: str,
    office: Any,
    target: models.Model | None = None,
    inline: bool = False,
) -> FileResponse:
    """An uploaded file as an attachment: never rendered inline, never sniffed into another type,
    and sandboxed (no script, no same origin) should a browser open it anyway. With `inline`,
    the preview shown in a page of this site (`preview_headers`); an inline PDF asked with
    `?gambar=1` answers its first pages as one PNG (`page_images.pdf_pages_strip`), which every
    browser shows (#28). Callers check who may see the file once, for all."""
    if inline and content_type == "application/pdf" and request.GET.get("gambar"):
        content = file.read()
        try:
            strip = pdf_pages_strip(content)
        except (subprocess.SubprocessError, OSError, ValueError):
            file = io.BytesIO(content)  # not drawable as images: the PDF itself, as before
        else:
            images = FileResponse(io.BytesIO(strip), content_type="image/png")
            preview_headers(images)
            document_access_record(
                request,
                document=document,
                office=office,
                target=target,
                data={"inline": True, "as": "images"},
            )
            return images
    response = FileResponse(
        file, content_type=content_type, filename=filename, as_attachment=not inline
    )
    response["X-Content-Type-Options"] = "nosniff"
    if inline:
        preview_headers(response)
    else:
        response["Content-Security-Policy"] = "sandbox"
    document_access_record(
        request,
        document=document,
        office=office,
        target=target,
        data={"inline": True} if inline else None,
    )
    return response


# A preview may be framed by this site only. It restricts no fetch directive: Chromium draws
# a PDF in a synthetic page of its own viewer that `default-src 'none'` or `sandbox` would block
# ("This page has been blocked by Chrome"); the bytes cannot become a page (nosniff, the type
# sniffed at upload), and PDFs with any script or automatic action were refused at upload.
PREVIEW_POLICY = "frame-ancestors 'self'; base-uri 'none'; form-action 'none'"


def preview_headers(response: HttpResponseBase) -> HttpResponseBase:
    """Headers of a document shown inline in an <iframe>/<img> of this site: never sniffed,
    framed by the same origin only (CSP frame-ancestors 'self' and X-Frame-Options
    SAMEORIGIN; every other response keeps 'none' and DENY)."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PREVIEW_POLICY
    response["X-Frame-Options"] = "SAMEORIGIN"
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
