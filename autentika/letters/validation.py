"""Validation of a signed letter as an archive would do it. A pure library: no models.

A letter is PAdES B-LTA: one signature with an RFC 3161 timestamp, the revocation data of its
chain in the document security store (DSS) and a document timestamp. It is judged with
pyHanko's AdES long-term validation using only what the file carries (no network): at its
trusted signing time, so a certificate that expired after signing does not matter and one
revoked before signing does. Files without a document timestamp (older B-B/B-T letters) get
the basic check at the validation time.

The letter's identity is its signed revision (the bytes the signature covers, SHA-256): later
long-term-validation updates (DSS, document timestamps) keep it the same letter; any other
incremental change makes it a changed file. `pdf_validate` never raises.
"""

import asyncio
import datetime as dt
import logging
from dataclasses import asdict, dataclass, field
from io import BytesIO
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESPassed
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.ades import (
    ades_lta_validation,
    simulate_future_ades_lta_validation,
)
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager

from autentika.core.formatting import format_datetime_id

from .signing import outside_event_loop, sha256_hex
from .validation_text import Check, checks_for, error_for

logger = logging.getLogger(__name__)

PDF_HEADER_WINDOW = 1024


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
    error: str = ""
    checks: tuple[Check, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["signing_time"] = self.signing_time.isoformat() if self.signing_time else None
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


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _lta_spec(trust_roots: list[x509.Certificate]) -> PdfSignatureValidationSpec:
    """Revocation data required, for the whole chain, from the file only."""
    return PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=CertValidationPolicySpec(
                trust_manager=SimpleTrustManager.build(trust_roots=[_asn1(c) for c in trust_roots]),
                revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
            ),
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
        )
    )


async def _lta_validate(
    embedded: EmbeddedPdfSignature, trust_roots: list[x509.Certificate], at: dt.datetime | None
) -> Any:
    spec = _lta_spec(trust_roots)
    now = dt.datetime.now(dt.UTC)
    if at is not None and at > now:
        return await simulate_future_ades_lta_validation(
            embedded, spec, future_validation_time=at, current_reference_time=now
        )
    timing = None
    if at is not None:
        timing = ValidationTimingInfo(
            validation_time=at, best_signature_time=at, point_in_time_validation=True
        )
    return await ades_lta_validation(embedded, spec, timing_info=timing)


def pdf_validate(
    *,
    pdf_bytes: bytes,
    trust_roots: list[x509.Certificate],
    at: dt.datetime | None = None,
) -> SignatureReport:
    """Judge the letter's signature (the first in the file) against `trust_roots`, at `at`
    (default: now; a later moment simulates a future check of a maintained archive).

    valid = the signed revision is intact and cryptographically valid, every later revision
    only adds long-term validation data, and: for a B-LTA file, AdES LTA validation from the
    embedded data passes (signer trusted at the trusted signing time, not revoked then, the
    timestamps valid); for an older file, pyHanko's basic bottom line at `at`.
    Never raises: anything wrong gives valid=False with an Indonesian `error`.
    """
    digest = sha256_hex(pdf_bytes)
    if b"%PDF-" not in pdf_bytes[:PDF_HEADER_WINDOW]:
        return SignatureReport(sha256=digest, error="Berkas ini bukan dokumen PDF.")
    try:
        reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
        signatures = reader.embedded_regular_signatures
        has_doc_timestamp = bool(reader.embedded_timestamp_signatures)
    except Exception:
        logger.info("unreadable PDF submitted for validation", exc_info=True)
        return SignatureReport(sha256=digest, error="Berkas PDF rusak atau tidak dapat dibaca.")
    if not signatures:
        return SignatureReport(
            sha256=digest, error="Dokumen PDF ini tidak memuat tanda tangan elektronik."
        )
    embedded = signatures[0]
    try:
        revision = sha256_hex(signed_revision_bytes(embedded, pdf_bytes))
        context = ValidationContext(
            trust_roots=[_asn1(c) for c in trust_roots],
            moment=at,
            allow_fetching=False,
            revocation_mode="soft-fail",
        )
        status = _run(lambda: validate_pdf_signature(embedded, context))
        lta = None
        if has_doc_timestamp and trust_roots:
            lta = _run(lambda: asyncio.run(_lta_validate(embedded, trust_roots, at)))
        return _report(
            status, lta, digest=digest, revision=revision, has_trust_roots=bool(trust_roots)
        )
    except Exception:
        logger.info("signature validation failed", exc_info=True)
        return SignatureReport(
            sha256=digest,
            error="Tanda tangan elektronik tidak dapat diperiksa: strukturnya rusak atau "
            "formatnya tidak didukung.",
        )


def _run(func: Any) -> Any:
    return outside_event_loop(func)


def _report(
    status: PdfSignatureStatus,
    lta: Any,
    *,
    digest: str,
    revision: str,
    has_trust_roots: bool,
) -> SignatureReport:
    cert = status.signing_cert
    timestamp = status.timestamp_validity
    signing_time = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
    covers_whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    level = status.modification_level
    only_long_term_updates = covers_whole_file or (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and level is not None
        and level <= ModificationLevel.LTA_UPDATES
        and bool(status.docmdp_ok)
    )
    lta_ok = lta is not None and lta.ades_subindic == AdESPassed.OK
    if lta is not None:
        crypto_ok = bool(status.intact) and bool(status.valid)
        valid = crypto_ok and only_long_term_updates and lta_ok
    else:
        valid = bool(status.bottom_line) and only_long_term_updates
    facts = {
        "status": status,
        "lta": lta,
        "lta_ok": lta_ok,
        "only_long_term_updates": only_long_term_updates,
        "has_trust_roots": has_trust_roots,
        "signing_time": format_datetime_id(signing_time) if signing_time else "",
    }
    return SignatureReport(
        valid=valid,
        intact=bool(status.intact),
        trusted=lta_ok if lta is not None else bool(status.trusted),
        signer_name=str(cert.subject.native.get("common_name", "")),
        signer_subject=cert.subject.human_friendly,
        signing_time=signing_time,
        timestamped=timestamp is not None,
        long_term=lta_ok,
        sha256=digest,
        signed_revision_sha256=revision,
        covers_whole_file=covers_whole_file,
        only_long_term_updates=only_long_term_updates,
        error="" if valid else error_for(facts),
        checks=checks_for(facts),
    )
