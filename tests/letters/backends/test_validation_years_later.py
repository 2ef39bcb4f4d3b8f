"""A genuine letter is still genuine years after its signer's certificate expired, judged the
way every real check judges it (at the real time of the check, from what the file carries), for
a letter signed with a local key and one signed through the BSrE simulator; a changed copy is
refused at the same moments. ETSI EN 319 102-1 long-term validation, letters/validation.py."""

import datetime as dt
import json
import os
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader

from autentika.letters.services import letter_sign
from autentika.signing.trust import trust_roots_load, tsa_anchors_load
from autentika.signing.validation import pdf_validate
from tests.support.letters import PASSWORD

YEAR = dt.timedelta(days=365)


@pytest.fixture(params=["local", "bsre"])
def letter_pdf(request, official, at_signer, demo_user, signer_keys) -> bytes:
    if request.param == "bsre":
        request.getfixturevalue("remote_signing")("bsre")
    letter = letter_sign(
        draft=at_signer(), actor=demo_user("ketua"), password=PASSWORD, passphrase=signer_keys
    )
    return bytes(letter.pdf)


def _signer_expiry(pdf: bytes) -> dt.datetime:
    signature = PdfFileReader(BytesIO(pdf)).embedded_regular_signatures[0]
    return x509.load_der_x509_certificate(signature.signer_cert.dump()).not_valid_after_utc


def _changed(pdf: bytes) -> bytes:
    """One byte inside the first stream changed, within what the signature covers: the file
    still reads as a PDF."""
    changed = bytearray(pdf)
    changed[changed.index(b"stream") + 40] ^= 0x01
    return bytes(changed)


def _judged(pdf: bytes, at: dt.datetime):  # type: ignore[no-untyped-def]
    return pdf_validate(
        pdf_bytes=pdf, trust_roots=trust_roots_load(), tsa_anchors=tsa_anchors_load(), at=at
    )


@pytest.mark.django_db
@pytest.mark.parametrize("years", [3, 10])
def test_genuine_letter_is_valid_years_later_and_a_changed_copy_is_not(letter_pdf, years):
    at = dt.datetime.now(dt.UTC) + years * YEAR
    assert _signer_expiry(letter_pdf) < at  # the signer's certificate has long expired
    report = _judged(letter_pdf, at)
    assert report.valid, report.error
    assert all(check.ok for check in report.checks), report.checks
    assert not report.needs_renewal and report.later_additions == ()
    changed = _judged(_changed(letter_pdf), at)
    assert not changed.valid and not changed.intact
    assert "telah berubah" in changed.error


@pytest.mark.django_db
def test_a_letter_never_maintained_needs_renewal_once_its_timestamp_expired(letter_pdf):
    last_stamp = PdfFileReader(BytesIO(letter_pdf)).embedded_timestamp_signatures[-1]
    expired = last_stamp.signer_cert.not_valid_after + dt.timedelta(days=1)
    report = _judged(letter_pdf, expired)
    assert not report.valid and report.needs_renewal and report.intact
    assert "perlu diperbarui" in report.error and "asli" in report.error
    assert "berubah" not in report.error


def _verify_letter_at(offset: str, pdf: Path, env: dict[str, str]) -> tuple[dict, str]:  # type: ignore[type-arg]
    result = subprocess.run(
        ["faketime", "-f", offset, sys.executable, "manage.py", "verify_letter", str(pdf)],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
        timeout=120,
    )
    return json.loads(result.stdout), result.stderr


@pytest.mark.django_db
def test_verify_letter_with_the_clock_three_years_ahead(
    official, at_signer, demo_user, signer_keys, tmp_path
):
    """The command in its own process, its clock moved by libfaketime: nothing simulated."""
    letter = letter_sign(
        draft=at_signer(), actor=demo_user("ketua"), password=PASSWORD, passphrase=signer_keys
    )
    genuine, changed = tmp_path / "surat.pdf", tmp_path / "ubah.pdf"
    genuine.write_bytes(bytes(letter.pdf))
    changed.write_bytes(_changed(bytes(letter.pdf)))
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "autentika.config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "AUTENTIKA_VAR_DIR": str(tmp_path / "var"),
        "AUTENTIKA_FILES_DIR": str(settings.PRIVATE_FILES_ROOT),  # this worker's demo CA
    }
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        capture_output=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
        timeout=300,
    )
    assert migrated.returncode == 0, migrated.stderr
    assert _signer_expiry(bytes(letter.pdf)) < dt.datetime.now(dt.UTC) + 3 * YEAR

    report, stderr = _verify_letter_at("+3y", genuine, env)
    assert report["signature_valid"] and report["intact"], report
    # recorded in the test's database, not in this other installation's
    assert report["status"] == "not_found"
    assert "Traceback" not in stderr

    report, stderr = _verify_letter_at("+3y", changed, env)
    assert not report["signature_valid"] and not report["intact"]
    assert "telah berubah" in report["error"]
    assert "Traceback" not in stderr and "WARNING" not in stderr

    # an installation that trusts neither the demo root nor its TSA: one line, no traceback
    report, stderr = _verify_letter_at("+0d", genuine, {**env, "AUTENTIKA_TRUST_DEMO_CA": "0"})
    assert not report["signature_valid"] and report["intact"]
    assert report["error"].count(".") <= 2 and "\n" not in report["error"]
    assert "Traceback" not in stderr and "WARNING" not in stderr
