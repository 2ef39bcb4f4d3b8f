import subprocess
import sys

from django.conf import settings
from django.urls import reverse


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


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "autentika.config.settings.prod",
        "ALLOWED_HOSTS": "autentika.kpu.example",
        "AUTENTIKA_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "secret_key").exists()
