from typing import Any

from django.apps import AppConfig


def _tsa_anchors_asn1() -> list[Any]:
    """The TSA anchors of letters/trust.py for the audit checkpoints (core)."""
    from asn1crypto import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    from autentika.letters.trust import tsa_anchors_load

    return [x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in tsa_anchors_load()]


class LettersConfig(AppConfig):
    name = "autentika.letters"
    label = "letters"
    verbose_name = "Surat balasan"

    def ready(self) -> None:
        from autentika.core.permissions import Condition
        from autentika.core.registry import (
            register_demo_seeder,
            register_expired_post_keeper,
            register_tsa_anchors,
        )
        from autentika.letters import checks, hooks  # noqa: F401 (checks register themselves)
        from autentika.letters.demo import demo_signers_seed
        from autentika.letters.unsaved import expired_editor_post_keep
        from autentika.letters.workflow import letter_signer
        from autentika.organization.access import register_condition

        register_demo_seeder(demo_signers_seed, order=40)
        hooks.register()
        register_expired_post_keeper(expired_editor_post_keep)
        register_condition(Condition.LETTER_SIGNER, letter_signer)
        register_tsa_anchors(_tsa_anchors_asn1)
