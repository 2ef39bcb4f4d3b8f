"""The signer's key is checked at the moment of signing; a bad key consumes nothing."""

import datetime as dt

import pytest
from django.utils import timezone

from autentika.demo import pki
from autentika.letters.models import OutgoingCounter, SignedLetter
from autentika.letters.services import LetterSigningError, letter_sign
from autentika.signing import trust
from tests.support.letters import PASSWORD


@pytest.fixture(autouse=True)
def _fresh_key_afterwards():
    """The key files live in the session's private files root: leave a good one behind."""
    yield
    trust.signer_key_path("ketua").unlink(missing_ok=True)


def _install_key(passphrase: str, **certificate_options) -> None:
    # Refused before any chain check: a CA of its own is enough.
    ca_key, ca_cert = pki.test_ca_create()
    key, cert = pki.signer_certificate_issue(
        ca_key=ca_key,
        ca_cert=ca_cert,
        common_name="Ahmad Syahputra",
        title="Ketua",
        **certificate_options,
    )
    trust.signer_key_path("ketua").write_bytes(
        pki.pkcs12_export(key=key, cert=cert, ca_cert=ca_cert, passphrase=passphrase)
    )


def _refused(draft, demo_user, passphrase, match):
    with pytest.raises(LetterSigningError, match=match):
        letter_sign(draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=passphrase)
    assert not SignedLetter.objects.exists()
    assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()


@pytest.mark.django_db
def test_missing_key_is_refused(official, at_signer, demo_user, signer_keys):
    draft = at_signer()
    trust.signer_key_path("ketua").unlink()
    _refused(draft, demo_user, signer_keys, "belum terpasang")


@pytest.mark.django_db
def test_expired_certificate_is_refused(official, at_signer, demo_user, signer_keys):
    draft = at_signer()
    _install_key(signer_keys, valid_from=timezone.now() - dt.timedelta(days=400), valid_days=30)
    _refused(draft, demo_user, signer_keys, "kedaluwarsa|masa berlaku")


@pytest.mark.django_db
def test_certificate_without_non_repudiation_is_refused(
    official, at_signer, demo_user, signer_keys
):
    draft = at_signer()
    _install_key(signer_keys, non_repudiation=False)
    _refused(draft, demo_user, signer_keys, "non-repudiation|nirsangkal|nonRepudiation")
