"""Re-authentication at signing: the signer's password and their key's passphrase, throttled
and locked out like the login (the same limit and cool-off: AXES_FAILURE_LIMIT,
AXES_COOLOFF_TIME), with one message for any wrong secret so the page is no oracle for which
of the two is wrong.

A failed signing rolls back its whole transaction, so a counter written inside it would
vanish. The failures are counted instead from the audit log: `letter_sign` records every
refusal as a `letters.sign_failed` event after the rollback (hash-chained, append-only). A
wrong secret is the event whose error is exactly `WRONG_SECRET`; a successful signing starts
the count again, as a successful login does in django-axes. A login locked out by axes for the
same username (from any address, or the account across addresses: core/login_lockout.py) locks
signing too.
"""

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from autentika.core.audit import audit_lockout_remaining
from autentika.core.login_lockout import login_lockout_remaining
from autentika.core.models import AuditEventType
from autentika.organization.second_factor import second_factor_enabled, session_verified
from autentika.signing.pades import signer_load

WRONG_SECRET = "Kata sandi atau frasa sandi salah; surat belum ditandatangani."


def locked_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return (
        "Terlalu banyak percobaan kata sandi atau frasa sandi yang salah. Penandatanganan "
        f"dikunci; coba lagi dalam {minutes} menit. Surat belum ditandatangani."
    )


def lockout_remaining(*, actor: Any, now: dt.datetime | None = None) -> int:
    """Seconds until `actor` may try their secrets again at signing, or 0."""
    now = now or timezone.now()
    signing = audit_lockout_remaining(
        actor=actor,
        failed=AuditEventType.LETTER_SIGN_FAILED,
        succeeded=AuditEventType.LETTER_SIGNED,
        now=now,
        error=WRONG_SECRET,
    )
    return max(signing, login_lockout_remaining(username=actor.get_username(), now=now))


def password_refusal(*, actor: Any, password: str, now: dt.datetime | None = None) -> str | None:
    """None when the signer may go on; otherwise the Indonesian refusal to raise.

    A locked-out signer is refused before the password is even checked."""
    if wait := lockout_remaining(actor=actor, now=now):
        return locked_message(wait)
    if not password or not actor.check_password(password):
        return WRONG_SECRET
    return None


SECOND_FACTOR_MISSING = (
    "Penandatanganan memerlukan verifikasi dua langkah: masuk kembali dan masukkan kode dari "
    "aplikasi autentikator. Surat belum ditandatangani."
)


def second_factor_refusal(*, actor: Any) -> str | None:
    """None when the signer's session is verified by a second factor (or none is required of
    anyone and the signer has none); otherwise the Indonesian refusal."""
    needed = settings.AUTENTIKA_OTP_REQUIRED or second_factor_enabled(actor)
    if needed and not session_verified(actor):
        return SECOND_FACTOR_MISSING
    return None


def signer_open(*, key_path: Path, passphrase: str, at: dt.datetime) -> Any:
    """The pyHanko signer from the signer's PKCS#12; a wrong passphrase raises SigningError
    with the same message as a wrong password. Other faults (an expired certificate, a key
    that does not match) keep their own message: they are no secret."""
    return signer_load(
        pkcs12_bytes=key_path.read_bytes(),
        passphrase=passphrase,
        at=at,
        wrong_passphrase=WRONG_SECRET,
    )
