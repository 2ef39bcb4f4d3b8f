"""The pages #28 added pass axe-core with no serious or critical violation: the conflict
page, the draft page offering back unsaved text, and the signing page showing what is
signed, before and after signing."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from autentika.letters.drafting import draft_create
from autentika.letters.services import letter_sign
from autentika.letters.unsaved import unsaved_keep
from tests.e2e.test_accessibility import AXE
from tests.support.browser import context_close_when_idle
from tests.support.letters import PASSWORD, verified


@pytest.fixture
def page(browser: Browser, live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="id-ID", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context_close_when_idle(context)


def _serious_here(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{page.url}: {v['id']} ({v['impact']}) {v['nodes'][0]['target']}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def test_the_conflict_and_unsaved_text_pages_pass_axe(
    at_drafter,
    official,
    demo_user,
    login,
):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    unsaved_keep(
        draft=draft, user=pelaksana, posted={"body": "Teks tersimpan sementara."}, based_on=1
    )
    page = login("pelaksana")
    page.goto(f"/konsep/{draft.pk}/")
    expect(page.get_by_test_id("unsaved")).to_be_visible()
    problems = _serious_here(page)
    other = page.context.new_page()
    other.goto(f"/konsep/{draft.pk}/")
    page.get_by_label("Penutup").fill("Penutup dari tab pertama.")
    page.get_by_role("button", name="Simpan versi baru").click()
    other.get_by_label("Penutup").fill("Penutup dari tab kedua.")
    other.get_by_role("button", name="Simpan versi baru").click()
    expect(other.get_by_test_id("conflict")).to_be_visible()
    problems += _serious_here(other)
    other.close()
    assert problems == []


def test_the_signing_page_passes_axe_before_and_after_signing(
    at_signer,
    official,
    signer_keys,
    demo_user,
    login,
):
    draft = at_signer()
    page = login("ketua")
    page.goto(f"/konsep/{draft.pk}/tandatangani/")
    expect(page.get_by_test_id("what-is-signed")).to_be_visible()
    assert _serious_here(page) == []
    letter_sign(
        draft=draft, actor=verified(demo_user("ketua")), password=PASSWORD, passphrase=signer_keys
    )
    page.goto(f"/konsep/{draft.pk}/tandatangani/")
    expect(page.get_by_test_id("already-signed")).to_be_visible()
    assert _serious_here(page) == []
