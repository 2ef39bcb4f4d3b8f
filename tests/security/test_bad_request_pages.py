"""Under production settings (DEBUG off) a request Django refuses is answered in Indonesian:
400 for a malformed request, 413 for a body above the limit, 414 for an address too long;
the API answers the same statuses as JSON."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def raw_client(settings):
    settings.DEBUG = False
    return Client(raise_request_exception=False)


def _page(response) -> str:  # type: ignore[no-untyped-def]
    page = response.content.decode()
    assert '<html lang="id">' in page
    assert "Bad Request" not in page and "Request Entity" not in page
    return page


def test_a_host_not_served_here_is_an_indonesian_400(raw_client):
    response = raw_client.get("/masuk/", HTTP_HOST="penyusup.example")
    assert response.status_code == 400
    assert "Permintaan tidak dapat diproses" in _page(response)


def test_too_many_form_fields_is_an_indonesian_400(raw_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    fields = {f"isian{number}": "x" for number in range(11)}
    response = raw_client.post("/masuk/", fields)
    assert response.status_code == 400
    page = _page(response)
    assert "Tidak ada data yang tersimpan" in page


def test_a_body_above_the_limit_is_an_indonesian_413(raw_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = raw_client.post("/masuk/", {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "Kiriman terlalu besar" in _page(response)


def test_an_address_above_the_limit_is_an_indonesian_414(raw_client):
    too_long = "/verifikasi/" + "a" * 2100
    response = raw_client.get(too_long)
    assert response.status_code == 414
    assert "Alamat terlalu panjang" in _page(response)
    # a long query string counts as well
    assert raw_client.get("/masuk/", {"next": "/" + "b" * 2100}).status_code == 414
    # an address within the limit is served as usual (here: a token that names no letter)
    assert raw_client.get("/verifikasi/" + "a" * 1000 + "/").status_code == 404


def test_the_api_answers_400_413_and_414_as_json(raw_client, settings):
    bad_host = raw_client.get("/api/v1/letters/abc", HTTP_HOST="penyusup.example")
    assert bad_host.status_code == 400
    assert bad_host["Content-Type"].startswith("application/json")
    assert bad_host.json()["detail"].startswith("Permintaan tidak sah")

    long_address = raw_client.get("/api/v1/letters/" + "a" * 2100)
    assert long_address.status_code == 414
    assert long_address.json()["detail"] == "Alamat terlalu panjang."

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    too_big = raw_client.post(
        "/api/v1/verify", "x" * 2000, content_type="application/x-www-form-urlencoded"
    )
    assert too_big.status_code == 413
    assert too_big.json()["detail"].startswith("Kiriman terlalu besar")


def test_the_refusal_pages_need_no_template_tags():
    from pathlib import Path

    from django.conf import settings

    for name in ("400.html", "413.html", "414.html"):
        text = (Path(settings.BASE_DIR) / "autentika/core/templates" / name).read_text()
        assert "{%" not in text and "{{" not in text
