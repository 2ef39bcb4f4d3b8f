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
