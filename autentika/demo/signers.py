"""The demo office's signing keys: issued by the demo CA (and registered with the BSrE simulator
and the CSC test service), for development and training only."""

from collections.abc import Callable
from typing import Any

DEMO_SIGNERS = ("ketua", "ri-ketua")
# The demo signers as the BSrE simulator and the CSC test service know them (bsre_test_ca.py).
DEMO_NIK = {"ketua": "1271014101800001", "ri-ketua": "3171014101800002"}


def demo_signing_passphrase() -> str:
    from django.conf import settings

    return str(settings.DEMO_SIGNING_PASSPHRASE)


def demo_signers_seed(write: Callable[[str], None]) -> None:
    """The demo CA (Certomancer, demo_ca.py) and a PKCS#12 key for each demo office's signer,
    issued by its signer intermediate and kept under trust.signer_key_path()."""
    from django.contrib.auth import get_user_model

    from autentika.demo import demo_ca
    from autentika.signing import trust

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
        if assignment is not None:
            _demo_remote_signer(ca, user, assignment)
    write(f"Frasa sandi kunci tanda tangan demo: {demo_signing_passphrase()}")


def _demo_remote_signer(ca: Any, user: Any, assignment: Any) -> None:
    """The demo signer registered with the BSrE simulator: NIK and e-mail on the signer's
    record, a certificate from the BSrE test intermediate."""
    from autentika.demo import bsre_test_ca

    nik = assignment.signing_nik or DEMO_NIK[user.username]
    email = assignment.signing_email or f"{user.username}@demo.autentika.invalid"
    if (assignment.signing_nik, assignment.signing_email) != (nik, email):
        assignment.signing_nik, assignment.signing_email = nik, email
        assignment.save(update_fields=["signing_nik", "signing_email"])
    bsre_test_ca.remote_signer_ensure(
        ca=ca,
        nik=nik,
        common_name=user.get_full_name() or user.username,
        email=email,
        title=assignment.position.title,
        organization=assignment.position.office.name,
    )
    # The trust anchor a demo office configured for the simulator names (demo_signing.py).
    bsre_test_ca.bsre_ca_pem_path(ca)
