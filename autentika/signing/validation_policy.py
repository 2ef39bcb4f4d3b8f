"""How a letter's signature is trusted when it is validated: ETSI EN 319 102-1 long-term
validation from what the file carries, at the real time of the check (or a given one).

- The signer's certificate must chain to a trust root (`AUTENTIKA_TRUST_ROOTS`, the demo CA),
  with revocation data (CRL or OCSP) for the whole chain taken from the file only.
- A timestamp (the signature's, and each document timestamp) is trusted when its TSA certificate
  is one of the published TSA anchors (`AUTENTIKA_TSA_TRUST_ANCHORS`, the demo TSA), the way
  trusted-list validators treat a qualified TSA: an anchor needs no revocation data of its own,
  so the latest document timestamp needs nothing fresher than the file. It holds while the
  anchor's certificate is valid; `letters_maintain` adds a newer document timestamp before that,
  and a letter whose last one expired is "perlu diperbarui" (validation.py). A TSA that is no
  anchor is still trusted through a trust root, with revocation data, as before.
"""

import datetime as dt
import functools
from collections.abc import Sequence

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator.authority import CertTrustAnchor, TrustQualifiers
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager


def asn1_certificate(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def fingerprints(certs: Sequence[x509.Certificate]) -> frozenset[bytes]:
    """SHA-256 of each certificate's DER, as asn1crypto's `Certificate.sha256` gives it."""
    return frozenset(cert.fingerprint(hashes.SHA256()) for cert in certs)


def _tsa_anchor(cert: x509.Certificate) -> CertTrustAnchor:
    return CertTrustAnchor(
        asn1_certificate(cert),
        quals=TrustQualifiers(
            valid_from=cert.not_valid_before_utc, valid_until=cert.not_valid_after_utc
        ),
    )


def validation_spec(
    *, trust_roots: Sequence[x509.Certificate], tsa_anchors: Sequence[x509.Certificate]
) -> PdfSignatureValidationSpec:
    """The policy for these roots and anchors, made once per process for each set of them (a
    few milliseconds of every upload check otherwise): it holds configuration only, each
    validation makes its own context from it."""
    return _validation_spec(tuple(trust_roots), tuple(tsa_anchors))


@functools.lru_cache(maxsize=8)
def _validation_spec(
    trust_roots: tuple[x509.Certificate, ...], tsa_anchors: tuple[x509.Certificate, ...]
) -> PdfSignatureValidationSpec:
    roots = [CertTrustAnchor(asn1_certificate(cert)) for cert in trust_roots]
    revocation_required = CertRevTrustPolicy(REQUIRE_REVINFO)
    return PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=CertValidationPolicySpec(
                trust_manager=SimpleTrustManager.build(trust_roots=roots),
                revinfo_policy=revocation_required,
            ),
            ts_cert_validation_policy=CertValidationPolicySpec(
                trust_manager=SimpleTrustManager.build(
                    trust_roots=[*roots, *(_tsa_anchor(cert) for cert in tsa_anchors)]
                ),
                revinfo_policy=revocation_required,
            ),
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
        )
    )


def validation_timing(at: dt.datetime) -> ValidationTimingInfo:
    """The moment of the check: now for every real check, a later one in the tests."""
    return ValidationTimingInfo(
        validation_time=at, best_signature_time=at, point_in_time_validation=False
    )
