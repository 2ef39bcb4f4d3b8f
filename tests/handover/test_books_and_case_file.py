"""The receipt book (PDF, XLSX, export_book), the receipt PDF, the case file ZIP, the pages."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from autentika.core.periods import Period
from autentika.core.uploads import Upload
from autentika.handover.books import receipts_book_pdf, receipts_book_xlsx
from autentika.handover.documents import case_file_zip, receipt_pdf
from autentika.handover.services import handover_record, receipt_scan_attach
from autentika.letters.drafting import draft_revise
from autentika.letters.review import draft_return
from tests.pdf import pdf_text
from tests.support.documents import scan_pdf


def _hand_over(letter, tu):
    return handover_record(
        letter=letter,
        actor=tu,
        recipient_name="Budi Santoso",
        recipient_position="Sekretaris DPD",
        identity_number="1271011203850001",
        handed_at=timezone.now(),
        channel="in_person",
    )


@pytest.mark.django_db
def test_receipt_book_xlsx_pdf_and_command(signed_letter, demo_user, sumut, tmp_path):
    letter = signed_letter()
    receipt = _hand_over(letter, demo_user("tu"))
    period = Period.year(timezone.localdate().year)
    sheet = load_workbook(io.BytesIO(receipts_book_xlsx(office=sumut, period=period))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("Buku Tanda Terima")
    assert rows[3][0] == receipt.number_label
    assert rows[3][2] == letter.number
    assert rows[3][6] == "Budi Santoso"
    assert "1271********0001" in rows[3][8]
    assert "1271011203850001" not in json.dumps(rows)
    text = pdf_text(receipts_book_pdf(office=sumut, period=period))
    assert "BUKU TANDA TERIMA" in text and "Budi Santoso" in text and letter.number in text
    # an earlier year is empty
    empty = pdf_text(receipts_book_pdf(office=sumut, period=Period.year(2001)))
    assert "Tidak ada penyerahan surat" in empty
    out = tmp_path / "tt.xlsx"
    call_command(
        "export_book",
        "receipts",
        office=sumut.code,
        year=period.start.year,
        format="xlsx",
        out=str(out),
    )
    assert load_workbook(out).active.cell(row=4, column=7).value == "Budi Santoso"
    receipt_text = pdf_text(receipt_pdf(receipt=receipt))
    assert "TANDA TERIMA" in receipt_text and letter.number in receipt_text
    assert "1271********0001" in receipt_text


@pytest.mark.django_db
def test_case_file_zip_manifest_matches(official, at_drafter, demo_user, signer_keys):
    from autentika.letters.drafting import draft_create
    from autentika.letters.review import draft_approve, draft_submit
    from autentika.letters.services import letter_sign
    from tests.support.letters import PASSWORD

    case = at_drafter()
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    draft_submit(draft=draft, actor=demo_user("pelaksana"))
    draft_return(draft=draft, actor=demo_user("kasubbag"), note="Perbaiki perihal.")
    draft_revise(draft=draft, actor=demo_user("pelaksana"), body="Isi yang diperbaiki.")
    draft_submit(draft=draft, actor=demo_user("pelaksana"))
    for username in ["kasubbag", "kabag", "sekretaris"]:
        draft_approve(draft=draft, actor=demo_user(username))
    letter = letter_sign(
        draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=signer_keys
    )
    receipt = _hand_over(letter, demo_user("tu"))
    receipt_scan_attach(receipt=receipt, actor=demo_user("tu"), upload=Upload("tt.pdf", scan_pdf()))
    archive = zipfile.ZipFile(io.BytesIO(case_file_zip(case=letter.case)))
    manifest = json.loads(archive.read("MANIFEST.json"))
    paths = [f["path"] for f in manifest["files"]]
    assert any(p.startswith("1-permohonan/") for p in paths)
    assert "2-disposisi/lembar-disposisi.pdf" in paths
    assert "3-konsep/versi-01.pdf" in paths and "3-konsep/versi-01-catatan.txt" in paths
    assert any(p.startswith("4-surat/") for p in paths)
    assert any(p.endswith("-pindaian.pdf") for p in paths)
    assert "6-jejak-audit.csv" in paths
    assert set(archive.namelist()) == {*paths, "MANIFEST.json", "SHA256SUMS"}
    for entry in manifest["files"]:
        content = archive.read(entry["path"])
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]
        assert len(content) == entry["size"]
    signed = next(p for p in paths if p.startswith("4-surat/"))
    assert archive.read(signed) == bytes(letter.pdf)
    assert "Perbaiki perihal." in archive.read("3-konsep/versi-01-catatan.txt").decode()
    assert "Diparaf" in archive.read("3-konsep/versi-02-catatan.txt").decode()


@pytest.mark.django_db
def test_pages_hand_over_and_search(client, signed_letter, demo_user):
    letter = signed_letter()
    case = letter.case
    client.force_login(demo_user("tu"))
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Catat penyerahan" in detail
    url = reverse("handover:create", args=[case.pk])
    bad = client.post(
        url,
        {
            "recipient_name": "Budi Santoso",
            "recipient_position": "Sekretaris",
            "identity_kind": "nik",
            "identity_number": "12345",
            "handed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "channel": "in_person",
        },
    )
    assert "NIK harus 16 angka" in bad.content.decode()
    good = client.post(
        url,
        {
            "recipient_name": "Budi Santoso",
            "recipient_position": "Sekretaris",
            "identity_kind": "nik",
            "identity_number": "1271011203850001",
            "handed_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "channel": "in_person",
        },
    )
    assert good.status_code == 302
    page = client.get(reverse("handover:list"), {"q": "budi"}).content.decode()
    assert "1271********0001" in page and letter.number in page
    assert "Budi" not in client.get(reverse("handover:list"), {"q": "zzz"}).content.decode()
    zipped = client.get(reverse("handover:case_file", args=[case.pk]))
    assert zipped["Content-Type"] == "application/zip"
    xlsx = client.get(reverse("handover:export", args=["xlsx"]))
    assert xlsx.status_code == 200
    # the Kabag may look but not hand over
    client.force_login(demo_user("kabag"))
    assert client.get(url).status_code == 403
