"""Validation of a signed letter as an archive would do it. A pure library: no models.

A letter is PAdES B-LTA: one signature with an RFC 3161 timestamp, the revocation data of its
chain in the document security store (DSS) and a chain of document timestamps. It is judged in
one pass of pyHanko's AdES long-term validation (ETSI EN 319 102-1), from what the file carries
(no network), at the real time of the check (validation_policy.py says what is trusted): the
document timestamps prove the signature and its revocation data existed, so a signer
certificate that expired after signing does not matter and one revoked before signing does.
Files without a document timestamp (older B-B/B-T letters) get the basic check.

The letter's identity is its signed revision (the bytes the signature covers, SHA-256): later
long-term-validation updates (DSS, document timestamps) keep it the same letter. Document
timestamps of TSAs that are no anchor, appended after the letter's last trusted one, are named
as later additions and the letter is judged without them; any other incremental change makes it
a changed file. `pdf_validate` never raises.
"""

import asyncio
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from io import BytesIO
from typing import Any

from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESPassed
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, DiffResult, ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from autentika.core.formatting import format_datetime_id

from .pades import outside_event_loop, sha256_hex
from .validation_policy import (
    asn1_certificate,
    fingerprints,
    validation_spec,
    validation_timing,
)
from .validation_text import Check, checks_for, error_for

logger = logging.getLogger(__name__)

PDF_HEADER_WINDOW = 1024
UNKNOWN_TSA = "stempel waktu dari pihak yang tidak dikenal"


@dataclass(frozen=True)
class SignatureReport:
    valid: bool = False
    intact: bool = False
    trusted: bool = False
    signer_name: str = ""
    signer_subject: str = ""
    signing_time: dt.datetime | None = None
    timestamped: bool = False
    long_term: bool = False
    sha256: str = ""
    # SHA-256 of the signed revision: what the signature covers, the letter's identity.
    signed_revision_sha256: str = ""
    covers_whole_file: bool = False
    only_long_term_updates: bool = False
    # Genuine and unchanged, but the certificate of its last document timestamp has expired:
    # a copy with a newer one (letters_maintain) verifies, this one no longer proves itself.
    needs_renewal: bool = False
    # What someone appended after the letter's last trusted document timestamp (Indonesian).
    later_additions: tuple[str, ...] = ()
    # The TSA whose document timestamp carries the letter, and until when (the verdict's basis).
    archive_tsa: str = ""
    archive_valid_until: dt.datetime | None = None
    error: str = ""
    checks: tuple[Check, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("signing_time", "archive_valid_until"):
            data[key] = data[key].isoformat() if data[key] else None
        data["later_additions"] = list(self.later_additions)
        return data


def signed_revision_bytes(embedded: EmbeddedPdfSignature, pdf_bytes: bytes) -> bytes:
    """The bytes of the revision a signature covers: the file up to the end of its byte range."""
    byte_range = embedded.sig_object["/ByteRange"]
    return pdf_bytes[: int(byte_range[2]) + int(byte_range[3])]


def signed_revision_sha256(pdf_bytes: bytes) -> str:
    """SHA-256 of the revision the file's first signature covers ("" when there is none)."""
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_regular_signatures
    except Exception:
        return ""
    return sha256_hex(signed_revision_bytes(signatures[0], pdf_bytes)) if signatures else ""


def pdf_validate(
    *,
    pdf_bytes: bytes,
    trust_roots: Sequence[x509.Certificate],
    tsa_anchors: Sequence[x509.Certificate] = (),
    at: dt.datetime | None = None,
) -> SignatureReport:
    """Judge the letter's signature (the first in the file) against `trust_roots` and the TSA
    anchors `tsa_anchors`, at `at` (default: now; the tests move it years ahead).

    valid = the signed revision is intact and cryptographically valid, every later revision
    only adds long-term validation data, and: for a B-LTA file, AdES LTA validation from the
    embedded data passes (signer trusted at the proven signing time, not revoked then, the
    timestamps valid) and its last trusted document timestamp has not expired; for an older
    file, pyHanko's basic bottom line at `at`.
    Never raises: anything wrong gives valid=False with an Indonesian `error`.
    """
    digest = sha256_hex(pdf_bytes)
    if b"%PDF-" not in pdf_bytes[:PDF_HEADER_WINDOW]:
        return SignatureReport(sha256=digest, error="Berkas ini bukan dokumen PDF.")
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_regular_signatures
        stamps = reader.embedded_timestamp_signatures
    except Exception as error:
        logger.info("unreadable PDF submitted for validation: %r", error)
        return SignatureReport(sha256=digest, error="Berkas PDF rusak atau tidak dapat dibaca.")
    if not signatures:
        return SignatureReport(
            sha256=digest, error="Dokumen PDF ini tidak memuat tanda tangan elektronik."
        )
    embedded = signatures[0]
    moment = at or dt.datetime.now(dt.UTC)
    try:
        revision = sha256_hex(signed_revision_bytes(embedded, pdf_bytes))
        if stamps and trust_roots:
            return _long_term_report(
                pdf_bytes=pdf_bytes,
                embedded=embedded,
                stamps=stamps,
                trust_roots=trust_roots,
                tsa_anchors=tsa_anchors,
                moment=moment,
                digest=digest,
                revision=revision,
            )
        status = _basic_status(embedded, trust_roots, at)
        return _report(
            status, None, digest=digest, revision=revision, has_trust_roots=bool(trust_roots)
        )
    except Exception as error:
        logger.info("signature validation failed: %r", error)
        return SignatureReport(
            sha256=digest,
            error="Tanda tangan elektronik tidak dapat diperiksa: strukturnya rusak atau "
            "formatnya tidak didukung.",
        )


def _basic_status(
    embedded: EmbeddedPdfSignature,
    trust_roots: Sequence[x509.Certificate],
    at: dt.datetime | None,
) -> PdfSignatureStatus:
    context = ValidationContext(
        trust_roots=[asn1_certificate(c) for c in trust_roots],
        moment=at,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    status: PdfSignatureStatus = outside_event_loop(
        lambda: validate_pdf_signature(embedded, context)
    )
    return status


def _long_term_report(
    *,
    pdf_bytes: bytes,
    embedded: EmbeddedPdfSignature,
    stamps: list[EmbeddedPdfSignature],
    trust_roots: Sequence[x509.Certificate],
    tsa_anchors: Sequence[x509.Certificate],
    moment: dt.datetime,
    digest: str,
    revision: str,
) -> SignatureReport:
    """One AdES LTA pass over the letter up to its last document timestamp of a trusted TSA;
    what follows it is a later addition when it only adds validation data."""
    anchored = fingerprints(tsa_anchors)
    ours = [i for i, stamp in enumerate(stamps) if stamp.signer_cert.sha256 in anchored]
    judged, whole_file_ok = embedded, True
    additions: tuple[str, ...] = ()
    if ours and ours[-1] < len(stamps) - 1:
        # Timestamps of TSAs that are no anchor follow the letter's last trusted one: judge the
        # letter as it was then; they are named, and must add nothing but validation data.
        additions = _additions(stamps[ours[-1] + 1 :])
        whole_file_ok = _only_validation_data_after(embedded)
        prefix = signed_revision_bytes(stamps[ours[-1]], pdf_bytes)
        judged = PdfFileReader(BytesIO(prefix), strict=False).embedded_regular_signatures[0]
    spec = validation_spec(trust_roots=trust_roots, tsa_anchors=tsa_anchors)
    lta = outside_event_loop(
        lambda: asyncio.run(
            ades_lta_validation(judged, spec, timing_info=validation_timing(moment))
        )
    )
    status = lta.api_status or _basic_status(judged, trust_roots, moment)
    report = _report(
        status,
        lta,
        digest=digest,
        revision=revision,
        has_trust_roots=True,
        whole_file_ok=whole_file_ok,
        archive=stamps[ours[-1]] if ours else stamps[-1],
        moment=moment,
    )
    return _with_additions(report, additions)


def _additions(later: list[EmbeddedPdfSignature]) -> tuple[str, ...]:
    return tuple(
        f"{UNKNOWN_TSA} ({stamp.signer_cert.subject.native.get('common_name', '?')})"
        for stamp in later
    )


def _with_additions(report: SignatureReport, additions: tuple[str, ...]) -> SignatureReport:
    return replace(report, later_additions=additions) if additions else report


def _only_validation_data_after(embedded: EmbeddedPdfSignature) -> bool:
    """Does everything after the letter's signed revision only add validation data (DSS,
    document timestamps), in the whole file?"""
    embedded.compute_integrity_info(DEFAULT_DIFF_POLICY)
    diff = embedded.diff_result
    level = diff.modification_level if isinstance(diff, DiffResult) else ModificationLevel.OTHER
    return embedded.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
        embedded.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and level <= ModificationLevel.LTA_UPDATES
    )


def _report(
    status: PdfSignatureStatus,
    lta: Any,
    *,
    digest: str,
    revision: str,
    has_trust_roots: bool,
    whole_file_ok: bool = True,
    archive: EmbeddedPdfSignature | None = None,
    moment: dt.datetime | None = None,
) -> SignatureReport:
    cert = status.signing_cert
    timestamp = status.timestamp_validity
    signing_time = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
    covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    level = status.modification_level
    only_long_term_updates = whole_file_ok and (
        covers_whole_file
        or (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and level is not None
            and level <= ModificationLevel.LTA_UPDATES
            and bool(status.docmdp_ok)
        )
    )
    lta_ok = lta is not None and lta.ades_subindic == AdESPassed.OK
    archive_tsa, valid_until = "", None
    if archive is not None:
        archive_tsa = str(archive.signer_cert.subject.native.get("common_name", ""))
        valid_until = archive.signer_cert.not_valid_after
    needs_renewal = bool(lta_ok and valid_until and moment and valid_until < moment)
    if lta is not None:
        crypto_ok = bool(status.intact) and bool(status.valid)
        valid = crypto_ok and only_long_term_updates and lta_ok and not needs_renewal
    else:
        valid = bool(status.bottom_line) and only_long_term_updates
    facts = {
        "status": status,
        "lta": lta,
        "lta_ok": lta_ok,
        "only_long_term_updates": only_long_term_updates,
        "has_trust_roots": has_trust_roots,
        "signing_time": format_datetime_id(signing_time) if signing_time else "",
        "needs_renewal": needs_renewal,
        "archive_tsa": archive_tsa,
        "archive_valid_until": format_datetime_id(valid_until) if valid_until else "",
    }
    return SignatureReport(
        valid=valid,
        intact=bool(status.intact),
        trusted=lta_ok if lta is not None else bool(status.trusted),
        signer_name=str(cert.subject.native.get("common_name", "")),
        signer_subject=cert.subject.human_friendly,
        signing_time=signing_time,
        timestamped=timestamp is not None,
        long_term=lta_ok and not needs_renewal,
        sha256=digest,
        signed_revision_sha256=revision,
        covers_whole_file=covers_whole_file,
        only_long_term_updates=only_long_term_updates,
        needs_renewal=needs_renewal,
        archive_tsa=archive_tsa if lta is not None else "",
        archive_valid_until=valid_until if lta is not None else None,
        error="" if valid else error_for(facts),
        checks=checks_for(facts),
    )
