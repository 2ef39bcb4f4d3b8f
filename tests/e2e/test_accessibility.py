"""Every role's main pages pass axe-core with no serious or critical violation, and the pages
a party or a phone user opens do not scroll sideways at 375 px."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.support.browser import context_close_when_idle
from tests.support.portal import PARTY_PASSWORD

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    # axe is injected as a script: the test context lets it past the app's CSP (the app
    # itself is served unchanged).
    context = browser.new_context(base_url=live_server.url, locale="id-ID", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.on("dialog", lambda dialog: dialog.accept())
    yield page
    context_close_when_idle(context)


def _serious(page: Page, path: str) -> list[str]:
    page.goto(path)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{path}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def _overflows(page: Page, path: str) -> bool:
    page.goto(path)
    return bool(page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"))


def test_main_pages_of_every_role_have_no_serious_axe_violation(
    login,
    at_signer,
    official,
    signer_keys,
    party_user,
):
    draft = at_signer()
    case = draft.case
    pages = {
        "tu": [
            "/",
            "/kotak-masuk/",
            "/permohonan/",
            "/permohonan/baru/",
            "/serah-terima/",
            "/surat-keluar/",
            f"/permohonan/{case.pk}/",
        ],
        "ketua": ["/kotak-masuk/", f"/konsep/{draft.pk}/", f"/konsep/{draft.pk}/tandatangani/"],
        "pelaksana": ["/kotak-masuk/", "/hasil/", "/laporan/dasbor/"],
        "kasubbag": ["/kotak-masuk/", f"/konsep/{draft.pk}/"],
        "sekretaris": ["/kotak-masuk/", "/laporan/"],
    }
    found: list[str] = []
    for username, paths in pages.items():
        page = login(username)
        for path in paths:
            found += _serious(page, path)
        page.get_by_role("button", name="Keluar").click()
    party_user()
    page = login("golkar1", PARTY_PASSWORD)
    for path in ["/portal/", "/portal/permohonan/baru/"]:
        found += _serious(page, path)
    page.get_by_role("button", name="Keluar").click()
    for path in ["/portal/layanan/", "/verifikasi/", "/masuk/"]:
        found += _serious(page, path)
    assert found == [], "\n".join(found)


def test_phone_sized_pages_do_not_scroll_sideways(login, at_signer, official):
    draft = at_signer()
    page = login("tu")
    page.set_viewport_size({"width": 375, "height": 800})
    wide = [p for p in [f"/permohonan/{draft.case.pk}/", "/kotak-masuk/"] if _overflows(page, p)]
    page.get_by_role("button", name="Menu").click()  # on a phone the menu is folded
    page.get_by_role("button", name="Keluar").click()
    wide += [p for p in ["/portal/layanan/", "/verifikasi/"] if _overflows(page, p)]
    assert wide == []


def test_the_sekretaris_reaches_the_office_settings_and_a_refusal_is_accessible(login, sumut):
    """From the navigation to Pengaturan kantor; a chain that repeats a position is refused at
    its step, and the pages have no serious axe violation."""
    page = login("sekretaris")
    page.get_by_role("link", name="Pengaturan Kantor").first.click()
    page.wait_for_url("**/kantor/kpu-sumut/pengaturan/")
    review = page.locator("#alur-review")
    review.get_by_label("Jenjang 2").select_option(
        label="Pelaksana Subbagian Teknis Penyelenggara Pemilu"
    )
    review.get_by_role("button", name="Simpan alur").click()
    message = (
        page.locator("#alur-review")
        .get_by_role("alert")
        .filter(has_text="sudah ada pada jenjang 1")
    )
    message.wait_for()
    found = _serious(page, "/kantor/kpu-sumut/pengaturan/")
    kabag = sumut.positions.get(code="KABAG")
    found += _serious(page, f"/kantor/kpu-sumut/pengaturan/jabatan/{kabag.pk}/")
    assert found == [], "\n".join(found)
