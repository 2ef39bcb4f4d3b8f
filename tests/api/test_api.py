"""The JSON API: public verification by token and by file, a party's own requests by its
token, and a property-based run (schemathesis) that finds no server error."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from autentika.letters.revocation import letter_revoke
from autentika.portal.services import party_token_create
from tests.support.organization import LOADED_SAMPLE


def _verify(client, content: bytes, token: str = ""):
    data: dict[str, object] = {"file": SimpleUploadedFile("surat.pdf", content, "application/pdf")}
    if token:
        data["token"] = token
    return client.post("/api/v1/verify", data)


def test_schema_is_served(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/letters/{token}", "/api/v1/verify", "/api/v1/requests"} <= set(paths)


@pytest.mark.django_db
def test_letter_by_token(client, official, sign, demo_user):
    letter = sign()
    body = client.get(f"/api/v1/letters/{letter.verification_token}").json()
    assert body["valid"] is True and body["status"] == "valid"
    assert body["letter"]["number"] == letter.number
    assert body["letter"]["sha256"] == letter.sha256
    assert body["letter"]["tables"][0]["total_votes"] == 412_345 + 198_004 + 250_117
    assert body["letter"]["verification_url"].endswith(f"/verifikasi/{letter.verification_token}/")
    letter_revoke(letter=letter, actor=demo_user("ketua"), reason="Koreksi")
    body = client.get(f"/api/v1/letters/{letter.verification_token}").json()
    assert body["valid"] is False and body["status"] == "revoked"
    assert body["letter"]["revocation_reason"] == "Koreksi"
    response = client.get("/api/v1/letters/tidak-ada")
    assert response.status_code == 404
    assert response.json() == {
        "valid": False,
        "status": "not_found",
        "headline": "Surat tidak ditemukan",
        "explanation": "Tidak ada surat yang tercatat dengan kode ini.",
        "letter": None,
    }


@pytest.mark.django_db
def test_verify_file(client, official, sign, demo_user):
    letter, other = sign(), sign(party_number=5)
    pdf = bytes(letter.pdf)
    body = _verify(client, pdf).json()
    assert body["valid"] is True and body["status"] == "valid"
    assert body["letter"]["number"] == letter.number and body["signature_trusted"] is True
    changed = bytearray(pdf)
    changed[changed.index(b"/Type /Page") + 1] ^= 0x01
    body = _verify(client, bytes(changed)).json()
    assert body["valid"] is False and body["status"] == "invalid"
    body = _verify(client, bytes(other.pdf), token=letter.verification_token).json()
    assert body["valid"] is False and body["status"] == "mismatch"
    body = _verify(client, b"hello").json()
    assert body["valid"] is False and body["status"] == "not_pdf"
    response = _verify(client, b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024 + 1))
    assert response.status_code == 413 and response.json()["status"] == "too_large"
    body = _verify(client, pdf, token="tidak-ada").json()
    assert body["status"] == "not_found"
    letter_revoke(letter=letter, actor=demo_user("ketua"), reason="Koreksi")
    body = _verify(client, pdf, token=letter.verification_token).json()
    assert body["valid"] is False and body["status"] == "revoked"
    assert client.post("/api/v1/verify", {}).status_code == 422


@pytest.mark.django_db
def test_misses_are_slowed(client, sumut, settings):
    settings.AUTENTIKA_VERIFY_MISS_LIMIT = 2
    assert client.get("/api/v1/letters/a").status_code == 404
    assert client.get("/api/v1/letters/b").status_code == 404
    assert client.get("/api/v1/letters/c").status_code == 429


@pytest.mark.django_db
def test_party_token_sees_only_its_own_requests(
    client, official, sign, party_user, loaded_office_user
):
    golkar_letter = sign(party_number=4)
    nasdem_letter = sign(party_number=5)
    golkar, nasdem = party_user("golkar1", "Golkar"), party_user("nasdem1", "NasDem")
    token, _ = party_token_create(account=golkar.party_account, actor=golkar)
    nasdem_token, _ = party_token_create(account=nasdem.party_account, actor=nasdem)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    body = api.get("/api/v1/requests").json()
    assert body["party"] == "Golkar"
    assert [r["id"] for r in body["requests"]] == [golkar_letter.case_id]
    assert body["requests"][0]["letters"][0]["number"] == golkar_letter.number
    assert body["requests"][0]["steps"][-1]["status"] == "done"
    assert api.get(f"/api/v1/requests/{golkar_letter.case_id}").status_code == 200
    assert api.get(f"/api/v1/requests/{nasdem_letter.case_id}").status_code == 404
    assert api.get("/api/v1/requests/99999999999999999999").status_code in (404, 422)
    other = Client(HTTP_AUTHORIZATION=f"Bearer {nasdem_token}")
    assert other.get(f"/api/v1/requests/{golkar_letter.case_id}").status_code == 404
    assert Client().get("/api/v1/requests").status_code == 401
    bad = Client(HTTP_AUTHORIZATION="Bearer atk_nope")
    assert bad.get("/api/v1/requests").status_code == 401
    # a deactivated account's token stops working
    from autentika.portal.services import party_account_deactivate

    tu = get_user_model().objects.get(username="tu")
    party_account_deactivate(account=golkar.party_account, actor=tu)
    assert api.get("/api/v1/requests").status_code == 401
    _other_offices_see_none_of(client, golkar_letter, loaded_office_user)


def _other_offices_see_none_of(client, letter, loaded_office_user):  # type: ignore[no-untyped-def]
    """Over a sample of the offices `offices_load` creates: the same party's account at
    another office gets none of this office's requests, and that office's staff cannot
    download this office's signed letter."""
    from django.urls import reverse
    from django.utils import timezone

    from autentika.portal.models import PartyAccount

    for office_code in LOADED_SAMPLE:
        tu = loaded_office_user(office_code, "TU")
        # the account as that office's Tata Usaha would make it, for the same party
        account = PartyAccount.objects.create(
            user=get_user_model().objects.create_user(username=f"golkar-{office_code}"),
            office=tu.assignments.get().position.office,
            party_short_name=letter.case.party.short_name,
            created_at=timezone.now(),
            created_by=tu,
        )
        token, _ = party_token_create(account=account, actor=account.user)
        api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        assert api.get("/api/v1/requests").json()["requests"] == []
        assert api.get(f"/api/v1/requests/{letter.case_id}").status_code == 404
        client.force_login(tu)
        assert client.get(reverse("letters:letter_pdf", args=[letter.pk])).status_code == 404


@pytest.mark.django_db
def test_staff_session_is_no_api_token(client, demo_user, official):
    client.force_login(demo_user("tu"))
    assert client.get("/api/v1/requests").status_code == 401
