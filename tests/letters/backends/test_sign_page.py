"""The signing page asks a remote provider about the signer before it asks for a secret: BSrE's
user status in Indonesian first, the passphrase form only when the certificate may sign."""

import pytest
from django.urls import reverse

from autentika.letters.models import SignedLetter

NIK = "1271014101800001"


def _page(client, demo_user, draft) -> str:
    client.force_login(demo_user("ketua"))
    response = client.get(reverse("letters:sign", args=[draft.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["bsre", "bsre-v2"])
@pytest.mark.parametrize(
    ("status", "text"),
    [("EXPIRED", "Sertifikat Anda kedaluwarsa"), ("SUSPEND", "dibekukan"), ("REVOKE", "dicabut")],
)
def test_a_certificate_that_may_not_sign_is_shown_instead_of_the_form(
    client, official, at_signer, demo_user, signer_keys, remote_signing, kind, status, text
):
    simulator = remote_signing(kind)
    simulator.statuses[NIK] = status
    draft = at_signer()
    calls = len(simulator.calls)
    html = _page(client, demo_user, draft)
    assert 'data-testid="provider-status"' in html and text in html
    assert 'id="sign-form"' not in html and 'name="passphrase"' not in html
    assert simulator.calls[calls:] == [
        f"{kind.replace('bsre-v2', 'v2').replace('bsre', 'v1')}_status"
    ]
    assert not SignedLetter.objects.exists()


@pytest.mark.django_db
def test_an_issued_certificate_gets_the_bsre_passphrase_form(
    client, official, at_signer, demo_user, signer_keys, remote_signing
):
    remote_signing("bsre")
    draft = at_signer()
    html = _page(client, demo_user, draft)
    # Said in words, not the provider's raw status code.
    assert "Sertifikat elektronik Anda di BSrE aktif:" in html
    assert "ISSUE" not in html
    assert html.index('data-testid="provider-status"') < html.index('name="passphrase"')
    assert "Passphrase BSrE Anda" in html
    response = client.post(
        reverse("letters:sign", args=[draft.pk]),
        {"password": "demo-autentika", "passphrase": signer_keys},
        follow=True,
    )
    assert "Surat ditandatangani secara elektronik" in response.content.decode()
    assert SignedLetter.objects.get().sequence == 1


@pytest.mark.django_db
def test_an_unreachable_bsre_is_said_before_the_form(
    client, official, at_signer, demo_user, signer_keys, remote_signing, settings
):
    remote_signing("bsre")
    settings.AUTENTIKA_SIGNING_BACKENDS["kpu-sumut/KETUA"]["url"] = "http://127.0.0.1:9"
    html = _page(client, demo_user, at_signer())
    assert "tidak dapat dihubungi" in html and 'name="passphrase"' not in html


@pytest.mark.django_db
def test_the_local_key_page_is_unchanged(client, official, at_signer, demo_user, signer_keys):
    html = _page(client, demo_user, at_signer())
    assert 'data-testid="provider-status"' not in html
    assert 'id="sign-form"' in html
    assert "Frasa sandi sertifikat tanda tangan elektronik" in html
