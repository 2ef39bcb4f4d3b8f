"""Hostile XLSX files built byte by byte (openpyxl could never write a bomb in test time)."""

import io
import struct
import zipfile
import zlib

from tests.support.results import xlsx_bytes

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _zip_raw(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP whose members are given already deflated: (name, deflated, crc, unpacked size)."""
    out = io.BytesIO()
    central = []
    for name, deflated, crc, size in members:
        offset = out.tell()
        encoded = name.encode()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(deflated), size, len(encoded), 0
        )
        out.write(header + encoded + deflated)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(deflated),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), start, 0
        )
    )
    return out.getvalue()


def _members_of(content: bytes, without: str) -> list[tuple[str, bytes, int, int]]:
    members = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            if info.filename == without:
                continue
            data = archive.read(info)
            packer = zlib.compressobj(6, zlib.DEFLATED, -15)
            members.append(
                (info.filename, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))
            )
    return members


def xlsx_with_part(name: str, chunks: list[tuple[bytes, int]], *, sheets: int = 1) -> bytes:
    """A valid workbook (sheet "hasil", then "s2"...) whose part `name` is the chunks, each
    repeated n times.

    Each chunk is deflated once after a full flush, so repeating its bytes repeats its text:
    gigabytes of XML cost a few megabytes and a few seconds to build.
    """
    names = ["hasil", *(f"s{number}" for number in range(2, sheets + 1))]
    base = xlsx_bytes({sheet: [["dapil"]] for sheet in names})
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated, crc, size = b"", 0, 0
    for text, times in chunks:
        piece = packer.compress(text) + packer.flush(zlib.Z_FULL_FLUSH)
        deflated += piece * times
        for _ in range(times):
            crc = zlib.crc32(text, crc)
        size += len(text) * times
    deflated += packer.flush()
    members = _members_of(base, without=name)
    members.append((name, deflated, crc, size))
    return _zip_raw(members)


def xlsx_with_sheet(chunks: list[tuple[bytes, int]]) -> bytes:
    return xlsx_with_part("xl/worksheets/sheet1.xml", chunks)


def cell_bomb(rows: int = 10_000, cells: int = 16_384) -> bytes:
    """The probe's file: `rows` rows of `cells` cells each (10,000 x 16,384: about 4.8 MB)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN_NS}"><sheetData>'
    block = (b"<row>" + b"<c><v>1</v></c>" * cells + b"</row>") * 10
    return xlsx_with_sheet(
        [(head.encode(), 1), (block, rows // 10), (b"</sheetData></worksheet>", 1)]
    )


def sheet_xml(body: str, *, dimension: str = "") -> bytes:
    """A workbook whose sheet is `body` inside sheetData (small hostile shapes)."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    text = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN_NS}">{dim}'
        f"<sheetData>{body}</sheetData></worksheet>"
    )
    return xlsx_with_sheet([(text.encode(), 1)])


def cells(rows: int, per_row: int = 6) -> bytes:
    """`rows` rows of `per_row` numeric cells, compact."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN_NS}"><sheetData>'
    row = b"<row>" + b"<c><v>1</v></c>" * per_row + b"</row>"
    return xlsx_with_sheet([(head.encode(), 1), (row, rows), (b"</sheetData></worksheet>", 1)])


def shared_strings(count: int) -> bytes:
    head = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN_NS}">'
    return xlsx_with_part(
        "xl/sharedStrings.xml", [(head.encode(), 1), (b"<si><t>x</t></si>", count), (b"</sst>", 1)]
    )


def many_parts(count: int) -> bytes:
    members = _members_of(xlsx_bytes({"hasil": [["dapil"]]}), without="")
    for number in range(count):
        data = b"<x/>"
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        members.append(
            (f"xl/extra/{number}.xml", packer.compress(data) + packer.flush(), zlib.crc32(data), 4)
        )
    return _zip_raw(members)
