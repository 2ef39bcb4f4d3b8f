from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, context_close_when_idle


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The hook sees the whole session's items: mark only the browser tests.
    for item in items:
        if item.nodeid.startswith("tests/e2e/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    # Irreversible steps ask for confirmation (data-confirm); the tests accept and record it.
    page.dialogs = []  # type: ignore[attr-defined]

    def accept(dialog):  # type: ignore[no-untyped-def]
        page.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        dialog.accept()

    page.on("dialog", accept)
    yield page
    context_close_when_idle(context)


@pytest.fixture(autouse=True)
def second_factor_required(settings):  # type: ignore[no-untyped-def]
    """The browser tests run with the production rule: administrators and the holders of the
    duties that manage people, accounts or signing (the Ketua, the Sekretaris, Tata Usaha) must
    use their second factor (the unit tests' settings leave it off)."""
    settings.AUTENTIKA_OTP_REQUIRED = True


@pytest.fixture
def login(page: Page):  # type: ignore[no-untyped-def]
    """Signs in through the login page. A user who must have a second factor gets a demo
    authenticator device, as seed_demo gives those demo users, and the code step is answered
    with the code its app would show."""
    from django.contrib.auth import get_user_model

    from autentika.organization import second_factor as sf

    def log_in(username: str, password: str = "demo-autentika") -> Page:
        user = get_user_model().objects.filter(username=username).first()
        device = None
        if user is not None and sf.second_factor_required(user):
            device = sf.demo_totp_device(user=user)
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Kata sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        if device is not None and password == "demo-autentika":
            page.wait_for_url("**/masuk/kode/**")
            page.get_by_label("Kode verifikasi atau kode pemulihan").fill(sf.totp_code_now(device))
            page.get_by_role("button", name="Verifikasi").click()
        return page

    return log_in
