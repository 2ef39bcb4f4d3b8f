"""Opening an upload as what it claims to be: a PDF must parse (pyHanko's reader), start with
its header, end with `%%EOF`, have only the features of a static document (`pdf_features.py`:
a positive rule; an action, an embedded file, XFA, RichMedia or JavaScript is refused by name),
not be encrypted, stay within the page limit and decompress within bounds; an image must decode
fully (Pillow) within a pixel limit. Each check raises ValidationError with an Indonesian reason."""

import io
import zlib
from typing import Any

from django.core.exceptions import ValidationError

from autentika.core.pdf_features import PdfFeatureRefused, features_check

MAX_PDF_PAGES = 200
# The sum of every Flate stream once decompressed: a scanned letter is far below this; a
# "flate bomb" of a few kilobytes unpacking to gigabytes is refused before it is unpacked.
MAX_PDF_INFLATED_BYTES = 200 * 1024 * 1024
MAX_PDF_OBJECTS = 100_000
# A4 at 600 dpi is 35 million pixels.
MAX_IMAGE_PIXELS = 36_000_000

# PNG ends with its IEND chunk, JPEG with the EOI marker.
_IMAGE_ENDS = (b"IEND\xaeB`\x82", b"\xff\xd9")


def _refuse(label: str, name: str, reason: str) -> ValidationError:
    return ValidationError(f"{label} ({name}) ditolak: {reason}.")


def _filters(stream: Any) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item) for item in value]
    return [str(value)]


def _inflated_size(data: bytes, budget: int) -> int:
    """Bytes a Flate stream unpacks to, counting at most `budget` + 1 (never unpacking more)."""
    decoder = zlib.decompressobj()
    total = 0
    chunk = data
    try:
        while chunk and total <= budget:
            out = decoder.decompress(chunk, 1024 * 1024)
            total += len(out)
            chunk = decoder.unconsumed_tail
    except zlib.error:
        return total  # a damaged stream is the viewer's problem, not a bomb
    return total


def pdf_check(content: bytes, *, label: str, name: str) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not content.startswith(b"%PDF-"):
        raise _refuse(label, name, "berkas PDF harus diawali kepala %PDF-")
    if b"%%EOF" not in content[-1024:]:
        raise _refuse(label, name, "berkas PDF terpotong (tidak lengkap)")
    try:
        reader = PdfFileReader(io.BytesIO(content), strict=False)
        if reader.encrypted or "/Encrypt" in reader.trailer_view:
            raise _refuse(label, name, "berkas PDF terenkripsi atau dilindungi kata sandi")
        pages = int(reader.root["/Pages"].get("/Count", 0))
        refs = set()
        for revision in range(reader.xrefs.total_revisions):
            refs.update(reader.xrefs.explicit_refs_in_revision(revision))
        if len(refs) > MAX_PDF_OBJECTS:
            raise _refuse(label, name, "berkas PDF memuat terlalu banyak objek")
        budget = MAX_PDF_INFLATED_BYTES
        try:
            features_check(reader)
        except PdfFeatureRefused as refused:
            raise _refuse(
                label,
                name,
                f"berkas PDF memuat {refused.feature}; yang diizinkan hanya halaman, huruf, "
                "gambar, dan anotasi biasa, tanpa aksi otomatis, skrip, atau berkas tersemat",
            ) from refused
        for ref in refs:
            obj = reader.get_object(ref)
            if isinstance(obj, generic.StreamObject) and "/FlateDecode" in _filters(obj):
                budget -= _inflated_size(obj.encoded_data, budget)
                if budget < 0:
                    raise _refuse(
                        label, name, "berkas PDF memuat data terkompresi yang terlalu besar"
                    )
    except ValidationError:
        raise
    except Exception as error:
        raise _refuse(label, name, "berkas PDF rusak dan tidak dapat dibaca") from error
    if pages < 1:
        raise _refuse(label, name, "berkas PDF tidak memiliki halaman")
    if pages > MAX_PDF_PAGES:
        raise _refuse(label, name, f"berkas PDF berisi {pages} halaman; batasnya {MAX_PDF_PAGES}")


def image_check(content: bytes, *, label: str, name: str) -> None:
    from PIL import Image

    # WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process, so a cut-off image
    # would decode "successfully" with grey pixels: its end marker is checked first.
    if not content.rstrip(b"\0").endswith(_IMAGE_ENDS):
        raise _refuse(label, name, "gambar rusak atau tidak lengkap")
    too_large = f"gambar melebihi batas {MAX_IMAGE_PIXELS // 1_000_000} juta piksel"
    try:
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise _refuse(label, name, f"{too_large} ({width} x {height})")
            image.load()  # decodes every pixel: a truncated or corrupt image raises here
    except ValidationError:
        raise
    except Image.DecompressionBombError as error:  # Pillow's own, far larger, limit
        raise _refuse(label, name, too_large) from error
    except Exception as error:
        raise _refuse(label, name, "gambar rusak atau tidak lengkap") from error


# Modes written back as they are; any other (palette, CMYK, YCbCr, ...) becomes RGB(A) first.
_KEPT_MODES = {
    "image/png": {"1", "L", "LA", "I", "I;16", "RGB", "RGBA"},
    "image/jpeg": {"L", "RGB"},
}


def image_reencoded(content: bytes, *, content_type: str) -> bytes:
    """An accepted PNG or JPEG drawn again from its pixels alone (issue #27): what staff and
    parties view. Nothing of the file but its pixels survives: no EXIF, ICC profile, comment,
    text or other chunk, no data after the image; the EXIF orientation is applied to the pixels
    first, so the picture looks as before. The uploaded original is kept for the record."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(content)) as opened:
        if opened.width * opened.height > MAX_IMAGE_PIXELS:
            raise ValueError("image above the pixel limit")
        upright = ImageOps.exif_transpose(opened) or opened
        upright.load()
        if upright.mode not in _KEPT_MODES[content_type]:
            transparent = upright.mode in ("P", "PA", "LA", "RGBA") and content_type == "image/png"
            upright = upright.convert("RGBA" if transparent else "RGB")
        pixels = Image.frombytes(upright.mode, upright.size, upright.tobytes())  # no .info
    output = io.BytesIO()
    if content_type == "image/png":
        pixels.save(output, format="PNG")
    else:
        pixels.save(output, format="JPEG", quality=90)
    return output.getvalue()
