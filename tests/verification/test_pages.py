"""The public verification page: status, facts, uploads, throttling, the QR on the letter."""

import io
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from autentika.letters.revocation import letter_replace_link, letter_revoke
from autentika.verification.models import MissCounter


def _page(client, letter):
    return client.get(reverse("verification:letter", args=[letter.verification_token]))


def _upload(client, letter, content: bytes, name: str = "surat.pdf"):
    url = reverse("verification:letter", args=[letter.verification_token])
    return client.post(url, {"file": SimpleUploadedFile(name, content, "application/pdf")})


def _verdict(response) -> str:
    return response.context["verdict"].status


@pytest.mark.django_db
def test_page_shows_the_letter_as_printed(client, official, sign):
    letter = sign()
    response = _page(client, letter)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Surat ini sah dan berlaku" in html
    for fact in (letter.number, letter.sha256, letter.signer_name, "Partai Golongan Karya"):
        assert fact in html
    assert letter.signer_position_title in html
    assert "Sumut 1" in html and "412.345" in html
    assert "SPESIMEN" not in html
    # no personal data beyond the letter: no employee number
    if letter.signer_employee_number:
        assert letter.signer_employee_number not in html
    # the full text as signed, so every sentence of the paper copy can be compared
    assert "Teks lengkap surat sebagaimana ditandatangani" in html
    assert f"Nomor {letter.case.letter_number} tanggal" in html
    assert "860.466 suara sah dan 7 kursi" in html


@pytest.mark.django_db
def test_genuine_changed_other_and_revoked_files(client, official, sign, demo_user):
    letter, other = sign(), sign(party_number=5)
    pdf = bytes(letter.pdf)
    response = _upload(client, letter, pdf)
    assert _verdict(response) == "valid"
    assert "sama persis" in response.content.decode()

    tampered = bytearray(pdf)
    index = tampered.index(b"/Type /Page") + 1
    tampered[index] ^= 0x01
    response = _upload(client, letter, bytes(tampered))
    assert _verdict(response) == "invalid"
    assert "tidak asli atau telah diubah" in response.content.decode()

    response = _upload(client, letter, bytes(other.pdf))
    assert _verdict(response) == "mismatch"
    assert other.number in response.content.decode()

    letter_revoke(letter=letter, actor=demo_user("ketua"), reason="Putusan MK Nomor 1/2025")
    response = _upload(client, letter, pdf)
    assert _verdict(response) == "revoked"
    html = response.content.decode()
    assert "Surat ini telah dicabut" in html and "Putusan MK Nomor 1/2025" in html


@pytest.mark.django_db
def test_replaced_letter_links_both_ways(client, official, sign, demo_user):
    old, new = sign(), sign()
    letter_replace_link(old=old, new=new, actor=demo_user("ketua"), reason="Koreksi hasil")
    html = _page(client, old).content.decode()
    assert "Surat ini telah diganti" in html and "Koreksi hasil" in html
    assert reverse("verification:letter", args=[new.verification_token]) in html
    html = _page(client, new).content.decode()
    assert "menggantikan surat" in html and old.number in html


@pytest.mark.django_db
def test_bad_uploads_get_a_clear_answer(client, official, sign, settings):
    letter = sign()
    response = _upload(client, letter, b"\x89PNG\r\n\x1a\nnot a pdf", "foto.png")
    assert response.status_code == 200 and _verdict(response) == "not_pdf"
    response = _upload(client, letter, b"%PDF-1.7\n garbage")
    assert _verdict(response) == "invalid"
    huge = b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024 + 1)
    response = _upload(client, letter, huge)
    assert response.status_code == 200
    assert "paling besar 10 MB" in response.content.decode()
    response = client.post(reverse("verification:letter", args=[letter.verification_token]))
    assert response.status_code == 200  # no file: the form says so


@pytest.mark.django_db
def test_index_checks_a_file_without_its_token(client, official, sign):
    letter = sign()
    response = client.post(
        reverse("verification:index"),
        {"file": SimpleUploadedFile("x.pdf", bytes(letter.pdf), "application/pdf")},
    )
    assert _verdict(response) == "valid"
    assert letter.number in response.content.decode()


@pytest.mark.django_db
def test_unknown_token_and_throttling(client, official, sign, settings):
    settings.AUTENTIKA_VERIFY_MISS_LIMIT = 3
    letter = sign()
    for attempt in range(3):
        response = client.get(f"/verifikasi/tebakan-{attempt}/")
        assert response.status_code == 404
        assert "Surat tidak ditemukan" in response.content.decode()
    response = client.get("/verifikasi/tebakan-lagi/")
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    # a genuine QR link still verifies for the throttled client
    response = client.get(reverse("verification:letter", args=[letter.verification_token]))
    assert response.status_code == 200
    assert letter.number in response.content.decode()
    # another address is not slowed
    assert client.get("/verifikasi/tebakan-0/", REMOTE_ADDR="10.9.8.7").status_code == 404
    # no address is stored
    assert not MissCounter.objects.filter(key__contains="127.0.0.1").exists()


@pytest.mark.django_db
def test_odd_tokens_never_fail(client, sumut):
    for token in ["a" * 150, "%00", "..", "x" * 400, "ąę"]:
        response = client.get(f"/verifikasi/{token}/")
        assert response.status_code in (404, 429)


@pytest.mark.django_db
def test_specimen_is_marked(client, election, sign, sumut):
    from tests.support.letters import archive_results

    archive_results(election, "sample")
    sumut.training_mode = True
    sumut.save()
    letter = sign()
    assert letter.is_specimen
    html = _page(client, letter).content.decode()
    assert "SPESIMEN" in html


@pytest.mark.django_db
def test_the_qr_on_the_letter_opens_this_letters_page(client, official, sign, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image

    letter = sign()
    path = tmp_path / "surat.pdf"
    path.write_bytes(bytes(letter.pdf))
    pages = []
    for number in range(1, 4):
        result = subprocess.run(
            ["pdftoppm", "-r", "200", "-png", "-f", str(number), "-l", str(number), str(path)],
            capture_output=True,
        )
        if result.returncode != 0 or not result.stdout:
            break
        pages.append(Image.open(io.BytesIO(result.stdout)))
    texts = [code.text for image in pages for code in zxingcpp.read_barcodes(image)]
    assert len(texts) == 1, texts
    url = texts[0]
    assert url.endswith(f"/verifikasi/{letter.verification_token}/")
    path_only = url[url.index("/verifikasi/") :]
    response = client.get(path_only)
    assert response.status_code == 200
    assert response.context["letter"].pk == letter.pk


@pytest.mark.django_db
def test_a_page_seen_before_the_revocation_says_revoked_at_once(client, official, sign, demo_user):
    # What the letter states is kept between visits; whether it still stands never is.
    letter = sign()
    assert "Surat ini sah dan berlaku" in _page(client, letter).content.decode()
    letter_revoke(letter=letter, actor=demo_user("ketua"), reason="Putusan MK Nomor 3/2025")
    html = _page(client, letter).content.decode()
    assert "Surat ini telah dicabut" in html and "Putusan MK Nomor 3/2025" in html
    assert "Surat ini sah dan berlaku" not in html
    assert letter.number in html and "412.345" in html  # the kept facts are still shown


@pytest.mark.django_db
def test_a_replacement_linked_after_both_pages_were_seen_shows_on_both(
    client, official, sign, demo_user
):
    old, new = sign(), sign()
    _page(client, old), _page(client, new)
    letter_replace_link(old=old, new=new, actor=demo_user("ketua"), reason="Perbaikan")
    assert f"Nomor {new.number}" in _page(client, old).content.decode()
    assert "menggantikan surat <a" in _page(client, new).content.decode()
