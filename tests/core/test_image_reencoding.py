"""Uploaded images are shown re-encoded from their pixels (issue #27): an accepted PNG or JPEG
comes out with no EXIF, ICC profile, comment, text or private chunk of the upload, still opens
as the same picture, and an EXIF rotation is applied to the pixels so it still looks upright."""

import io

import pytest
from PIL import Image

from autentika.core.upload_content import image_check, image_reencoded
from tests.image_samples import (
    SECRET,
    jpeg_markers,
    jpeg_with_extras,
    png_chunks,
    png_with_extras,
)

# What a PNG needs to be a picture; a JPEG: start, JFIF header, tables, frame, scan.
PNG_PIXEL_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
JPEG_PIXEL_MARKERS = {0xD8, 0xE0, 0xDB, 0xC4, 0xC0, 0xC2, 0xDD, 0xDA}


def test_a_png_keeps_its_pixels_and_loses_every_other_chunk():
    upload = png_with_extras()
    assert {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP", b"tIME", b"prVt"} <= set(
        png_chunks(upload)
    )
    image_check(upload, label="Lampiran", name="foto.png")  # accepted as it is
    shown = image_reencoded(upload, content_type="image/png")
    assert set(png_chunks(shown)) <= PNG_PIXEL_CHUNKS
    assert SECRET not in shown
    with Image.open(io.BytesIO(upload)) as before, Image.open(io.BytesIO(shown)) as after:
        assert after.format == "PNG" and after.size == before.size
        assert after.convert("RGB").tobytes() == before.convert("RGB").tobytes()
        assert not after.info.get("icc_profile") and not after.getexif()


def test_a_jpeg_keeps_its_picture_and_loses_exif_icc_comments_and_app_segments():
    upload = jpeg_with_extras()
    assert {0xE1, 0xE2, 0xED, 0xFE} <= set(jpeg_markers(upload))
    image_check(upload, label="Lampiran", name="foto.jpg")
    shown = image_reencoded(upload, content_type="image/jpeg")
    assert set(jpeg_markers(shown)) <= JPEG_PIXEL_MARKERS
    assert SECRET not in shown
    with Image.open(io.BytesIO(shown)) as after:
        after.load()
        assert after.format == "JPEG" and after.size == (24, 16)
        red, green, blue = after.getpixel((12, 8))  # type: ignore[misc]
        assert abs(red - 30) < 8 and abs(green - 120) < 8 and abs(blue - 200) < 8


def test_a_photo_turned_by_its_exif_stays_upright_without_it():
    """Orientation 6: the camera stored the picture turned; viewers turn it a quarter right."""
    upload = jpeg_with_extras(size=(30, 10), orientation=6)
    shown = image_reencoded(upload, content_type="image/jpeg")
    with Image.open(io.BytesIO(shown)) as after:
        assert after.size == (10, 30)
        assert 0x0112 not in after.getexif()


@pytest.mark.parametrize("mode", ["P", "LA", "RGBA", "L", "1"])
def test_pngs_of_every_mode_come_out_as_pngs_with_the_same_pixels(mode):
    picture = Image.new("RGBA", (8, 8), (10, 200, 30, 128)).convert(mode)
    out = io.BytesIO()
    picture.save(out, "PNG")
    shown = image_reencoded(out.getvalue(), content_type="image/png")
    with Image.open(io.BytesIO(shown)) as after:
        assert after.format == "PNG"
        assert after.convert("RGBA").tobytes() == picture.convert("RGBA").tobytes()
