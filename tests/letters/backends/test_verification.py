"""A letter signed through BSrE (v1, v2) or a CSC provider is accepted by the public
verification: the page of its QR code and the upload check, with and without the token."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from autentika.letters.services import letter_sign
from tests.support.letters import PASSWORD


@pytest.fixture(params=["bsre", "bsre-v2", "csc"])
def remote_letter(request, official, at_signer, demo_user, signer_keys):
    if request.param == "csc":
        request.getfixturevalue("csc_signing")()
    else:
        request.getfixturevalue("remote_signing")(request.param)
    return letter_sign(
        draft=at_signer(), actor=demo_user("ketua"), password=PASSWORD, passphrase=signer_keys
    )


def _upload(client, url, letter):
    pdf = SimpleUploadedFile("surat.pdf", bytes(letter.pdf), "application/pdf")
    return client.post(url, {"file": pdf})


@pytest.mark.django_db
def test_the_public_page_and_the_upload_check_accept_it(client, remote_letter):
    letter = remote_letter
    assert "1271014101800001" in letter.certificate_subject  # BSrE test CA's remote signer
    url = reverse("verification:letter", args=[letter.verification_token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Surat ini sah dan berlaku" in page.content.decode()
    assert letter.number in page.content.decode()

    checked = _upload(client, url, letter)
    assert checked.context["verdict"].status == "valid"
    assert checked.context["verdict"].report.valid
    assert "sama persis" in checked.content.decode()

    anywhere = _upload(client, reverse("verification:index"), letter)
    verdict = anywhere.context["verdict"]
    assert verdict.status == "valid" and verdict.letter == letter
    assert "Surat ini sah dan berlaku" in anywhere.content.decode()
