"""Is the signer's certificate of an issued letter revoked now, since when and why? ETSI EN
319 102-1 judges it against the letter's proven signing time (its signature timestamp): a
certificate revoked after it leaves the signature valid (the public page says so, with the
basis); one revoked before it, whatever the CA's reason (key compromise backdated, for one),
means the letter was signed with a revoked certificate (letters/verdict.py). A certificate taken
off hold reads as not revoked again.

The check asks the CA's CRL/OCSP services named in the certificate (network), so it runs in the
background (`manage.py letters_maintain`, the task `letters.tasks.letters_maintain`), never
while someone waits for the public page. The finding is stored on the letter.
"""

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass
from io import BytesIO

import aiohttp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko_certvalidator import CertificateValidator
from pyhanko_certvalidator.errors import ExpiredError, PathValidationError, RevokedError

from .pades import fetching_context, outside_event_loop

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CertificateFinding:
    checked: bool  # False: the services could not answer; try again later
    revoked_at: dt.datetime | None = None
    reason: str = ""  # RFC 5280 CRLReason name, e.g. "key_compromise"


def proven_signing_time(pdf: bytes) -> dt.datetime | None:
    """The time the signature's RFC 3161 timestamp proves (None: no signature timestamp)."""
    embedded = PdfFileReader(BytesIO(pdf), strict=False).embedded_regular_signatures[0]
    unsigned = embedded.signer_info["unsigned_attrs"]
    if unsigned.native is None:
        return None
    for attribute in unsigned:
        if attribute["type"].native == "signature_time_stamp_token":
            token = attribute["values"][0]["content"]
            info = token["encap_content_info"]["content"].parsed
            gen_time: dt.datetime = info["gen_time"].native
            return gen_time
    return None


def _signer_and_chain(pdf: bytes) -> tuple[asn1_x509.Certificate, list[asn1_x509.Certificate]]:
    embedded = PdfFileReader(BytesIO(pdf), strict=False).embedded_regular_signatures[0]
    return embedded.signer_cert, list(embedded.other_embedded_certs)


async def _check(pdf: bytes, trust_roots: list[x509.Certificate]) -> CertificateFinding:
    cert, chain = _signer_and_chain(pdf)
    async with aiohttp.ClientSession() as session:
        context = fetching_context(session=session, trust_roots=trust_roots, other_certs=chain)
        validator = CertificateValidator(cert, intermediate_certs=chain, validation_context=context)
        try:
            await validator.async_validate_usage({"non_repudiation"})
        except RevokedError as error:
            return CertificateFinding(
                checked=True, revoked_at=error.revocation_dt, reason=str(error.reason.native)
            )
        except ExpiredError:
            # After expiry a CA may drop the certificate from its CRL: keep what was known.
            return CertificateFinding(checked=False)
        except PathValidationError:
            logger.info("signer certificate status unknown", exc_info=True)
            return CertificateFinding(checked=False)
    return CertificateFinding(checked=True)


def signer_certificate_check(
    *, pdf: bytes, trust_roots: list[x509.Certificate]
) -> CertificateFinding:
    """Ask the CA (CRL/OCSP) whether the letter's signer certificate is revoked now."""
    try:
        return outside_event_loop(lambda: asyncio.run(_check(pdf, trust_roots)))
    except Exception:
        logger.warning("signer certificate check failed", exc_info=True)
        return CertificateFinding(checked=False)
