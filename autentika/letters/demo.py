"""The demo office's signing keys: issued by the demo CA, for development and training only."""

import os
from collections.abc import Callable

DEMO_SIGNERS = ("ketua", "ri-ketua")


def demo_signing_passphrase() -> str:
    return os.environ.get("DEMO_SIGNING_PASSPHRASE", "demo-ttd")


def demo_signers_seed(write: Callable[[str], None]) -> None:
    """The demo CA (Certomancer, demo_ca.py) and a PKCS#12 key for each demo office's signer,
    issued by its signer intermediate and kept under trust.signer_key_path()."""
    from django.contrib.auth import get_user_model

    from autentika.letters import demo_ca, trust

    ca = demo_ca.demo_ca_current()
    for user in get_user_model().objects.filter(username__in=DEMO_SIGNERS):
        assignment = user.assignments.select_related("position__office").first()
        demo_ca.demo_signer_ensure(
            ca=ca,
            username=user.username,
            key_path=trust.signer_key_path(user.username),
            common_name=user.get_full_name() or user.username,
            title=assignment.position.title if assignment else "",
            organization=assignment.position.office.name if assignment else "",
            passphrase=demo_signing_passphrase(),
        )
        write(f"Kunci tanda tangan demo: {trust.signer_key_path(user.username)}")
    write(f"Frasa sandi kunci tanda tangan demo: {demo_signing_passphrase()}")
