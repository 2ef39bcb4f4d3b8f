"""PAdES signing and validation of letters with pyHanko. A pure library: no models.

Signing is invisible (the visible signature block is drawn in the letter's HTML) and PAdES
B-B, or B-T when a time-stamping authority is given. Validation decides on pyHanko's
`bottom_line` (intact, cryptographically valid, trusted, timestamp trusted) and, in addition,
requires the signature to cover the whole file: an issued letter is exactly the signed bytes,
so any incremental update appended after signing makes the file a different document.

Messages a user may see are in Indonesian. `pdf_validate` never raises.
"""

import asyncio
import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from io import BytesIO
from typing import Any, TypeVar

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.signers.pdf_cms import SimpleSigner
from pyhanko.sign.timestamps import DummyTimeStamper, HTTPTimeStamper, TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from autentika.core.formatting import format_date_id

logger = logging.getLogger(__name__)

DEFAULT_FIELD_NAME = "Tanda Tangan Elektronik"
# Hex digits reserved for the CMS container: 8 KiB of DER, enough for an RSA signer, its CA
# and a timestamp token. Reserving it avoids pyHanko's dry-run estimate (about 50 ms instead
# of 94 ms a signature).
BYTES_RESERVED = 16384
MD_ALGORITHM = "sha256"
PDF_HEADER_WINDOW = 1024
T = TypeVar("T")


def _outside_event_loop(func: Callable[[], T]) -> T:
    """pyHanko's synchronous API calls asyncio.run(), which fails inside a running event loop
    (an async view). There, run `func` in a worker thread instead."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return func()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(func).result()


class SigningError(Exception):
    """Signing could not be done. The message is in Indonesian and names what is wrong."""


# --- loading a signer ----------------------------------------------------------------------


def signer_load(
    *, pkcs12_bytes: bytes, passphrase: str, at: dt.datetime | None = None
) -> SimpleSigner:
    """A pyHanko signer from a PKCS#12 (.p12) archive, checked before any signing:
    the passphrase opens it, the certificate is valid at `at` (default: now) and has the
    nonRepudiation key usage. Raises SigningError otherwise."""
    try:
        key, cert, extra_certs = pkcs12.load_key_and_certificates(
            pkcs12_bytes, passphrase.encode() if passphrase else None
        )
    except (ValueError, TypeError) as exc:
        raise SigningError(
            "Frasa sandi kunci tanda tangan salah, atau berkas PKCS#12 (.p12) rusak."
        ) from exc
    if key is None or cert is None:
        raise SigningError(
            "Berkas PKCS#12 (.p12) tidak memuat kunci privat dan sertifikat penanda tangan."
        )
    if key.public_key() != cert.public_key():
        raise SigningError(
            "Kunci privat dalam berkas PKCS#12 (.p12) tidak cocok dengan sertifikat penanda "
            "tangannya."
        )
    certificate_check(cert=cert, at=at)

    key_der = key.private_bytes(
        encoding=serialization.Encoding.DER,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    store = SimpleCertificateStore()
    store.register_multiple(_asn1_certificate(c) for c in extra_certs)
    try:
        signer = SimpleSigner(
            signing_cert=_asn1_certificate(cert),
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=store,
        )
    except Exception as exc:
        raise SigningError("Kunci tanda tangan tidak dapat dimuat dari berkas PKCS#12.") from exc
    return signer


def certificate_check(*, cert: x509.Certificate, at: dt.datetime | None = None) -> None:
    """Raise SigningError when `cert` cannot sign a letter at `at` (default: now)."""
    if at is not None and at.tzinfo is None:
        raise ValueError("Waktu penandatanganan harus memuat zona waktu.")
    moment = at or dt.datetime.now(dt.UTC)
    not_before = cert.not_valid_before_utc
    not_after = cert.not_valid_after_utc
    period = f"{format_date_id(not_before)} sampai {format_date_id(not_after)}"
    if moment < not_before:
        raise SigningError(
            f"Sertifikat penanda tangan belum berlaku: masa berlakunya {period}, "
            f"sedangkan penandatanganan dilakukan {format_date_id(moment)}."
        )
    if moment > not_after:
        raise SigningError(
            f"Sertifikat penanda tangan sudah kedaluwarsa: masa berlakunya {period}, "
            f"sedangkan penandatanganan dilakukan {format_date_id(moment)}."
        )
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is None or not usage.content_commitment:
        raise SigningError(
            "Sertifikat penanda tangan tidak memiliki penggunaan kunci nonRepudiation "
            "(content commitment), sehingga tidak boleh dipakai untuk menandatangani surat."
        )


def _asn1_certificate(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def dummy_timestamper(
    *, tsa_key: Any, tsa_cert: x509.Certificate, at: dt.datetime | None = None
) -> DummyTimeStamper:
    """A time-stamping authority in process, for tests and demos (see pki.tsa_certificate_issue).
    `tsa_key` is a `cryptography` private key."""
    key_der = tsa_key.private_bytes(
        encoding=serialization.Encoding.DER,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    return DummyTimeStamper(
        tsa_cert=_asn1_certificate(tsa_cert),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key_der),
        fixed_dt=at,
    )


# --- signing -------------------------------------------------------------------------------


def pdf_sign(
    *,
    pdf_bytes: bytes,
    signer: signers.Signer,
    reason: str,
    location: str,
    contact: str = "",
    timestamper: TimeStamper | None = None,
    timestamp_url: str = "",
    field_name: str = DEFAULT_FIELD_NAME,
) -> bytes:
    """The PDF with an invisible PAdES signature appended as an incremental update.

    PAdES B-B; B-T when `timestamper` (e.g. DummyTimeStamper) or `timestamp_url` (an RFC 3161
    TSA over HTTP) is given. Any failure raises SigningError.
    """
    if timestamper is None and timestamp_url:
        timestamper = HTTPTimeStamper(timestamp_url, timeout=10)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        reason=reason or None,
        location=location or None,
        contact_info=contact or None,
        md_algorithm=MD_ALGORITHM,
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=False)
    except Exception as exc:
        raise SigningError("Berkas yang akan ditandatangani bukan PDF yang dapat dibaca.") from exc

    def sign() -> bytes:
        try:
            output = signers.sign_pdf(
                writer, meta, signer=signer, timestamper=timestamper, bytes_reserved=BYTES_RESERVED
            )
        except PyHankoSigningError as exc:
            if "larger than expected" not in str(exc):
                raise
            # A long certificate chain or timestamp token: let pyHanko size the container.
            retry = IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=False)
            output = signers.sign_pdf(retry, meta, signer=signer, timestamper=timestamper)
        return bytes(output.getvalue())

    try:
        return _outside_event_loop(sign)
    except TimestampRequestError as exc:
        raise SigningError(
            "Layanan stempel waktu (TSA) tidak dapat dihubungi atau menolak permintaan; "
            "surat belum ditandatangani."
        ) from exc
    except PyHankoSigningError as exc:
        logger.warning("PDF signing refused by pyHanko", exc_info=True)
        if "filled already" in str(exc):
            raise SigningError(
                f'Kolom tanda tangan "{field_name}" pada PDF ini sudah terisi; '
                "dokumen yang sudah ditandatangani tidak ditandatangani ulang."
            ) from exc
        raise SigningError(
            "Penandatanganan PDF gagal: pustaka PAdES menolak dokumen atau kunci ini; "
            "rinciannya dicatat di log server."
        ) from exc
    except Exception as exc:
        logger.exception("PDF signing failed")
        raise SigningError(
            "Penandatanganan PDF gagal karena kesalahan teknis (kunci, sertifikat, berkas PDF "
            "atau layanan stempel waktu); rinciannya dicatat di log server."
        ) from exc


# --- validation ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SignatureReport:
    valid: bool = False
    intact: bool = False
    trusted: bool = False
    signer_name: str = ""
    signer_subject: str = ""
    signing_time: dt.datetime | None = None
    timestamped: bool = False
    sha256: str = ""
    covers_whole_file: bool = False
    error: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["signing_time"] = self.signing_time.isoformat() if self.signing_time else None
        return data


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pdf_validate(
    *,
    pdf_bytes: bytes,
    trust_roots: list[x509.Certificate],
    at: dt.datetime | None = None,
) -> SignatureReport:
    """Check the last signature of a PDF against `trust_roots` (at `at`, default: now).

    valid = pyHanko's bottom_line (intact, cryptographically valid, chain to a trust root,
    key usage, timestamp trusted if present) and the signature covers the whole file.
    Never raises: anything wrong gives valid=False with an Indonesian `error`.
    """
    digest = sha256_hex(pdf_bytes)
    if b"%PDF-" not in pdf_bytes[:PDF_HEADER_WINDOW]:
        return SignatureReport(sha256=digest, error="Berkas ini bukan dokumen PDF.")
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_regular_signatures
    except Exception:
        logger.info("unreadable PDF submitted for validation", exc_info=True)
        return SignatureReport(sha256=digest, error="Berkas PDF rusak atau tidak dapat dibaca.")
    if not signatures:
        return SignatureReport(
            sha256=digest, error="Dokumen PDF ini tidak memuat tanda tangan elektronik."
        )
    embedded = signatures[-1]
    try:
        context = ValidationContext(
            trust_roots=[_asn1_certificate(c) for c in trust_roots],
            moment=at,
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
        status = _outside_event_loop(lambda: validate_pdf_signature(embedded, context))
        return _report(status, digest=digest, has_trust_roots=bool(trust_roots))
    except Exception:
        logger.info("signature validation failed", exc_info=True)
        return SignatureReport(
            sha256=digest,
            error="Tanda tangan elektronik tidak dapat diperiksa: strukturnya rusak atau "
            "formatnya tidak didukung.",
        )


def _report(status: PdfSignatureStatus, *, digest: str, has_trust_roots: bool) -> SignatureReport:
    cert = status.signing_cert
    subject = cert.subject.native
    timestamp = status.timestamp_validity
    signing_time = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
    covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    timestamp_ok = timestamp is None or (timestamp.intact and timestamp.valid and timestamp.trusted)
    valid = bool(status.bottom_line) and covers_whole_file
    return SignatureReport(
        valid=valid,
        intact=bool(status.intact),
        trusted=bool(status.trusted),
        signer_name=str(subject.get("common_name", "")),
        signer_subject=cert.subject.human_friendly,
        signing_time=signing_time,
        timestamped=timestamp is not None,
        sha256=digest,
        covers_whole_file=covers_whole_file,
        error=""
        if valid
        else _error_text(
            status,
            covers_whole_file=covers_whole_file,
            timestamp_ok=timestamp_ok,
            has_trust_roots=has_trust_roots,
        ),
    )


def _error_text(
    status: PdfSignatureStatus,
    *,
    covers_whole_file: bool,
    timestamp_ok: bool,
    has_trust_roots: bool,
) -> str:
    if not status.intact:
        return "Isi dokumen telah berubah setelah ditandatangani: tanda tangan tidak utuh."
    if not status.valid:
        return "Tanda tangan elektronik tidak sah secara kriptografis."
    if not has_trust_roots:
        return "Tidak ada sertifikat akar terpercaya yang dikonfigurasi untuk pemeriksaan."
    if not status.trusted:
        return _trust_problem_text(status)
    if not timestamp_ok:
        return "Stempel waktu pada tanda tangan tidak sah atau tidak dipercaya."
    if not covers_whole_file:
        return (
            "Ada perubahan yang ditambahkan setelah dokumen ditandatangani: tanda tangan "
            "tidak mencakup seluruh berkas."
        )
    return "Tanda tangan elektronik tidak memenuhi kebijakan pemeriksaan dokumen."


_TRUST_PROBLEMS = {
    "NO_CERTIFICATE_CHAIN_FOUND": "tidak diterbitkan oleh otoritas sertifikat yang dipercaya",
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": (
        "tidak diterbitkan oleh otoritas sertifikat yang dipercaya"
    ),
    "EXPIRED": "sudah kedaluwarsa pada waktu pemeriksaan",
    "OUT_OF_BOUNDS_NO_POE": "sudah kedaluwarsa pada waktu pemeriksaan",
    "OUT_OF_BOUNDS_NOT_REVOKED": "sudah kedaluwarsa pada waktu pemeriksaan",
    "NOT_YET_VALID": "belum berlaku pada waktu penandatanganan",
    "REVOKED": "sudah dicabut",
    "REVOKED_NO_POE": "sudah dicabut",
    "REVOKED_CA_NO_POE": "sudah dicabut",
    "SIG_CONSTRAINTS_FAILURE": "penggunaan kuncinya tidak sesuai untuk tanda tangan dokumen",
    "CHAIN_CONSTRAINTS_FAILURE": "rantai sertifikatnya tidak memenuhi batasan yang berlaku",
    "TRY_LATER": "status pencabutannya belum dapat diperiksa",
}


def _trust_problem_text(status: PdfSignatureStatus) -> str:
    usage = status.signing_cert.key_usage_value
    if usage is None or "non_repudiation" not in usage.native:
        return (
            "Sertifikat penanda tangan tidak dapat dipercaya: penggunaan kuncinya tidak "
            "mencakup nonRepudiation, sehingga tidak sah untuk tanda tangan dokumen."
        )
    indication = status.trust_problem_indic
    name = indication.standard_name if indication is not None else ""
    problem = _TRUST_PROBLEMS.get(
        name, "tidak dapat divalidasi terhadap otoritas sertifikat yang dipercaya"
    )
    return f"Sertifikat penanda tangan tidak dapat dipercaya: {problem}."
