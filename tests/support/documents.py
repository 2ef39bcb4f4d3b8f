from functools import cache

from autentika.core.pdf import html_to_pdf


@cache
def scan_pdf() -> bytes:
    """A real one-page PDF, like a scanned request letter."""
    return html_to_pdf("<p>Surat permohonan data autentifikasi perolehan suara</p>")
