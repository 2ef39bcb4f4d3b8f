"""Errors answer in Indonesian without needing the database; the API answers JSON."""

import errno

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from autentika.config.urls import urlpatterns as app_urls
from autentika.core.errors import server_error


def _db_down(request):
    raise OperationalError("could not connect to server: Connection refused")


def _disk_full(request):
    raise OSError(errno.ENOSPC, "No space left on device")


def _bug(request):
    raise RuntimeError("kegagalan yang disengaja")


urlpatterns = [
    path("uji/db/", _db_down),
    path("uji/disk/", _disk_full),
    path("uji/bug/", _bug),
    path("api/v1/uji/db/", _db_down),
    path("api/v1/uji/bug/", _bug),
    *app_urls,
]
handler403 = "autentika.core.errors.permission_denied"
handler404 = "autentika.core.errors.page_not_found"
handler500 = "autentika.core.errors.server_error"


@pytest.fixture
def raw_client(settings):
    settings.ROOT_URLCONF = __name__
    settings.DEBUG = False
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/uji/db/", "/uji/disk/"])
def test_outage_is_503_layanan_sedang_gangguan(raw_client, url):
    response = raw_client.post(url, {"isian": "data"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "Layanan sedang gangguan" in page
    assert "Data yang baru Anda kirim belum tersimpan" in page
    assert response["Retry-After"] == "60"


@pytest.mark.django_db
def test_a_bug_is_an_indonesian_500(raw_client):
    response = raw_client.get("/uji/bug/")
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in response.content.decode()
    assert "Server Error" not in response.content.decode()


def test_the_error_pages_render_without_a_database(rf):
    # no database access is allowed here: a page that touched it would raise
    request = rf.get("/")
    try:
        raise OperationalError("database is locked")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    try:
        raise RuntimeError("x")
    except RuntimeError:
        assert server_error(request).status_code == 500


def test_outage_in_a_middleware_before_any_view_is_503(raw_client, monkeypatch):
    from django.contrib.sessions.backends import db

    def broken(self, *args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(db.SessionStore, "load", broken)
    raw_client.cookies["sessionid"] = "x" * 32
    response = raw_client.get("/")
    assert response.status_code == 503
    assert "Layanan sedang gangguan" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "detail"),
    [
        ("/api/v1/tidak-ada/", 404, "Tidak ditemukan."),
        ("/api/v1/letters/", 404, "Tidak ditemukan."),
        ("/api/v1/uji/bug/", 500, "Terjadi kesalahan pada server; coba lagi nanti."),
        ("/api/v1/uji/db/", 503, "Layanan sedang gangguan"),
    ],
)
def test_the_api_answers_json_errors(raw_client, url, status, detail):
    response = raw_client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"].startswith(detail)


@pytest.mark.django_db
def test_the_api_answers_json_403(raw_client):
    response = raw_client.get("/api/v1/requests", HTTP_AUTHORIZATION="Bearer atk_salah")
    assert response.status_code in (401, 403)
    assert response["Content-Type"].startswith("application/json")


def test_500_template_has_no_template_tags():
    from pathlib import Path

    from django.conf import settings

    for name in ("500.html", "503.html"):
        text = (Path(settings.BASE_DIR) / "autentika/core/templates" / name).read_text()
        assert "{%" not in text and "{{" not in text
