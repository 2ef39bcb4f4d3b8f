"""A PDF's pages as PNG images, for previews every browser shows (a PDF in a frame is an
empty box on Chrome for Android and in headless browsers). Rendered server-side by poppler's
`pdftoppm`, kept in the cache per file (its SHA-256), page and size (#28)."""

import hashlib
import io
import re
import subprocess

from django.core.cache import cache

# The longest side of a page image in pixels (A4 comes out near 85 dpi). A size, not a
# resolution: a PDF declaring a huge page still makes a small image.
PREVIEW_SIZE = 1000
CACHE_SECONDS = 60 * 60


def pdf_page_count(pdf: bytes) -> int:
    result = subprocess.run(
        ["pdfinfo", "-"], input=pdf, capture_output=True, check=True, timeout=30
    )
    found = re.search(r"^Pages:\s+(\d+)", result.stdout.decode(errors="replace"), re.M)
    return int(found.group(1)) if found else 0


def pdf_page_png(pdf: bytes, *, page: int, size: int = PREVIEW_SIZE) -> bytes:
    """Page `page` (from 1) as a PNG; a page the file does not have raises ValueError."""
    if not 1 <= page <= pdf_page_count(pdf):
        raise ValueError(f"no page {page}")
    key = f"page-png:{hashlib.sha256(pdf).hexdigest()}:{page}:{size}"
    image = cache.get(key)
    if image is None:
        result = subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-scale-to",
                str(size),
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


# The pages a preview strip shows at most; the PDF itself stays one link away.
STRIP_PAGES = 10
PAGE_GAP = 12


def pdf_pages_strip(pdf: bytes, *, size: int = PREVIEW_SIZE) -> bytes:
    """The first pages (at most STRIP_PAGES) one under another as one PNG, for an <img> that
    every browser shows; kept in the cache per file."""
    from PIL import Image

    key = f"pages-strip:{hashlib.sha256(pdf).hexdigest()}:{size}"
    strip = cache.get(key)
    if strip is not None:
        return bytes(strip)
    count = min(pdf_page_count(pdf), STRIP_PAGES)
    pages = [
        Image.open(io.BytesIO(pdf_page_png(pdf, page=n, size=size))) for n in range(1, count + 1)
    ]
    width = max((page.width for page in pages), default=1)
    height = sum(page.height for page in pages) + PAGE_GAP * max(count - 1, 0)
    canvas = Image.new("RGB", (width, max(height, 1)), "#dee2e6")
    top = 0
    for page in pages:
        canvas.paste(page.convert("RGB"), (0, top))
        top += page.height + PAGE_GAP
    out = io.BytesIO()
    canvas.save(out, format="PNG", optimize=True)
    strip = out.getvalue()
    cache.set(key, strip, CACHE_SECONDS)
    return strip
