"""The signature report of a file already judged, kept for a few minutes by the SHA-256 of its
bytes and of the trust roots it was judged against.

The report depends on nothing else within that time: validation reads only the file (no
fetching); only the expiry of its last document timestamp changes its verdict, years later.
What can change at any moment (the letter revoked or replaced, the signer's certificate revoked
later) comes from the database on every request, never from here. Without it, a genuine letter
uploaded in a loop costs a full signature validation each time, and the miss throttle
(throttle.py) never slows a hit.
"""

import hashlib

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.conf import settings
from django.core.cache import cache

from autentika.signing.trust import trust_roots_load, tsa_anchors_load
from autentika.signing.validation import SignatureReport, pdf_validate


def _seconds() -> int:
    return int(settings.AUTENTIKA_VERIFY_REPORT_CACHE_SECONDS)


def _key(content: bytes, trust: list[x509.Certificate]) -> str:
    roots = hashlib.sha256(b"".join(sorted(c.fingerprint(hashes.SHA256()) for c in trust)))
    return f"verify-report:{hashlib.sha256(content).hexdigest()}:{roots.hexdigest()}"


def report_for(*, content: bytes) -> SignatureReport:
    """`pdf_validate` of `content` against the configured trust roots and TSA anchors, from the
    cache when the same bytes were judged against the same ones within the last
    AUTENTIKA_VERIFY_REPORT_CACHE_SECONDS."""
    roots, anchors = trust_roots_load(), tsa_anchors_load()
    seconds = _seconds()
    if seconds <= 0:
        return pdf_validate(pdf_bytes=content, trust_roots=roots, tsa_anchors=anchors)
    key = _key(content, [*roots, *anchors])
    report = cache.get(key)
    if isinstance(report, SignatureReport):
        return report
    report = pdf_validate(pdf_bytes=content, trust_roots=roots, tsa_anchors=anchors)
    cache.set(key, report, seconds)
    return report
