"""A download is saved under a name made from the record and the type its bytes were found to
be: lower-case ASCII letters, digits and hyphens, then the type's own extension. Nothing of an
uploader's name decides the extension."""

import pytest

from autentika.core.downloads import download_name


@pytest.mark.parametrize(
    ("name", "content_type", "saved_as"),
    [
        (
            "Surat permohonan-agenda-12-2026-7",
            "application/pdf",
            "surat-permohonan-agenda-12-2026-7.pdf",
        ),
        ("suratfdp.exe", "application/pdf", "suratfdp.pdf"),
        ("surat\u202efdp.exe", "application/pdf", "suratfdp.pdf"),
        ("foto.pdf", "image/png", "foto.png"),
        ("pindaian", "image/jpeg", "pindaian.jpg"),
        ("Lampiran Ümraniye (1)", "image/png", "lampiran-umraniye-1.png"),
        ("\u202e\u2066", "application/pdf", "berkas.pdf"),
        ("data", "text/html", "data.bin"),
    ],
)
def test_the_name_comes_from_the_record_and_the_content_type(name, content_type, saved_as):
    assert download_name(name, content_type=content_type) == saved_as
