"""Bounds an XLSX container before openpyxl reads it (spreadsheet bombs).

An XLSX is a ZIP of XML parts. A few megabytes can unpack to gigabytes of cells (10,000 rows
of 16,384 cells each hung a worker for more than 20 minutes). Before any cell is read, the
declared sizes of the parts are summed (Python's `zipfile` never unpacks more than a part
declares), then every part that could be XML is unpacked as a stream and its markup counted at
C speed (every element, closing tag, comment starts with `<`, whatever its namespace prefix),
refusing document type declarations (entity expansion). Only then does openpyxl parse the now
bounded content, in a child process with its own limits (`isolation.py`).

`xlsx_problem` answers None or the Indonesian reason for refusing; nothing here raises.
"""

import io
import time
import zipfile
from typing import IO

MAX_SHEETS = 10
MAX_PARTS = 200
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_COLUMNS = 30
MAX_MARKUP = 3_000_000  # tags; the largest template file (50,000 rows of 6 cells) has 1.3 million
MAX_SCAN_SECONDS = 8.0

_BINARY_SUFFIXES = (
    ".bin",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".emf",
    ".wmf",
    ".tif",
    ".tiff",
    ".bmp",
)


class _Refused(Exception):
    pass


def xlsx_problem(content: bytes) -> str | None:
    """None when the container is within bounds; otherwise why it is refused (Indonesian)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_PARTS:
                return f"berkas XLSX memuat terlalu banyak bagian (lebih dari {MAX_PARTS})."
            if sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
                return (
                    "isi berkas XLSX setelah dibuka terlalu besar (lebih dari "
                    f"{MAX_UNPACKED_BYTES // (1024 * 1024)} MB); berkas ini mungkin bom berkas."
                )
            sheets = [p for p in parts if p.filename.lower().startswith("xl/worksheets/")]
            if len([p for p in sheets if p.filename.lower().endswith(".xml")]) > MAX_SHEETS:
                return f"berkas XLSX memuat lebih dari {MAX_SHEETS} lembar."
            deadline = time.monotonic() + MAX_SCAN_SECONDS
            markup = 0
            for part in parts:
                if _may_be_xml(archive, part):
                    with archive.open(part) as stream:
                        markup = _scan(stream, markup, deadline)
    except _Refused as refused:
        return str(refused)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        return "berkas bukan XLSX yang sah (arsip ZIP rusak)."
    return None


def _may_be_xml(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Every part openpyxl could parse as XML is scanned; images and printer settings are not,
    unless their bytes look like XML whatever their name says."""
    if part.is_dir():
        return False
    if not part.filename.lower().endswith(_BINARY_SUFFIXES):
        return True
    with archive.open(part) as stream:
        head = stream.read(64).lstrip(b" \t\r\n")
    return head.startswith((b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))


def _scan(stream: IO[bytes], markup: int, deadline: float) -> int:
    """Count `<` of one part on top of `markup`; raise _Refused at the first bound passed."""
    tail = b""
    while chunk := stream.read(1024 * 1024):
        window = tail + chunk
        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
            raise _Refused("berkas XLSX memuat deklarasi DTD atau entitas XML (berbahaya).")
        markup += chunk.count(b"<")
        if markup > MAX_MARKUP:
            limit = f"{MAX_MARKUP:,}".replace(",", ".")
            raise _Refused(f"berkas XLSX memuat terlalu banyak sel (lebih dari {limit} tag XML).")
        if time.monotonic() > deadline:
            raise _Refused("berkas XLSX terlalu lama dibaca; periksa isinya.")
        tail = window[-16:]
    return markup
