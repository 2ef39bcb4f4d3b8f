"""What every inline preview answers (issue #16), for the preview tests of each part."""

from typing import Any


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
