"""A PDF's pages as PNG images, for previews every browser shows (a PDF in a frame is an
empty box on Chrome for Android and in headless browsers). Rendered server-side by poppler's
`pdftoppm`, kept in the cache per file (its SHA-256), page and resolution (#28)."""

import hashlib
import re
import subprocess

from django.core.cache import cache

PREVIEW_DPI = 80
CACHE_SECONDS = 60 * 60


def pdf_page_count(pdf: bytes) -> int:
    result = subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True, timeout=30
    )
    found = re.search(r"^Pages:\s+(\d+)", result.stdout.decode(errors="replace"), re.M)
    return int(found.group(1)) if found else 0


def pdf_page_png(pdf: bytes, *, page: int, dpi: int = PREVIEW_DPI) -> bytes:
    """Page `page` (from 1) as a PNG; a page the file does not have raises ValueError."""
    if not 1 <= page <= pdf_page_count(pdf):
        raise ValueError(f"no page {page}")
    key = f"page-png:{hashlib.sha256(pdf).hexdigest()}:{page}:{dpi}"
    image = cache.get(key)
    if image is None:
        result = subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                "-",
            ],
            input=pdf,
            capture_output=True,
            check=True,
            timeout=60,
        )
        image = result.stdout
        cache.set(key, image, CACHE_SECONDS)
    return bytes(image)
