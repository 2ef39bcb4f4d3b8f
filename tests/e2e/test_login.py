from playwright.sync_api import expect


def test_demo_user_logs_in_and_sees_the_home_page(sumut, login):
    page = login("tu")
    expect(page.get_by_role("heading", name="Selamat datang, Sri Wahyuni Harahap")).to_be_visible()
    expect(page.get_by_text("Pengelola Tata Usaha")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_role("heading", name="Masuk ke Autentika")).to_be_visible()


def test_wrong_password_is_refused_in_indonesian(sumut, login):
    page = login("tu", password="salah")
    expect(page.locator(".alert-danger")).to_contain_text("kata sandi")


def test_signer_enters_the_code_of_the_authenticator_after_the_password(sumut, page):
    from django.contrib.auth import get_user_model

    from autentika.organization import second_factor as sf

    device = sf.demo_totp_device(user=get_user_model().objects.get(username="ketua"))
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("ketua")
    page.get_by_label("Kata sandi").fill("demo-autentika")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Verifikasi dua langkah")).to_be_visible()
    page.get_by_label("Kode verifikasi atau kode pemulihan").fill("000000x")
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.locator(".alert-danger")).to_contain_text("Kode verifikasi salah")
    page.get_by_label("Kode verifikasi atau kode pemulihan").fill(sf.totp_code_now(device))
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_role("heading", name="Selamat datang, Ahmad Syahputra")).to_be_visible()


def test_signer_without_a_device_enrols_first(sumut, page):
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from autentika.organization import second_factor as sf

    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("ketua")
    page.get_by_label("Kata sandi").fill("demo-autentika")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Aktifkan verifikasi dua langkah")).to_be_visible()
    expect(page.get_by_test_id("otp-qr").locator("svg")).to_be_visible()
    ketua = get_user_model().objects.get(username="ketua")
    device = TOTPDevice.objects.get(user=ketua, confirmed=False)
    page.get_by_label("Kode 6 angka dari aplikasi").fill(sf.totp_code_now(device))
    page.get_by_role("button", name="Konfirmasi dan aktifkan").click()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
