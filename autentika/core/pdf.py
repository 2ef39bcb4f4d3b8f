"""HTML templates to PDF with WeasyPrint. Import cost is about a second, so the module is
imported lazily and reused by the long-lived server process."""

import threading
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string

PDF_BASE_CSS = """
@page { size: A4; margin: 2cm 2cm 2.2cm 2.5cm;
  @bottom-right { content: "Halaman " counter(page) " dari " counter(pages);
                  font-family: "Liberation Serif", "FreeSerif", serif; font-size: 9pt; } }
html, body { font-family: "Liberation Serif", "FreeSerif", serif; font-size: 11pt; }
"""


_per_thread = threading.local()


def _font_config() -> Any:
    """One WeasyPrint font configuration per thread: building it (fontconfig and Pango's font
    map) is about a fifth of a letter's render; it is not shared across threads. No template
    declares @font-face, so the configuration never grows."""
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_per_thread, "font_config"):
        _per_thread.font_config = FontConfiguration()
    return _per_thread.font_config


def html_to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    font_config = _font_config()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(string=PDF_BASE_CSS, font_config=font_config)], font_config=font_config
    )


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render a Django template to PDF bytes. Templates use the `indonesia` filters."""
    return html_to_pdf(render_to_string(template_name, context))
