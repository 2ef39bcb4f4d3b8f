"""The public page of the trust roots letters are checked against, for anyone who wants to
check a letter in Adobe Reader or another validator (`manage.py trust_roots_export` writes the
same files)."""

from cryptography.hazmat.primitives import hashes
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from autentika.signing.certificates import certificate_to_pem
from autentika.signing.trust import trust_roots_load, tsa_anchors_load

ROOT, TSA = "root", "tsa"


def _roots() -> list[dict[str, object]]:
    """The signers' trust roots, then the TSA certificates trusted directly (their timestamps
    carry a letter after every other certificate expired: signing/validation_policy.py)."""
    return [
        {
            "fingerprint": cert.fingerprint(hashes.SHA256()).hex(),
            "subject": cert.subject.rfc4514_string(),
            "not_after": cert.not_valid_after_utc,
            "cert": cert,
            "kind": kind,
        }
        for kind, certs in ((ROOT, trust_roots_load()), (TSA, tsa_anchors_load()))
        for cert in certs
    ]


def trust_roots(request: HttpRequest) -> HttpResponse:
    roots = _roots()
    return render(
        request,
        "verification/trust_roots.html",
        {
            "roots": [r for r in roots if r["kind"] == ROOT],
            "tsas": [r for r in roots if r["kind"] == TSA],
        },
    )


def trust_root_pem(request: HttpRequest, fingerprint: str) -> HttpResponse:
    for root in _roots():
        if root["fingerprint"] == fingerprint.lower():
            response = HttpResponse(
                certificate_to_pem(root["cert"]),  # type: ignore[arg-type]
                content_type="application/x-pem-file",
            )
            response["Content-Disposition"] = f'attachment; filename="akar-{fingerprint[:16]}.pem"'
            return response
    raise Http404("Sertifikat akar tidak dikenal.")
