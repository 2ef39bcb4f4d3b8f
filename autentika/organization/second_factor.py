"""The second factor: a TOTP authenticator app with single-use recovery codes (django-otp).

Who must have one, when AUTENTIKA_OTP_REQUIRED is on (always in production): administrators
(is_staff or is_superuser) and whoever holds, definitive or Plt/Plh, a position with a duty
that manages people, accounts or signing: the duties of the actions the permission table marks
`second_factor` (`core.permissions.second_factor_duties`: signing, office settings, party
accounts), less those AUTENTIKA_OTP_EXEMPT_DUTIES names. Everyone else, party users included,
may enrol.

Wrong codes are throttled per user like the login (AXES_FAILURE_LIMIT wrong codes within
AXES_COOLOFF_TIME lock the code step), counted from `auth.otp_failed` audit events: the count
must survive a new password login, which resets django-axes' own counter. An accepted code
starts the count again.
"""

import datetime as dt
import time
from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from autentika.core.audit import audit_lockout_remaining, audit_record
from autentika.core.client import client_address
from autentika.core.models import AuditEventType
from autentika.core.permissions import Duty, second_factor_duties
from autentika.organization.selectors import user_assignments_today

RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Aplikasi autentikator"
RECOVERY_DEVICE_NAME = "Kode pemulihan"
WRONG_CODE = (
    "Kode verifikasi salah atau sudah kedaluwarsa. Masukkan kode 6 angka terbaru dari aplikasi "
    "autentikator, atau satu kode pemulihan. Setelah beberapa kali salah, akun dikunci sementara."
)


def second_factor_required(user: Any) -> bool:
    """Must this user have a second factor before using any page?"""
    if not settings.AUTENTIKA_OTP_REQUIRED or not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(duties_needing_second_factor(user=user))


def duties_needing_second_factor(*, user: Any) -> list[Duty]:
    """The duties of the user's positions today (definitive or Plt/Plh) that need a second
    factor, in the table's order of duties."""
    needed = second_factor_duties(exempt=settings.AUTENTIKA_OTP_EXEMPT_DUTIES)
    held = {duty for a in user_assignments_today(user=user) for duty in a.position.duties}
    return [duty for duty in Duty if duty in needed and duty.value in held]


def required_reason(*, user: Any) -> str:
    """Why the user must use a second factor, in Indonesian ("" when they need not)."""
    if not second_factor_required(user):
        return ""
    duties = duties_needing_second_factor(user=user)
    if not duties:
        return "Administrator wajib memakai verifikasi dua langkah."
    labels = ", ".join(str(duty.label).lower() for duty in duties)
    return (
        f"Jabatan Anda bertugas {labels}: tugas yang mengelola orang, akun, atau "
        "penandatanganan wajib memakai verifikasi dua langkah."
    )


def second_factor_enabled(user: Any) -> bool:
    """Has the user a confirmed authenticator app?"""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def session_verified(user: Any) -> bool:
    """Did this user (request.user, after django-otp's middleware) enter a code this session?"""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def recovery_codes_left(user: Any) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- enrolment ------------------------------------------------------------------------------


def totp_enrolment_start(*, user: Any) -> TOTPDevice:
    """The unconfirmed device the enrolment page shows (the same one until it is confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


def totp_secret(device: TOTPDevice) -> str:
    """The secret as an authenticator app asks for it: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (drawn on the server: no script)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, border=2))


@transaction.atomic
def totp_enrolment_confirm(*, request: Any, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the new device with its first code: it replaces any earlier app, the session
    counts as verified, and fresh recovery codes are returned (shown once). None: wrong code."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, confirmed=False)
    if not device.verify_token(_digits(token)):
        return None
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    audit_record(
        event_type=AuditEventType.OTP_ENROLLED,
        actor=user,
        data={"address": client_address(request)},
    )
    return recovery_codes_create(user=user)


def recovery_codes_create(*, user: Any) -> list[str]:
    """Ten new single-use recovery codes; the earlier ones stop working. Stored as django-otp
    stores them; shown to the user once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    for code in codes:
        device.token_set.create(token=code)
    audit_record(
        event_type=AuditEventType.OTP_RECOVERY_CODES_CREATED,
        actor=user,
        data={"count": len(codes)},
    )
    return codes


@transaction.atomic
def second_factor_disable(*, request: Any, user: Any) -> None:
    """Remove the app and the recovery codes (only for users who need no second factor)."""
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).delete()
    address = client_address(request)
    audit_record(event_type=AuditEventType.OTP_DISABLED, actor=user, data={"address": address})


# --- the code step --------------------------------------------------------------------------


def _digits(token: str) -> str:
    return "".join(token.split())


def _recovery(token: str) -> str:
    return "".join(token.split()).replace("-", "").lower()


def code_lockout_remaining(*, user: Any, now: dt.datetime | None = None) -> int:
    """Seconds until `user` may enter a code again, or 0."""
    return audit_lockout_remaining(
        actor=user,
        failed=AuditEventType.OTP_FAILED,
        succeeded=AuditEventType.OTP_VERIFIED,
        now=now or timezone.now(),
    )


def locked_message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return (
        "Terlalu banyak kode verifikasi yang salah. Akun dikunci sementara; coba lagi dalam "
        f"{minutes} menit, atau hubungi administrator kantor."
    )


def _matching_device(user: Any, token: str) -> Any:
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            candidate = _recovery(token) if isinstance(device, StaticDevice) else _digits(token)
            if candidate and device.verify_token(candidate):
                return device
    return None


def code_verify(*, request: Any, token: str) -> str | None:
    """The code step for request.user: None when the code (or a recovery code, used up by
    this) is accepted and the session is verified; otherwise the Indonesian refusal. A locked
    user's code is not even checked."""
    user = request.user
    if wait := code_lockout_remaining(user=user):
        return locked_message(wait)
    device = _matching_device(user, token)
    address = client_address(request)
    if device is None:
        audit_record(event_type=AuditEventType.OTP_FAILED, actor=user, data={"address": address})
        if wait := code_lockout_remaining(user=user):
            return locked_message(wait)
        return WRONG_CODE
    otp_login(request, device)
    kind = "recovery" if isinstance(device, StaticDevice) else "totp"
    data = {"device": kind, "address": address}
    audit_record(event_type=AuditEventType.OTP_VERIFIED, actor=user, data=data)
    return None


# --- demo, tests and command-line actors -----------------------------------------------------


def totp_code_now(device: TOTPDevice) -> str:
    """The code the user's app shows now (the next step's if this one was used already, which
    the device still accepts): for the demo's code command and the browser tests."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    now = time.time()
    totp.time = now
    if totp.t() <= device.last_t:
        totp.time = now + (device.last_t + 1 - totp.t()) * device.step
    return str(totp.token()).zfill(device.digits)


def actor_code_verify(*, user: Any, token: str, channel: str) -> str | None:
    """The code step for a command-line actor, counted like the web's (issue #27): None when
    a code of the user's own device is accepted (the user object is then verified, as by
    `actor_verify`); otherwise the Indonesian refusal. Each wrong code is an `auth.otp_failed`
    event (`channel` names where it was entered) toward the same lockout; a locked user's code
    is not even checked."""
    if wait := code_lockout_remaining(user=user):
        return locked_message(wait)
    if not actor_verify(user=user, token=token):
        audit_record(event_type=AuditEventType.OTP_FAILED, actor=user, data={"channel": channel})
        if wait := code_lockout_remaining(user=user):
            return locked_message(wait)
        return WRONG_CODE
    kind = "recovery" if isinstance(user.otp_device, StaticDevice) else "totp"
    data = {"device": kind, "channel": channel}
    audit_record(event_type=AuditEventType.OTP_VERIFIED, actor=user, data=data)
    return None


def actor_verify(*, user: Any, token: str) -> bool:
    """Mark a user object as verified by a code of its own device, as the code step marks a
    session: for command-line tools that act as a signer (demo_request)."""
    device = _matching_device(user, token)
    user.otp_device = device
    user.is_verified = lambda: user.otp_device is not None
    return device is not None


def demo_totp_device(*, user: Any) -> TOTPDevice:
    """A demo signer's confirmed authenticator device (created once; its secret is printed by
    seed_demo, its current code by `manage.py demo_otp_code`)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    return device
