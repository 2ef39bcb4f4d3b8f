"""PAdES signing and validation of letters with pyHanko. A pure library: no models.

Signing is invisible (the visible signature block is drawn in the letter's HTML): PAdES B-LTA
for letters (a signature timestamp, the chain's CRL/OCSP responses in the DSS, a document
timestamp), B-B or B-T for the lower-level tests. Validation lives in validation.py.

Messages a user may see are in Indonesian.
"""

import asyncio
import datetime as dt
import hashlib
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from typing import Any, TypeVar

import aiohttp
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.signers.pdf_cms import SimpleSigner
from pyhanko.sign.timestamps import DummyTimeStamper, HTTPTimeStamper, TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import (
    InsufficientRevinfoError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
)
from pyhanko_certvalidator.fetchers.aiohttp_fetchers import AIOHttpFetcherBackend
from pyhanko_certvalidator.registry import SimpleCertificateStore

from autentika.core.formatting import format_date_id
from autentika.signing.loaded_key import LoadedKeySigner

logger = logging.getLogger(__name__)

DEFAULT_FIELD_NAME = "Tanda Tangan Elektronik"
# Hex digits reserved for the CMS container: 8 KiB of DER, enough for an RSA signer, its CA
# and a timestamp token. Reserving it avoids pyHanko's dry-run estimate (about 50 ms instead
# of 94 ms a signature).
BYTES_RESERVED = 16384
MD_ALGORITHM = "sha256"
FETCH_TIME_TOLERANCE = dt.timedelta(minutes=5)
T = TypeVar("T")


def outside_event_loop(func: Callable[[], T]) -> T:
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


WRONG_PASSPHRASE = "Frasa sandi kunci tanda tangan salah, atau berkas PKCS#12 (.p12) rusak."


def signer_load(
    *,
    pkcs12_bytes: bytes,
    passphrase: str,
    at: dt.datetime | None = None,
    wrong_passphrase: str = WRONG_PASSPHRASE,
) -> SimpleSigner:
    """A pyHanko signer from a PKCS#12 (.p12) archive, checked before any signing:
    the passphrase opens it (else SigningError(wrong_passphrase)), the certificate is valid at
    `at` (default: now) and has the nonRepudiation key usage. Raises SigningError otherwise.
    The archive is decrypted once: its key derivation is most of the cost of opening it."""
    try:
        key, cert, extra_certs = pkcs12.load_key_and_certificates(
            pkcs12_bytes, passphrase.encode() if passphrase else None
        )
    except (ValueError, TypeError) as exc:
        raise SigningError(wrong_passphrase) from exc
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
        signer = LoadedKeySigner(
            private_key=key,
            signing_cert=_asn1_certificate(cert),
            signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
            cert_registry=store,
        )
    except Exception as exc:
        raise SigningError("Kunci tanda tangan tidak dapat dimuat dari berkas PKCS#12.") from exc
    return signer


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


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


def fetching_context(
    *,
    session: aiohttp.ClientSession,
    trust_roots: list[x509.Certificate],
    other_certs: list[asn1_x509.Certificate] | None = None,
) -> ValidationContext:
    """A validation context that fetches CRL/OCSP responses (within `session`) and refuses a
    certificate whose revocation status cannot be established."""
    return ValidationContext(
        trust_roots=[_asn1_certificate(c) for c in trust_roots],
        other_certs=other_certs or [],
        allow_fetching=True,
        revocation_mode="hard-fail",
        fetcher_backend=AIOHttpFetcherBackend(session=session, per_request_timeout=10),
        # The context's "now" is fixed when it is made; an OCSP response produced a few seconds
        # later (slow network, clock skew with the CA) must not count as "from the future"
        # and be dropped for an older CRL.
        time_tolerance=FETCH_TIME_TOLERANCE,
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
    trust_roots: list[x509.Certificate] | None = None,
    field_name: str = DEFAULT_FIELD_NAME,
    signer_factory: Callable[[aiohttp.ClientSession], Awaitable[signers.Signer]] | None = None,
) -> bytes:
    """The PDF with an invisible PAdES signature appended as an incremental update.

    PAdES B-B; B-T when `timestamper` (e.g. DummyTimeStamper) or `timestamp_url` (an RFC 3161
    TSA over HTTP) is given; B-LTA when `trust_roots` are given as well: the signer's chain is
    validated at signing time against them, with its revocation data (CRL/OCSP) fetched from
    the addresses in the certificates and embedded (DSS), and a document timestamp closes the
    file. A revoked or unverifiable certificate, or an unreachable service, refuses signing.
    Any failure raises SigningError. A remote signer (CSC) is made by `signer_factory` inside
    the signing's HTTP session (then `signer` is ignored).
    """
    long_term = trust_roots is not None
    if long_term and timestamper is None and not timestamp_url:
        raise SigningError(
            "Layanan stempel waktu (TSA) belum dikonfigurasi (AUTENTIKA_TSA_URL); surat tidak "
            "ditandatangani tanpa waktu tepercaya."
        )
    try:
        IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=False)
    except Exception as exc:
        raise SigningError("Berkas yang akan ditandatangani bukan PDF yang dapat dibaca.") from exc

    async def sign(reserved: int | None) -> bytes:
        async with aiohttp.ClientSession() as session:
            stamper = timestamper
            if stamper is None and timestamp_url:
                stamper = HTTPTimeStamper(timestamp_url, timeout=10, session=session)
            context = (
                fetching_context(session=session, trust_roots=trust_roots or [])
                if long_term
                else None
            )
            meta = signers.PdfSignatureMetadata(
                field_name=field_name,
                reason=reason or None,
                location=location or None,
                contact_info=contact or None,
                md_algorithm=MD_ALGORITHM,
                subfilter=fields.SigSeedSubFilter.PADES,
                embed_validation_info=long_term,
                use_pades_lta=long_term,
                validation_context=context,
            )
            writer = IncrementalPdfFileWriter(BytesIO(pdf_bytes), strict=False)
            chosen = await signer_factory(session) if signer_factory else signer
            pdf_signer = signers.PdfSigner(meta, signer=chosen, timestamper=stamper)
            output = await pdf_signer.async_sign_pdf(writer, bytes_reserved=reserved)
            return bytes(output.getvalue())

    def sign_sized() -> bytes:
        try:
            return asyncio.run(sign(BYTES_RESERVED))
        except PyHankoSigningError as exc:
            if "larger than expected" not in str(exc):
                raise
            # A long certificate chain or timestamp token: let pyHanko size the container.
            return asyncio.run(sign(None))

    try:
        return outside_event_loop(sign_sized)
    except (TimestampRequestError, aiohttp.ClientError, TimeoutError) as exc:
        raise SigningError(
            "Layanan stempel waktu (TSA) tidak dapat dihubungi atau menolak permintaan; "
            "surat belum ditandatangani."
        ) from exc
    except PyHankoSigningError as exc:
        logger.warning("PDF signing refused by pyHanko", exc_info=True)
        if text := certificate_refusal_text(exc):
            raise SigningError(text) from exc
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
        if text := certificate_refusal_text(exc):
            logger.warning("signer certificate refused at signing", exc_info=True)
            raise SigningError(text) from exc
        logger.exception("PDF signing failed")
        raise SigningError(
            "Penandatanganan PDF gagal karena kesalahan teknis (kunci, sertifikat, berkas PDF "
            "atau layanan stempel waktu); rinciannya dicatat di log server."
        ) from exc


def certificate_refusal_text(exc: BaseException) -> str:
    """Why the signer's certificate was refused by the validation done at signing time, in
    Indonesian, or "" when `exc` is no such refusal."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    if any(isinstance(e, RevokedError) for e in chain):
        return (
            "Sertifikat penanda tangan telah dicabut oleh penerbitnya; surat tidak "
            "ditandatangani. Hubungi penerbit sertifikat untuk kunci yang baru."
        )
    if any(isinstance(e, InsufficientRevinfoError) for e in chain):
        return (
            "Status pencabutan sertifikat penanda tangan tidak dapat diperiksa: layanan "
            "CRL/OCSP penerbitnya tidak dapat dihubungi. Surat belum ditandatangani; coba lagi "
            "nanti."
        )
    if any(isinstance(e, PathBuildingError | PathValidationError) for e in chain):
        return (
            "Sertifikat penanda tangan tidak diterbitkan oleh otoritas sertifikat yang "
            "dipercaya (AUTENTIKA_TRUST_ROOTS); surat tidak ditandatangani."
        )
    return ""
