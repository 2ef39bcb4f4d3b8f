from typing import Any

from django.apps import AppConfig


def _tsa_anchors_asn1() -> list[Any]:
    """The TSA anchors of signing/trust.py for the audit checkpoints (core)."""
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from autentika.signing.trust import tsa_anchors_load

    return [x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in tsa_anchors_load()]


class SigningConfig(AppConfig):
    name = "autentika.signing"
    label = "signing"
    verbose_name = "Tanda tangan elektronik"

    def ready(self) -> None:
        from autentika.core.registry import register_tsa_anchors
        from autentika.signing import checks  # noqa: F401 (checks register themselves)

        register_tsa_anchors(_tsa_anchors_asn1)
