"""What a BSrE refusal does to a letter, through API v1 and v2, for a representative error of
each kind (a refusal of the signer, of the user status, of the office's credentials, a failure
after BSrE may have signed, a returned document that is not the letter): the signer reads the
Indonesian message, nothing is consumed, the attempt is audited with BSrE's raw answer, and the
next successful letter gets the next number. Every error of the contract is checked at the
protocol level in test_bsre_protocol_errors.py."""

import pytest

from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters.errors import LetterSigningError
from autentika.letters.models import DraftState, OutgoingCounter, SignedLetter
from autentika.letters.services import letter_sign
from tests.support.letters import PASSWORD

KINDS = ["bsre", "bsre-v2"]
KETUA_NIK = "1271014101800001"


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


def _wrong_passphrase(simulator, monkeypatch, passphrase):
    return "salah"


def _revoked_certificate(simulator, monkeypatch, passphrase):
    simulator.statuses[KETUA_NIK] = "REVOKE"
    return passphrase


def _wrong_client_credentials(simulator, monkeypatch, passphrase):
    monkeypatch.setenv("BSRE_UJI_PASSWORD", "salah")
    return passphrase


def _server_error_after_signing(simulator, monkeypatch, passphrase):
    simulator.failure = "500"
    return passphrase


def _tampered_document(simulator, monkeypatch, passphrase):
    simulator.failure = "tampered"
    return passphrase


# error -> (arrange it, message part, what the audit keeps of BSrE's answer)
ERRORS = {
    "passphrase-2031": (
        _wrong_passphrase,
        "Passphrase BSrE yang Anda masukkan salah",
        {"bsre_code": 2031, "http_status": 400, "may_have_signed": False},
    ),
    "status-revoke": (
        _revoked_certificate,
        "dicabut",
        {"bsre_code": 1111, "user_status": "REVOKE", "may_have_signed": False},
    ),
    "credentials-401": (
        _wrong_client_credentials,
        "HTTP 401",
        {"http_status": 401, "may_have_signed": False},
    ),
    "server-500": (
        _server_error_after_signing,
        "HTTP 500",
        {"http_status": 500, "may_have_signed": True},
    ),
    "tampered": (_tampered_document, "isi surat diubah", {}),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("error", sorted(ERRORS))
def test_a_refusal_consumes_nothing_and_the_next_letter_is_number_one(
    official, at_signer, demo_user, signer_keys, remote_signing, monkeypatch, kind, error
):
    simulator = remote_signing(kind)
    arrange, text, audited = ERRORS[error]
    draft = at_signer()
    data = _refused(draft, demo_user, arrange(simulator, monkeypatch, signer_keys), text)
    assert {key: data.get(key) for key in audited} == audited
    if audited.get("may_have_signed"):
        assert "BSrE mungkin sudah membubuhkan tanda tangan" in data["error"]
        assert "aman untuk mencoba lagi" in data["error"]
    # BSrE answers normally again: the letter is signed with the first number of the year.
    monkeypatch.setenv("BSRE_UJI_PASSWORD", "rahasia-klien-uji")
    _next_letter_is_number_one(draft, demo_user, signer_keys, simulator)
