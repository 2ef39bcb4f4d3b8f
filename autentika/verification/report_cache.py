"""The signature report of a file already judged, kept for a few minutes by the SHA-256 of its
bytes and of the trust roots it was judged against.

The report depends on nothing else within that time: validation reads only the file (no
fetching) and judges a B-LTA letter at its trusted signing time. What can change at any moment
(the letter revoked or replaced, the signer's certificate revoked later) comes from the database
on every request, never from here. Without it, a genuine letter uploaded in a loop costs a full
signature validation each time, and the miss throttle (throttle.py) never slows a hit.
"""

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.conf import settings
from django.core.cache import cache

from autentika.letters.validation import SignatureReport, pdf_validate

DEFAULT_SECONDS = 300


def _seconds() -> int:
    return int(getattr(settings, "AUTENTIKA_VERIFY_REPORT_CACHE_SECONDS", DEFAULT_SECONDS))


def _key(content: bytes, trust_roots: list[x509.Certificate]) -> str:
    roots = hashlib.sha256(b"".join(sorted(c.fingerprint(hashes.SHA256()) for c in trust_roots)))
    return f"verify-report:{hashlib.sha256(content).hexdigest()}:{roots.hexdigest()}"


def report_for(*, content: bytes, trust_roots: list[x509.Certificate]) -> SignatureReport:
    """`pdf_validate(content, trust_roots)`, from the cache when the same bytes were judged
    against the same roots within the last AUTENTIKA_VERIFY_REPORT_CACHE_SECONDS."""
    seconds = _seconds()
    if seconds <= 0:
        return pdf_validate(pdf_bytes=content, trust_roots=trust_roots)
    key = _key(content, trust_roots)
    report = cache.get(key)
    if isinstance(report, SignatureReport):
        return report
    report = pdf_validate(pdf_bytes=content, trust_roots=trust_roots)
    cache.set(key, report, seconds)
    return report
