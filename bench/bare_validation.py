"""The floor of `manage.py verify_letter` (#32): one AdES-LTA validation of a letter's
signature by pyHanko alone, as a process: no Django, no database, nothing of Autentika's.

    python bench/bare_validation.py letter.pdf roots.pem tsa.pem

The policy is the one the product applies (signer chained to the roots with revocation data
from the file; timestamps trusted by the TSA anchor), built here again from pyHanko's own
classes so that the floor imports only what the validation needs. Prints whether it passed.
"""

import asyncio
import datetime as dt
import sys
from io import BytesIO
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESPassed
from pyhanko.sign.validation.ades import ades_lta_validation
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


def _certificates(path: Path) -> list[asn1_x509.Certificate]:
    data = path.read_bytes()
    return [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]


def validation_spec(roots_file: Path, tsa_file: Path) -> PdfSignatureValidationSpec:
    """The product's policy, from pyHanko's classes: made once, as a server would keep it."""
    roots = [CertTrustAnchor(cert) for cert in _certificates(roots_file)]
    tsa = [
        CertTrustAnchor(
            cert,
            quals=TrustQualifiers(
                valid_from=cert.not_valid_before, valid_until=cert.not_valid_after
            ),
        )
        for cert in _certificates(tsa_file)
    ]
    revocation_required = CertRevTrustPolicy(REQUIRE_REVINFO)
    return PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=CertValidationPolicySpec(
                trust_manager=SimpleTrustManager.build(trust_roots=roots),
                revinfo_policy=revocation_required,
            ),
            ts_cert_validation_policy=CertValidationPolicySpec(
                trust_manager=SimpleTrustManager.build(trust_roots=[*roots, *tsa]),
                revinfo_policy=revocation_required,
            ),
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
        )
    )


def lta_passes(pdf_bytes: bytes, spec: PdfSignatureValidationSpec) -> bool:
    """One AdES-LTA validation of the file's first signature, now."""
    now = dt.datetime.now(dt.UTC)
    timing = ValidationTimingInfo(
        validation_time=now, best_signature_time=now, point_in_time_validation=False
    )
    reader = PdfFileReader(BytesIO(pdf_bytes), strict=False)
    signature = reader.embedded_regular_signatures[0]
    result = asyncio.run(ades_lta_validation(signature, spec, timing_info=timing))
    return bool(result.ades_subindic == AdESPassed.OK)


def main(pdf: Path, roots_file: Path, tsa_file: Path) -> int:
    passed = lta_passes(pdf.read_bytes(), validation_spec(roots_file, tsa_file))
    print("passed" if passed else "failed")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main(*(Path(arg) for arg in sys.argv[1:4])))
