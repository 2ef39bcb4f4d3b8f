import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from autentika.demo import pki


def test_home_requires_login(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_home_shows_the_users_position(client, sumut, demo_user):
    client.force_login(demo_user("tu"))
    page = client.get(reverse("home")).content.decode()
    assert "Pengelola Tata Usaha" in page
    assert 'lang="id"' in page


def test_login_page_is_indonesian_and_logs_in(client, sumut):
    assert "Masuk ke Autentika" in client.get(reverse("login")).content.decode()
    response = client.post(reverse("login"), {"username": "ketua", "password": "demo-autentika"})
    assert response.status_code == 302


def test_repeated_failed_logins_lock_the_account(client, sumut):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "ketua", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "ketua", "password": "demo-autentika"})
    assert response.status_code == 429
    assert "dikunci sementara" in response.content.decode()


def _deploy_check(tmp_path, **extra):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "autentika.config.settings.prod",
        "ALLOWED_HOSTS": "autentika.kpu.example",
        "AUTENTIKA_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
    )


@pytest.mark.parametrize("proxy", [{}, {"BEHIND_TLS_PROXY": "1"}], ids=["direct", "behind-proxy"])
def test_production_settings_pass_the_deploy_check(tmp_path, proxy):
    """No error, no warning, nothing silenced: the output is Django's "no issues" line."""
    _, root = pki.test_ca_create(common_name="Root CA (uji)")
    (tmp_path / "root.pem").write_bytes(pki.certificate_to_pem(root))
    result = _deploy_check(
        tmp_path,
        AUTENTIKA_TRUST_ROOTS=str(tmp_path / "root.pem"),
        AUTENTIKA_TSA_URL="https://tsa.example/tsa",
        AUTENTIKA_PUBLIC_URL="https://autentika.kpu.example",
        **proxy,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr
    assert (tmp_path / "secret_key").exists()


def test_deploy_check_refuses_what_cannot_be_checked(tmp_path):
    result = _deploy_check(
        tmp_path, AUTENTIKA_PUBLIC_URL="http://127.0.0.1:8000", AUTENTIKA_TRUST_DEMO_CA="1"
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for code in ("autentika.E001", "autentika.E002", "autentika.E003", "autentika.E004"):
        assert code in output
