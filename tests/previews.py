"""What every inline preview answers (issue #16), for the preview tests of each part."""

import io
from typing import Any

# Keys that carry or start an action.
ACTIVE_KEYS = {"/OpenAction", "/AA", "/A", "/JS", "/JavaScript", "/URI", "/Launch", "/Next"}


def assert_inline_preview(response: Any, content_type: str, content: bytes | None = None) -> None:
    """200, inline with its real type, never sniffed, framed by this site's pages only."""
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    if content is not None:
        assert b"".join(response.streaming_content) == content


def pdf_keys(content: bytes) -> set[str]:
    """Every dictionary key of every object of every revision, read with pyHanko's reader."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(content), strict=False)
    keys: set[str] = set()

    def visit(value: Any) -> None:
        if isinstance(value, generic.DictionaryObject):
            keys.update(str(key) for key in value)
            for item in value.values():
                visit(item)
        elif isinstance(value, generic.ArrayObject):
            for item in value:
                visit(item)

    for revision in range(reader.xrefs.total_revisions):
        resolver = reader.get_historical_resolver(revision)
        visit(resolver.trailer_view)
        for ref in reader.xrefs.explicit_refs_in_revision(revision):
            visit(resolver.get_object(ref))
    return keys


def assert_disarmed_pdf_preview(response: Any, original: bytes) -> None:
    """An inline preview of an uploaded PDF: one revision, no action anywhere, the original's
    pages and text (read with pypdf, a second parser)."""
    from pypdf import PdfReader

    assert_inline_preview(response, "application/pdf")
    preview = b"".join(response.streaming_content)
    assert preview.count(b"%%EOF") == 1
    assert not ACTIVE_KEYS & pdf_keys(preview)
    shown, uploaded = PdfReader(io.BytesIO(preview)), PdfReader(io.BytesIO(original))
    assert len(shown.pages) == len(uploaded.pages)
    assert [page.extract_text() for page in shown.pages] == [
        page.extract_text() for page in uploaded.pages
    ]
