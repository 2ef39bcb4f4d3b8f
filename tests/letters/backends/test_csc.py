import pytest

from autentika.demo import bsre_test_ca
from autentika.letters.errors import LetterSigningError
from autentika.letters.models import OutgoingCounter, SignedLetter
from autentika.letters.services import letter_sign
from autentika.signing.trust import trust_roots_load
from autentika.signing.validation import pdf_validate
from tests.support.letters import PASSWORD


def _sign(draft, demo_user, passphrase):
    return letter_sign(
        draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=passphrase
    )


@pytest.mark.django_db
def test_csc_letter_is_lta_valid_and_from_the_bsre_test_ca(
    official, at_signer, demo_user, signer_keys, csc_signing
):
    csc_signing()
    letter = _sign(at_signer(), demo_user, signer_keys)
    report = pdf_validate(pdf_bytes=bytes(letter.pdf), trust_roots=trust_roots_load())
    assert report.valid and report.long_term, report.error
    assert "1271014101800001" in letter.certificate_subject


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("credential", "match"),
    [
        ("demo/bsre-3171014101800002", "bukan penanda tangan yang tercatat"),
        ("demo/signer-ketua", "tidak diterbitkan oleh otoritas yang dikonfigurasi"),
    ],
)
def test_csc_credential_of_someone_else_is_refused(
    official, at_signer, demo_user, signer_keys, csc_signing, demo_pki, credential, match
):
    bsre_test_ca.remote_signer_ensure(ca=demo_pki, nik="3171014101800002", common_name="Lain")
    csc_signing(credential=credential)
    draft = at_signer()
    with pytest.raises(LetterSigningError, match=match):
        _sign(draft, demo_user, signer_keys)
    assert SignedLetter.objects.count() == 0
    assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()
    csc_signing()
    assert _sign(draft, demo_user, signer_keys).sequence == 1
