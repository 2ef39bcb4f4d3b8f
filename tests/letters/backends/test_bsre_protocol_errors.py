"""Every error of BSrE's contract, once per API version, at the protocol level: the backend
against the simulator, without a letter. Each gives an Indonesian message that says what
happened and whether BSrE may have signed, and keeps BSrE's raw answer for the audit log.
What a refusal does to a letter (nothing consumed, audited, the next letter gets number 1) is
shown for a representative subset in test_bsre_errors.py."""

import datetime as dt
import re

import pytest

from autentika.letters.errors import BackendFailure
from autentika.organization.models import Assignment
from autentika.signing.backends import SignatureRequest, backend_for, signer_identity
from tests.support.documents import scan_pdf
from tests.support.signing import SLOW_TIMEOUT

KINDS = ["bsre", "bsre-v2"]
KETUA_NIK = "1271014101800001"
STATUS_TEXT = {
    "EXPIRED": "Sertifikat Anda kedaluwarsa",
    "RENEW": "sedang diperbarui",
    "WAITING_FOR_VERIFICATION": "menunggu verifikasi",
    "NEW": "belum diaktifkan",
    "NO_CERTIFICATE": "belum memiliki sertifikat",
    "SUSPEND": "dibekukan",
    "REVOKE": "dicabut",
}
# failure -> (message part, BSrE may have signed: None where it cannot be told)
FAILURES = {
    "slow": (f"tidak menjawab dalam {SLOW_TIMEOUT} detik", True),
    "500": ("HTTP 500", True),
    "malformed": ("tidak dapat dibaca", True),
    "bad-pdf": ("PDF dianggap rusak", False),
    "tampered": ("isi surat diubah", None),
}
MAYBE_SIGNED = "BSrE mungkin sudah membubuhkan tanda tangan"


@pytest.fixture
def ketua_assignment(sumut, signer_keys):
    return Assignment.objects.select_related("user", "position").get(
        user__username="ketua", position__code="KETUA"
    )


def _sign(assignment, passphrase: str) -> None:
    """One signing through the office's configured backend, as letter_sign calls it."""
    backend = backend_for(office=assignment.position.office, position=assignment.position)
    identity = signer_identity(user=assignment.user, assignment=assignment)
    backend.prepare(identity=identity, passphrase=passphrase, at=dt.datetime.now(dt.UTC))
    backend.sign(SignatureRequest(pdf=scan_pdf(), reason="uji", location="Medan"))


def _refusal(assignment, passphrase: str, match: str) -> BackendFailure:
    with pytest.raises(BackendFailure, match=match) as raised:
        _sign(assignment, passphrase)
    # Every refusal tells the signer that no letter number was used.
    assert re.search(r"tidak ada nomor yang terpakai|nomor surat tidak terpakai", str(raised.value))
    return raised.value


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_a_good_signing_passes(ketua_assignment, signer_keys, remote_signing, kind):
    remote_signing(kind)
    _sign(ketua_assignment, signer_keys)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_wrong_passphrase_2031(ketua_assignment, remote_signing, kind):
    remote_signing(kind)
    error = _refusal(ketua_assignment, "salah", "Passphrase BSrE yang Anda masukkan salah")
    assert error.audit["bsre_code"] == 2031
    assert error.audit["bsre_message"] == "Passphrase anda salah"
    assert error.audit["http_status"] == 400 and error.audit["may_have_signed"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_not_registered_2011_is_refused_before_the_passphrase(
    ketua_assignment, signer_keys, remote_signing, kind
):
    simulator = remote_signing(kind)
    ketua_assignment.signing_nik = "9999999999999999"
    error = _refusal(ketua_assignment, signer_keys, "belum terdaftar sebagai pengguna BSrE")
    assert error.audit["bsre_code"] == 2011
    assert simulator.calls[-1].endswith("status")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("status", sorted(STATUS_TEXT))
def test_user_status_refused_before_passphrase(ketua_assignment, remote_signing, kind, status):
    simulator = remote_signing(kind)
    simulator.statuses[KETUA_NIK] = status
    # The status comes first: even a wrong passphrase gets the status message.
    error = _refusal(ketua_assignment, "salah", STATUS_TEXT[status])
    assert error.audit["user_status"] == status and error.audit["bsre_code"] == 1111
    assert error.audit["may_have_signed"] is False
    assert simulator.calls[-1].endswith("status")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_wrong_client_credentials_401(
    ketua_assignment, signer_keys, remote_signing, kind, monkeypatch
):
    remote_signing(kind)
    monkeypatch.setenv("BSRE_UJI_PASSWORD", "salah")
    error = _refusal(ketua_assignment, signer_keys, "HTTP 401")
    assert error.audit["http_status"] == 401 and error.audit["may_have_signed"] is False


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_failures_on_demand(ketua_assignment, signer_keys, remote_signing, settings, kind, failure):
    simulator = remote_signing(kind)
    if failure == "slow":
        settings.AUTENTIKA_SIGNING_BACKENDS["kpu-sumut/KETUA"]["timeout"] = SLOW_TIMEOUT
    simulator.failure = failure
    text, may_have_signed = FAILURES[failure]
    error = _refusal(ketua_assignment, signer_keys, text)
    if may_have_signed is not None:
        assert error.audit["may_have_signed"] is may_have_signed
        assert (MAYBE_SIGNED in str(error)) is may_have_signed
    if may_have_signed:
        assert "aman untuk mencoba lagi" in str(error)


@pytest.mark.django_db
def test_unreachable_bsre_has_not_signed(ketua_assignment, signer_keys, remote_signing, settings):
    remote_signing("bsre")
    settings.AUTENTIKA_SIGNING_BACKENDS["kpu-sumut/KETUA"]["url"] = "http://127.0.0.1:9"
    error = _refusal(ketua_assignment, signer_keys, "tidak dapat dihubungi")
    assert error.audit["may_have_signed"] is False
