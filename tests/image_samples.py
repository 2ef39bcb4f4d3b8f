"""Images carrying what is not pixels (EXIF, ICC profile, comments, text and private chunks),
built here byte by byte, and readers of their chunks and markers (issue #27: uploaded images are
re-encoded from their pixels for what staff and parties view)."""

import io
import struct
import zlib

SECRET = b"rahasia-pengunggah"  # in every non-pixel part of the samples


def _exif(orientation: int | None = None) -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = SECRET.decode()  # Make
    exif[0x010E] = SECRET.decode()  # ImageDescription
    if orientation is not None:
        exif[0x0112] = orientation
    return exif.tobytes()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_chunks(content: bytes) -> list[bytes]:
    """The chunk types of a PNG, in order."""
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    kinds, offset = [], 8
    while offset < len(content):
        (length,) = struct.unpack(">I", content[offset : offset + 4])
        kinds.append(content[offset + 4 : offset + 8])
        offset += 12 + length
    return kinds


def png_with_extras() -> bytes:
    """An RGB PNG with tEXt, zTXt, iTXt, eXIf, iCCP, tIME and a private chunk after IHDR."""
    from PIL import Image

    out = io.BytesIO()
    image = Image.new("RGB", (16, 9))
    image.putdata([(x * 15, y * 25, 100) for y in range(9) for x in range(16)])
    image.save(out, "PNG")
    plain = out.getvalue()
    ihdr_end = 8 + 12 + 13
    extras = b"".join(
        [
            _png_chunk(b"tEXt", b"Comment\0" + SECRET),
            _png_chunk(b"zTXt", b"Author\0\0" + zlib.compress(SECRET)),
            _png_chunk(b"iTXt", b"Description\0\0\0\0\0" + SECRET),
            _png_chunk(b"eXIf", _exif()),
            _png_chunk(b"iCCP", b"profil\0\0" + zlib.compress(SECRET * 4)),
            _png_chunk(b"tIME", bytes([7, 234, 12, 7, 6, 0, 0])),
            _png_chunk(b"prVt", SECRET),
        ]
    )
    return plain[:ihdr_end] + extras + plain[ihdr_end:]


def jpeg_markers(content: bytes) -> list[int]:
    """The JPEG markers (second byte) up to the start of the scan."""
    assert content[:2] == b"\xff\xd8"
    markers, offset = [0xD8], 2
    while offset < len(content):
        assert content[offset] == 0xFF
        marker = content[offset + 1]
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            return markers
        (length,) = struct.unpack(">H", content[offset + 2 : offset + 4])
        offset += 2 + length
    return markers


def jpeg_with_extras(*, size: tuple[int, int] = (24, 16), orientation: int | None = None) -> bytes:
    """A JPEG with EXIF (APP1), an ICC profile (APP2), a comment (COM) and an APP13 segment."""
    from PIL import Image

    out = io.BytesIO()
    image = Image.new("RGB", size, (30, 120, 200))
    image.save(out, "JPEG", exif=_exif(orientation), icc_profile=SECRET * 4, comment=SECRET)
    plain = out.getvalue()
    app13 = b"Photoshop 3.0\0" + SECRET
    return plain[:2] + b"\xff\xed" + struct.pack(">H", len(app13) + 2) + app13 + plain[2:]
