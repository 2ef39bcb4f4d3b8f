"""A typed figure is pointed at in the editor and refused; the public page of the signed
letter names the decision, the archive version and its hash, the party per table and the
letter's full text."""

from playwright.sync_api import expect

from autentika.letters.models import SignedLetter
from tests.letters.test_letter_flow import _sign
from tests.support.letters import SOURCE_SHA256


def test_typed_figure_is_refused_in_the_editor(at_drafter, official, login):
    case = at_drafter()
    page = login("pelaksana")
    page.get_by_role("link", name="Kotak Masuk").click()
    page.get_by_role("link", name=case.agenda_label).click()
    page.get_by_label("Jenis surat balasan").select_option("certificate")
    page.get_by_role("button", name="Susun konsep balasan").click()
    expect(page.get_by_test_id("placeholders")).to_contain_text("{{suara:dprd-sumut-2024}}")
    expect(page.get_by_test_id("placeholders")).to_contain_text("860.466")
    body = page.get_by_label("Isi (pisahkan paragraf dengan baris kosong)")
    body.fill(body.input_value() + "\n\nPartai memperoleh 9.999.999 suara sah.")
    expect(page.get_by_test_id("figure-problems")).to_contain_text("“9.999.999”", timeout=10_000)
    page.get_by_role("button", name="Simpan versi baru").click()
    page.get_by_role("button", name="Ajukan untuk paraf").click()
    expect(page.get_by_text("tidak berasal dari data arsip").first).to_be_visible()
    expect(page.get_by_test_id("draft-state")).to_have_text("Disusun oleh pelaksana")


def test_public_page_traces_every_figure(at_signer, official, signer_keys, demo_user, page):
    letter: SignedLetter = _sign(at_signer(), demo_user, signer_keys)
    page.goto(f"/verifikasi/{letter.verification_token}/")
    expect(page.get_by_test_id("letter-status")).to_have_attribute("data-status", "valid")
    table = page.get_by_test_id("data-table")
    expect(table).to_have_attribute("data-election", "dprd-sumut-2024")
    expect(table).to_contain_text("Partai Golongan Karya")
    expect(table).to_contain_text("nomor urut 4 pada pemilu ini")
    source = page.get_by_test_id("table-source")
    expect(source).to_contain_text("Keputusan Nomor 21 Tahun 2024 tanggal 28 Mei 2024")
    expect(source).to_contain_text("Arsip hasil versi 1, berkas lampiran-sk-21-2024.xlsx")
    expect(source).to_contain_text(SOURCE_SHA256)
    text = page.get_by_test_id("letter-text")
    expect(text).to_contain_text(f"Nomor {letter.case.letter_number}")
    expect(text).to_contain_text("860.466 suara sah dan 7 kursi")
    expect(text).to_contain_text("Demikian surat keterangan ini dibuat")
