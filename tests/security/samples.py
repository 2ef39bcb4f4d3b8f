"""Hostile files made in code: PDFs with JavaScript, encryption, a flate bomb, too many pages;
truncated files; HTML dressed as a PDF; broken and oversized images."""

import functools
import io
import zlib


def pdf(
    *extra: bytes, catalog_extra: bytes = b"", pages: int = 1, page_extra: bytes = b""
) -> bytes:
    """A well-formed PDF (header, objects, xref, trailer, %%EOF) built byte by byte.

    Objects: 1 catalog, 2 page tree, 3.. pages, then `extra` objects numbered after them."""
    page_numbers = list(range(3, 3 + pages))
    kids = b" ".join(b"%d 0 R" % n for n in page_numbers)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + page_extra + b">>"] * pages,
        *extra,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def stream(data: bytes, dictionary: bytes = b"") -> bytes:
    return b"<< /Length %d " % len(data) + dictionary + b">>\nstream\n" + data + b"\nendstream"


def pdf_javascript_open_action() -> bytes:
    first = 3 + 1
    return pdf(
        b"<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\)) >>",
        catalog_extra=b"/OpenAction %d 0 R " % first,
    )


def pdf_javascript_names() -> bytes:
    return pdf(
        b"<< /JavaScript << /Names [(a) 5 0 R] >> >>",
        b"<< /S /JavaScript /JS 6 0 R >>",
        stream(b"app.alert(1)"),
        catalog_extra=b"/Names 4 0 R ",
    )


def pdf_launch_action() -> bytes:
    return pdf(
        b"<< /S /Launch /F (cmd.exe) >>",
        catalog_extra=b"/OpenAction 4 0 R ",
    )


def pdf_page_additional_action() -> bytes:
    return pdf(page_extra=b"/AA << /O << /S /JavaScript /JS (x) >> >> ")


def pdf_encrypted() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt(user_password="rahasia", owner_password="rahasia", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@functools.cache
def pdf_flate_bomb(inflated: int = 300 * 1024 * 1024) -> bytes:
    compressor = zlib.compressobj(9)
    block = b"\0" * (1024 * 1024)
    data = b"".join(compressor.compress(block) for _ in range(inflated // len(block)))
    data += compressor.flush()
    return pdf(stream(data, b"/Filter /FlateDecode "), page_extra=b"/Contents 4 0 R ")


def pdf_too_many_pages(pages: int = 201) -> bytes:
    return pdf(pages=pages)


def pdf_truncated() -> bytes:
    whole = pdf()
    return whole[: len(whole) // 2]


def pdf_broken_xref() -> bytes:
    return b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nstartxref\n999999\n%%EOF\n"


def html_with_pdf_header() -> bytes:
    return b"<!DOCTYPE html><html><!-- %PDF-1.7 --><script>alert(document.cookie)</script></html>"


def png(width: int = 10, height: int = 10) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), "white").save(out, "JPEG")
    return out.getvalue()


def png_truncated() -> bytes:
    whole = png(200, 200)
    return whole[: len(whole) // 2]


def jpeg_truncated() -> bytes:
    whole = jpeg()
    return whole[: len(whole) // 2]


def png_pixel_bomb() -> bytes:
    """A small PNG of 8000 x 8000 pixels (64 million): refused before decoding."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (8000, 8000)).save(out, "PNG")
    return out.getvalue()
