"""No lost work, in the browser: two tabs on one draft (the later save meets a conflict and
nothing is lost), the idle timeout while typing (the text is offered back after logging in
again, and the editor warned before), and a submit without change (no version)."""

import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import Page, expect

from autentika.core.middleware import SESSION_SEEN_KEY
from autentika.letters.drafting import draft_create

BODY = "Isi (pisahkan paragraf dengan baris kosong)"


@pytest.fixture
def fresh_draft(at_drafter, official, demo_user):
    return draft_create(case=at_drafter(), actor=demo_user("pelaksana"), kind="certificate")


def test_two_tabs_on_one_draft_lose_nothing(fresh_draft, login):
    draft = fresh_draft
    tab_a = login("pelaksana")
    tab_a.goto(f"/konsep/{draft.pk}/")
    tab_b = tab_a.context.new_page()
    tab_b.goto(f"/konsep/{draft.pk}/")

    body = tab_a.get_by_label(BODY)
    body.fill(body.input_value() + "\n\nKalimat tambahan dari tab A.")
    tab_a.get_by_role("button", name="Simpan versi baru").click()
    expect(tab_a.get_by_text("Versi baru konsep disimpan")).to_be_visible()

    tab_b.get_by_label("Penutup").fill("Penutup dari tab B.")
    tab_b.get_by_role("button", name="Simpan versi baru").click()
    expect(tab_b.get_by_test_id("conflict")).to_contain_text("sejak Anda membuka versi 1")
    texts = tab_b.get_by_test_id("conflict-texts")
    expect(texts).to_contain_text("Penutup dari tab B.")
    expect(texts).to_contain_text("Kalimat tambahan dari tab A.")
    assert draft.versions.count() == 2

    # Merge: B's closing over A's text, saved as a new version.
    merged = tab_b.get_by_label(BODY)
    merged.fill(merged.input_value() + "\n\nKalimat tambahan dari tab A.")
    tab_b.get_by_role("button", name="Simpan teks saya sebagai versi baru").click()
    expect(tab_b.get_by_text("Versi baru konsep disimpan")).to_be_visible()
    current = draft.current_version
    assert current.number == 3
    assert "Kalimat tambahan dari tab A." in current.body
    assert current.closing == "Penutup dari tab B."
    tab_b.close()


def test_the_idle_timeout_while_typing_loses_nothing(fresh_draft, login, settings):
    draft = fresh_draft
    page: Page = login("pelaksana")
    page.clock.install()
    page.goto(f"/konsep/{draft.pk}/")
    expect(page.get_by_test_id("idle-warning")).to_be_hidden()
    minutes = settings.AUTENTIKA_SESSION_IDLE_MINUTES
    page.clock.run_for((minutes - 1) * 60 * 1000)
    expect(page.get_by_test_id("idle-warning")).to_be_visible()
    page.get_by_role("button", name="Perpanjang sesi").click()
    expect(page.get_by_test_id("idle-warning")).to_be_hidden()  # extended
    page.clock.run_for((minutes - 1) * 60 * 1000)
    expect(page.get_by_test_id("idle-warning")).to_be_visible()

    page.get_by_label(BODY).fill("Teks panjang yang diketik sampai sesi berakhir.")
    # The session ends on the server: its last activity lies beyond the idle limit.
    cookie = next(c for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=cookie["value"])
    session[SESSION_SEEN_KEY] = int(time.time()) - minutes * 60 - 5
    session.save()
    page.get_by_role("button", name="Simpan versi baru").click()
    expect(page.get_by_text("disimpan sementara untuk Anda")).to_be_visible()
    assert draft.versions.count() == 1

    page.get_by_label("Nama pengguna").fill("pelaksana")
    page.get_by_label("Kata sandi").fill("demo-autentika")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("unsaved")).to_contain_text("belum tersimpan")
    page.get_by_role("link", name="Pulihkan ke penyunting").click()
    expect(page.get_by_label(BODY)).to_have_value("Teks panjang yang diketik sampai sesi berakhir.")
    page.get_by_role("button", name="Simpan versi baru").click()
    expect(page.get_by_text("Versi baru konsep disimpan")).to_be_visible()
    assert draft.current_version.body == "Teks panjang yang diketik sampai sesi berakhir."


def test_submitting_without_change_records_no_version(fresh_draft, login):
    draft = fresh_draft
    page = login("pelaksana")
    page.goto(f"/konsep/{draft.pk}/")
    page.get_by_role("button", name="Ajukan untuk paraf").click()
    expect(page.get_by_test_id("draft-state")).to_have_text("Dalam paraf berjenjang")
    expect(page.get_by_text("dijadikan versi")).to_have_count(0)
    assert draft.versions.count() == 1
