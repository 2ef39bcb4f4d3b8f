"""Uploaded files: the type is decided from the content, never from the name."""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from autentika.core.formatting import format_size_id
from autentika.core.upload_content import MAX_PDF_PAGES, image_check, pdf_check

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# What a scan input offers in the browser's file chooser (the content decides, not the name).
UPLOAD_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


def upload_limits_text(
    *,
    types: str = "PDF, JPG atau PNG",
    max_bytes: int = MAX_UPLOAD_BYTES,
    count: int = 1,
    pdf_rules: bool = True,
) -> str:
    """What a file input says about its limits before a file is chosen: accepted types, the
    largest size and how many files (upload_content.py enforces the rest)."""
    how_many = "satu berkas" if count == 1 else f"paling banyak {count} berkas"
    text = f"{types}, paling besar {max_bytes // 1048576} MB per berkas, {how_many}."
    if pdf_rules:
        text += f" PDF paling banyak {MAX_PDF_PAGES} halaman, tanpa kata sandi."
    return text


UPLOAD_LIMITS_TEXT = upload_limits_text()

_SIGNATURES = (
    (b"%PDF-", "application/pdf", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "PNG"),
    (b"\xff\xd8\xff", "image/jpeg", "JPG"),
)


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def sniff_content_type(content: bytes) -> str | None:
    head = content[:1024]
    for magic, content_type, _ in _SIGNATURES:
        # PDF readers accept the header anywhere in the first kilobyte; images must start with it.
        if head.startswith(magic) or (magic == b"%PDF-" and magic in head):
            return content_type
    return None


def upload_check(upload: Upload, *, label: str, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """Return the real content type of an accepted PDF, PNG or JPG, or refuse it clearly.

    The file is opened as what its bytes claim (core/upload_content.py), not only sniffed."""
    if not upload.content:
        raise ValidationError(f"{label} ({upload.name}) kosong.")
    if len(upload.content) > max_bytes:
        raise ValidationError(
            f"{label} ({upload.name}) berukuran {format_size_id(len(upload.content))}; "
            f"batasnya {max_bytes // 1048576} MB."
        )
    content_type = sniff_content_type(upload.content)
    if content_type is None:
        claimed = upload.name.rsplit(".", 1)[-1].upper() if "." in upload.name else "tanpa ekstensi"
        raise ValidationError(
            f"{label} ({upload.name}) bukan berkas PDF, JPG, atau PNG yang sah "
            f"(isi berkas tidak sesuai dengan jenis {claimed})."
        )
    if content_type == "application/pdf":
        pdf_check(upload.content, label=label, name=upload.name)
    else:
        image_check(upload.content, label=label, name=upload.name)
    return content_type
