"""Users change their password, and reset a forgotten one by e-mail (Indonesian)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

NEW = "Pemilu-Sumut-2029!"


def test_password_change_from_the_user_menu(client, demo_user):
    user = demo_user("tu")
    client.force_login(user)
    home = client.get(reverse("home")).content.decode()
    assert reverse("password_change") in home and "Ubah kata sandi" in home
    page = client.get(reverse("password_change")).content.decode()
    assert "Ubah kata sandi" in page
    wrong = client.post(
        reverse("password_change"),
        {"old_password": "salah", "new_password1": NEW, "new_password2": NEW},
    )
    assert wrong.status_code == 200
    done = client.post(
        reverse("password_change"),
        {"old_password": "demo-autentika", "new_password1": NEW, "new_password2": NEW},
        follow=True,
    )
    assert "Kata sandi sudah diubah" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_password_reset_by_indonesian_email(client, demo_user):
    user = demo_user("tu")
    user.email = "tu@kpu-sumut.go.id"
    user.save()
    login = client.get(reverse("login")).content.decode()
    assert "Lupa kata sandi?" in login
    response = client.post(reverse("password_reset"), {"email": user.email}, follow=True)
    assert "Periksa surel Anda" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Autentika: tautan untuk membuat kata sandi baru"
    assert "Seseorang meminta kata sandi baru" in message.body
    link = re.search(r"https?://[^/]+(/masuk/atur/\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    assert "Buat kata sandi baru" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True
    )
    assert "Kata sandi baru sudah disimpan" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW)
    # the link works once
    again = client.get(link, follow=True).content.decode()
    assert "Tautan ini tidak berlaku lagi" in again


def test_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "tidak@ada.id"}, follow=True)
    assert "Periksa surel Anda" in response.content.decode()
    assert mail.outbox == []
