"""Serving stored documents: uploads as downloads that a browser will not run, or as inline
previews that only this site's own pages may frame, and an audit event for every view or
download of a document (letters, scans, SK documents, books)."""

import hashlib
import io
import logging
import subprocess
import unicodedata
from typing import IO, Any

from django.core.cache import cache
from django.db import models, transaction
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase
from django.utils.text import slugify

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.core.page_images import CACHE_SECONDS, pdf_pages_strip
from autentika.core.pdf_features import pdf_disarmed
from autentika.core.upload_content import image_reencoded

logger = logging.getLogger(__name__)
IMAGE_TYPES = ("image/png", "image/jpeg")


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
    disarm: bool = True,
) -> FileResponse:
    """An uploaded file as an attachment: never rendered inline, never sniffed into another type,
    and sandboxed (no script, no same origin) should a browser open it anyway. With `inline`,
    the preview shown in a page of this site (`preview_headers`). Callers check who may see
    the file once, for all. The name sent is `download_name(filename, content_type)`: the
    extension always the content type's, never the uploader's.

    A PDF previewed inline is a disarmed copy (`pdf_disarmed`: only what the catalog reaches,
    one revision, no action); one that cannot be rewritten is sent as a sandboxed attachment
    instead. The download is the original, kept for the record. The office's own signed letters
    pass `disarm=False`: a copy would lose their signature. An image previewed inline is drawn
    again from its pixels alone (`upload_content.image_reencoded`: no EXIF, ICC, comment or
    other chunk; issue #27), the download again the original. An inline PDF asked with `?gambar=1`
    answers its first pages as one PNG drawn from that copy (`page_images.pdf_pages_strip`),
    which every browser shows (#28)."""
    if inline and disarm and content_type == "application/pdf":
        with file:
            content = file.read()
        try:
            file = io.BytesIO(pdf_disarmed(content))
        except Exception:  # a file pyHanko cannot rewrite is never shown inline
            logger.warning("PDF preview could not be disarmed; served as an attachment")
            file, inline = io.BytesIO(content), False
    if inline and disarm and content_type in IMAGE_TYPES:
        with file:
            content = file.read()
        try:
            file = io.BytesIO(image_preview(content, content_type=content_type))
        except Exception:  # an image Pillow cannot draw again is never shown inline
            logger.warning("image preview could not be re-encoded; served as an attachment")
            file, inline = io.BytesIO(content), False
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
        file,
        content_type=content_type,
        filename=download_name(filename, content_type=content_type),
        as_attachment=not inline,
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


EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


def image_preview(content: bytes, *, content_type: str) -> bytes:
    """The re-encoded copy of an uploaded image, kept in the cache per SHA-256."""
    key = f"image-reencoded:{hashlib.sha256(content).hexdigest()}:{content_type}"
    copy = cache.get(key)
    if copy is None:
        copy = image_reencoded(content, content_type=content_type)
        cache.set(key, copy, CACHE_SECONDS)
    return bytes(copy)


def download_name(name: str, *, content_type: str) -> str:
    """The name a download is saved under (issue #27): the stem written in lower-case ASCII
    letters, digits and hyphens (any extension and every other character dropped, so neither
    an uploader's `.exe` nor a right-to-left override survives), and the extension of the
    content type sniffed at upload (`.bin` for any other type)."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = slugify(unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode())
    return f"{stem or 'berkas'}{EXTENSIONS.get(content_type, '.bin')}"


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
