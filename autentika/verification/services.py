"""What the public may learn about a letter, and the verdict on a file someone holds.

Only what the letter itself prints is shown: number, date, office, party, subject, the
signer's position and name, the signing time, the SHA-256 of the signed file and the data
table. No employee number, no request details, nothing about the party's officers.
"""

import functools
import hashlib
import re
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from autentika.letters import verdict
from autentika.letters.models import SignedLetter
from autentika.letters.verdict import letter_public_status
from autentika.signing.validation import PDF_HEADER_WINDOW, SignatureReport
from autentika.verification.report_cache import report_for

MAX_VERIFY_BYTES = 10 * 1024 * 1024
TOKEN_MAX_LENGTH = 100
# secrets.token_urlsafe: URL-safe base64. Anything else is no token (and never reaches the
# database: PostgreSQL refuses NUL bytes in text).
TOKEN_SHAPE = re.compile(rf"[A-Za-z0-9_-]{{1,{TOKEN_MAX_LENGTH}}}")
# The end of a PDF revision, as a signature's byte range ends it (with or without its EOL).
REVISION_END = re.compile(rb"%%EOF(?:\r\n|\r|\n)?")
REVISIONS_LOOKED_AT = 32


class Status:
    VALID = verdict.VALID
    SPECIMEN = verdict.SPECIMEN
    REVOKED = verdict.REVOKED
    REPLACED = verdict.REPLACED
    CERTIFICATE_REVOKED = verdict.CERTIFICATE_REVOKED
    NOT_FOUND = "not_found"
    MISMATCH = "mismatch"
    INVALID = "invalid"
    NOT_PDF = "not_pdf"
    TOO_LARGE = "too_large"
    NEEDS_RENEWAL = "needs_renewal"


HEADLINES = {
    Status.VALID: "Surat ini sah dan berlaku",
    Status.SPECIMEN: "SPESIMEN: bukan surat yang sah",
    Status.REVOKED: "Surat ini telah dicabut",
    Status.REPLACED: "Surat ini telah diganti",
    Status.CERTIFICATE_REVOKED: "Tanda tangan surat ini tidak sah",
    Status.NOT_FOUND: "Surat tidak ditemukan",
    Status.MISMATCH: "Berkas ini bukan surat yang sama",
    Status.INVALID: "Berkas ini tidak asli atau telah diubah",
    Status.NOT_PDF: "Berkas ini bukan PDF",
    Status.TOO_LARGE: "Berkas terlalu besar",
    Status.NEEDS_RENEWAL: "Surat asli, tetapi berkas ini perlu diperbarui",
}


# What the QR page's cache key is made of (verification/page_cache.py): all that can change
STATE_FIELDS = (
    "id",
    "sha256",
    "status",
    "is_specimen",
    "revoked_at",
    "certificate_revoked_at",
    "certificate_revocation_reason",
    "signature_timestamp_at",
    "revocation_reason",
    "replaced_by",
)


@functools.cache
def _by_token_sql(state_only: bool) -> str:
    """The letter's row (all but its PDF and text, or only STATE_FIELDS) with the letters it
    replaces counted, as one raw statement: the QR page is the busiest public page, and
    compiling the equivalent ORM query cost more than running it."""
    quote = connection.ops.quote_name
    table = quote(SignedLetter._meta.db_table)
    columns = ", ".join(
        f"t.{quote(str(f.column))}"
        for f in SignedLetter._meta.concrete_fields
        if (f.name in STATE_FIELDS if state_only else f.name not in ("pdf", "text"))
    )
    replacing = f"FROM {table} r WHERE r.{quote('replaced_by_id')} = t.{quote('id')}"
    return (
        f"SELECT {columns}, (SELECT COUNT(*) {replacing}) AS replaces_count, "
        f"(SELECT MAX(r.{quote('id')}) {replacing}) AS replaces_newest "
        f"FROM {table} t WHERE t.{quote('verification_token')} = %s"
    )


def letter_by_token(token: str, *, state_only: bool = False) -> SignedLetter | None:
    """The letter's own row (no joins, no PDF, no text: `letter_public_facts` keeps what the
    letter states; docs/BENCHMARKS.md "serving"). `state_only`: only what can change about
    it (STATE_FIELDS), the rest deferred."""
    if not token or not TOKEN_SHAPE.fullmatch(token):
        return None
    return next(iter(SignedLetter.objects.raw(_by_token_sql(state_only), [token])), None)


# The plain explanation of each verdict on a letter found by its token.
EXPLANATIONS = {
    Status.REVOKED: "Surat ini pernah diterbitkan dan ditandatangani, tetapi sudah dicabut dan "
    "tidak boleh dipakai lagi.",
    Status.REPLACED: "Surat ini pernah diterbitkan, tetapi sudah diganti dengan surat yang lebih "
    "baru. Pakailah surat penggantinya.",
    Status.CERTIFICATE_REVOKED: "Penerbit sertifikat penanda tangan menyatakan sertifikat itu "
    "sudah dicabut sebelum waktu penandatanganan yang dibuktikan stempel waktu surat ini. Surat "
    "ini tidak boleh dipakai; hubungi kantor penerbitnya.",
    Status.SPECIMEN: "Surat ini dibuat dalam mode latihan dari data yang tidak resmi (sampel "
    "atau hasil sementara). Surat ini tidak sah dan tidak boleh dipakai untuk keperluan apa pun.",
    Status.VALID: "Surat ini tercatat, ditandatangani secara elektronik dan masih berlaku.",
}


def letter_status_text(letter: SignedLetter) -> tuple[str, str]:
    """The status headline and its plain explanation, for a letter found by its token; the
    verdict itself is `letters.verdict.letter_public_status`, the one place it is decided."""
    status = letter_public_status(letter)
    return HEADLINES[status], EXPLANATIONS[status]


@dataclass(frozen=True)
class Verdict:
    status: str
    headline: str
    explanation: str
    letter: SignedLetter | None = None
    report: SignatureReport | None = None
    sha256: str = ""
    details: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.status == Status.VALID

    @property
    def is_miss(self) -> bool:
        """Counts towards the rate limit: a file that matches no letter here."""
        return self.status in (Status.MISMATCH, Status.INVALID, Status.NOT_FOUND)


def _additions_line(report: SignatureReport) -> list[str]:
    if not report.later_additions:
        return []
    return [
        "Surat asli; ada tambahan setelah penandatanganan ("
        + "; ".join(report.later_additions)
        + "). Tambahan itu tidak mengubah isi surat dan tidak ikut dinilai."
    ]


def _for_recorded(letter: SignedLetter, report: SignatureReport) -> Verdict:
    if report.needs_renewal:
        return Verdict(
            Status.NEEDS_RENEWAL,
            HEADLINES[Status.NEEDS_RENEWAL],
            "Berkas ini sama dengan surat yang tercatat dan isinya utuh, tetapi stempel waktu "
            "arsip terakhirnya sudah kedaluwarsa, sehingga berkas ini tidak lagi dapat "
            "membuktikan keasliannya sendiri. Mintalah salinan terbaru kepada kantor penerbit "
            "atau unduh lagi dari portal partai: salinan arsip kantor diperbarui secara berkala "
            "(tombol pemeriksaan berkas arsip di halaman ini menunjukkan keadaannya).",
            letter=letter,
            report=report,
            sha256=report.sha256,
            details=[report.error],
        )
    if not report.valid:
        return Verdict(
            Status.INVALID,
            HEADLINES[Status.INVALID],
            "Berkas ini sama dengan surat yang tercatat, tetapi tanda tangan elektroniknya "
            f"tidak dapat dipercaya: {report.error}",
            letter=letter,
            report=report,
            sha256=report.sha256,
        )
    status = letter_public_status(letter)
    headline, explanation = letter_status_text(letter)
    prefix = (
        "Berkas Anda sama persis dengan surat yang tercatat dan tanda tangan elektroniknya utuh. "
    )
    return Verdict(
        status,
        headline,
        prefix + explanation,
        letter=letter,
        report=report,
        sha256=report.sha256,
        details=_additions_line(report),
    )


def verdict_too_large() -> Verdict:
    return Verdict(
        Status.TOO_LARGE,
        HEADLINES[Status.TOO_LARGE],
        f"Berkas yang diperiksa paling besar {MAX_VERIFY_BYTES // 1048576} MB. Surat "
        "keterangan biasanya kurang dari 1 MB.",
    )


def archive_verify(*, letter: SignedLetter) -> Verdict:
    """The same verdict as an upload, on the office's own stored copy of the letter (kept
    verifiable by `letters_maintain`)."""
    pdf = SignedLetter.objects.values_list("pdf", flat=True).get(pk=letter.pk)
    return file_verify(content=bytes(pdf), letter=letter)


def file_verify(*, content: bytes, letter: SignedLetter | None = None) -> Verdict:
    """Compare a file with the record (by SHA-256) and validate its signature.

    With `letter` (the letter named by a token): is this file that letter? Without: which
    recorded letter is it, if any? Never raises.
    """
    if len(content) > MAX_VERIFY_BYTES:
        return verdict_too_large()
    if not content or b"%PDF-" not in content[:PDF_HEADER_WINDOW]:
        return Verdict(
            Status.NOT_PDF,
            HEADLINES[Status.NOT_PDF],
            "Yang dapat diperiksa hanya berkas PDF surat yang Anda terima (bukan foto atau "
            "hasil pindaian).",
        )
    report = report_for(content=content)
    # The same letter: byte for byte, or its signed revision with only long-term-validation
    # updates (DSS, document timestamps) appended later.
    same = Q(sha256=report.sha256)
    if report.signed_revision_sha256 and report.only_long_term_updates:
        same |= Q(signed_revision_sha256=report.signed_revision_sha256)
    # the row alone: what the letter states comes from verification/facts.py
    recorded = SignedLetter.objects.defer("pdf", "text").filter(same).first()
    if recorded is not None and (letter is None or recorded.pk == letter.pk):
        return _for_recorded(recorded, report)
    if recorded is not None:
        assert letter is not None
        return Verdict(
            Status.MISMATCH,
            HEADLINES[Status.MISMATCH],
            f"Berkas Anda adalah surat lain yang tercatat (Nomor {recorded.number}), bukan surat "
            f"Nomor {letter.number} yang sedang diperiksa.",
            letter=letter,
            report=report,
            sha256=report.sha256,
        )
    if report.valid:
        where = f"surat Nomor {letter.number}" if letter else "surat mana pun yang tercatat di sini"
        return Verdict(
            Status.MISMATCH if letter else Status.NOT_FOUND,
            HEADLINES[Status.MISMATCH] if letter else HEADLINES[Status.NOT_FOUND],
            "Tanda tangan elektronik pada berkas ini sah, tetapi isinya tidak sama dengan "
            f"{where}. Jangan memakai berkas ini sebagai bukti.",
            letter=letter,
            report=report,
            sha256=report.sha256,
        )
    return Verdict(
        Status.INVALID,
        HEADLINES[Status.INVALID],
        "Isi berkas ini tidak sama dengan surat yang tercatat, dan tanda tangan elektroniknya "
        "tidak sah. Kemungkinan berkas telah diubah atau bukan dokumen asli.",
        letter=letter,
        report=report,
        sha256=report.sha256,
        details=[report.error] if report.error else [],
    )


def file_is_recorded(*, content: bytes) -> bool:
    """Is this file a recorded letter: byte for byte, or beginning with a recorded letter's
    signed revision (updates appended later)? Cheap, for a client throttled for misses: the
    SHA-256 of the file and of the file up to each of its first `REVISIONS_LOOKED_AT`
    revision ends, one query, no PDF parsed. What the file then is, `file_verify` decides."""
    if not content or len(content) > MAX_VERIFY_BYTES:
        return False
    prefixes: list[str] = []
    digest, done = hashlib.sha256(), 0
    for match in REVISION_END.finditer(content):
        for end in dict.fromkeys((match.start() + len(b"%%EOF"), match.end())):
            digest.update(content[done:end])
            done = end
            prefixes.append(digest.copy().hexdigest())
        if len(prefixes) >= 2 * REVISIONS_LOOKED_AT:
            break
    whole = hashlib.sha256(content).hexdigest()
    same = Q(sha256=whole) | Q(signed_revision_sha256__in=prefixes)
    return SignedLetter.objects.filter(same).exists()
