"""Every error of BSrE's contract, through API v1 and v2: an Indonesian message that says what
happened (and whether BSrE may have signed), nothing consumed, the attempt audited with BSrE's
raw answer, and the next successful letter gets the next number."""

import pytest

from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters.errors import LetterSigningError
from autentika.letters.models import DraftState, OutgoingCounter, SignedLetter
from autentika.letters.services import letter_sign
from autentika.organization.models import Assignment
from tests.letters.conftest import PASSWORD

KINDS = ["bsre", "bsre-v2"]
STATUS_TEXT = {
    "EXPIRED": "Sertifikat Anda kedaluwarsa",
    "RENEW": "sedang diperbarui",
    "WAITING_FOR_VERIFICATION": "menunggu verifikasi",
    "NEW": "belum diaktifkan",
    "NO_CERTIFICATE": "belum memiliki sertifikat",
    "NOT_REGISTERED": "belum terdaftar",
    "SUSPEND": "dibekukan",
    "REVOKE": "dicabut",
}
# failure -> (message part, BSrE may have signed, raw code audited)
FAILURES = {
    "slow": ("tidak menjawab dalam 2 detik", True, None),
    "500": ("HTTP 500", True, None),
    "malformed": ("tidak dapat dibaca", True, None),
    "bad-pdf": ("PDF dianggap rusak", False, None),
    "tampered": ("isi surat diubah", None, None),
}


def _attempt(draft, demo_user, passphrase):
    return letter_sign(
        draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=passphrase
    )


def _nothing_consumed(draft):
    draft.refresh_from_db()
    assert draft.state == DraftState.SIGNING
    assert SignedLetter.objects.count() == 0
    assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()


def _failure_audit():
    return AuditEvent.objects.filter(event_type=AuditEventType.LETTER_SIGN_FAILED).latest("id")


def _refused(draft, demo_user, passphrase, match):
    with pytest.raises(LetterSigningError, match=match):
        _attempt(draft, demo_user, passphrase)
    _nothing_consumed(draft)
    return _failure_audit().data


def _next_letter_is_number_one(draft, demo_user, passphrase, simulator):
    simulator.failure = ""
    simulator.statuses.clear()
    assert _attempt(draft, demo_user, passphrase).sequence == 1


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_wrong_passphrase_2031(official, at_signer, demo_user, signer_keys, remote_signing, kind):
    simulator = remote_signing(kind)
    draft = at_signer()
    data = _refused(draft, demo_user, "salah", "Passphrase BSrE yang Anda masukkan salah")
    assert data["bsre_code"] == 2031 and data["bsre_message"] == "Passphrase anda salah"
    assert data["http_status"] == 400 and data["may_have_signed"] is False
    _next_letter_is_number_one(draft, demo_user, signer_keys, simulator)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_not_registered_2011(official, at_signer, demo_user, signer_keys, remote_signing, kind):
    simulator = remote_signing(kind)
    draft = at_signer()
    assignment = Assignment.objects.get(user__username="ketua", position__code="KETUA")
    nik = assignment.signing_nik
    assignment.signing_nik = "9999999999999999"
    assignment.save()
    data = _refused(draft, demo_user, signer_keys, "belum terdaftar sebagai pengguna BSrE")
    assert data["bsre_code"] == 2011
    assert simulator.calls[-1].endswith("status")  # refused before the passphrase is sent
    assignment.signing_nik = nik
    assignment.save()
    _next_letter_is_number_one(draft, demo_user, signer_keys, simulator)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", sorted(set(STATUS_TEXT) - {"NOT_REGISTERED"}))
def test_user_status_refused_before_passphrase(
    official, at_signer, demo_user, signer_keys, remote_signing, kind, status
):
    simulator = remote_signing(kind)
    simulator.statuses["1271014101800001"] = status
    draft = at_signer()
    # The status comes first: even a wrong passphrase gets the status message.
    data = _refused(draft, demo_user, "salah", STATUS_TEXT[status])
    assert data["user_status"] == status and data["bsre_code"] == 1111
    assert simulator.calls[-1].endswith("status")
    _next_letter_is_number_one(draft, demo_user, signer_keys, simulator)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_wrong_client_credentials_401(
    official, at_signer, demo_user, signer_keys, remote_signing, kind, monkeypatch
):
    simulator = remote_signing(kind)
    monkeypatch.setenv("BSRE_UJI_PASSWORD", "salah")
    draft = at_signer()
    data = _refused(draft, demo_user, signer_keys, "HTTP 401")
    assert data["http_status"] == 401
    monkeypatch.setenv("BSRE_UJI_PASSWORD", "rahasia-klien-uji")
    _next_letter_is_number_one(draft, demo_user, signer_keys, simulator)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_failures_on_demand(
    official, at_signer, demo_user, signer_keys, remote_signing, kind, failure
):
    simulator = remote_signing(kind)
    simulator.failure = failure
    draft = at_signer()
    text, may_have_signed, _ = FAILURES[failure]
    data = _refused(draft, demo_user, signer_keys, text)
    if may_have_signed is not None:
        assert data["may_have_signed"] is may_have_signed
    if may_have_signed:
        message = _failure_audit().data["error"]
        assert "BSrE mungkin sudah membubuhkan tanda tangan" in message
        assert "aman untuk mencoba lagi" in message
    _next_letter_is_number_one(draft, demo_user, signer_keys, simulator)


@pytest.mark.django_db
def test_unreachable_bsre_has_not_signed(
    official, at_signer, demo_user, signer_keys, remote_signing, settings
):
    remote_signing("bsre")
    settings.AUTENTIKA_SIGNING_BACKENDS["kpu-sumut/KETUA"]["url"] = "http://127.0.0.1:9"
    data = _refused(at_signer(), demo_user, signer_keys, "tidak dapat dihubungi")
    assert data["may_have_signed"] is False
