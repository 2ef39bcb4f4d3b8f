"""A letter someone later extends with long-term validation data (a DSS update, a new document
timestamp, as Adobe Reader or an archive does) is still that letter; any other incremental
change makes it a changed file."""

from io import BytesIO

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.dss import DocumentSecurityStore

from autentika.letters.pki import certificate_to_pem
from autentika.letters.trust import trust_roots_load
from autentika.verification.services import Status, file_verify


def _with_dss_update(pdf: bytes, demo_pki) -> bytes:  # type: ignore[no-untyped-def]
    """pyHanko appends a DSS update carrying one more certificate (the TSA's)."""
    from asn1crypto import pem, x509

    reader = PdfFileReader(BytesIO(pdf))
    contents = reader.embedded_regular_signatures[0].pkcs7_content
    _, _, der = pem.unarmor(certificate_to_pem(demo_pki.certificate("tsa")))
    out = BytesIO(pdf)
    DocumentSecurityStore.add_dss(
        out, contents, certs=[x509.Certificate.load(der)], force_write=True
    )
    return out.getvalue()


def _with_other_change(pdf: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    info = writer.trailer["/Info"].get_object() if "/Info" in writer.trailer else None
    if info is None:
        info = generic.DictionaryObject()
        writer.trailer["/Info"] = writer.add_object(info)
    info[generic.NameObject("/Title")] = generic.TextStringObject("Diubah")
    writer.update_container(info)
    root = writer.root
    root[generic.NameObject("/Lang")] = generic.TextStringObject("en")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.django_db
def test_dss_update_keeps_the_letter_recognised(official, sign, demo_pki):
    letter = sign()
    updated = _with_dss_update(bytes(letter.pdf), demo_pki)
    assert updated != bytes(letter.pdf)
    verdict = file_verify(content=updated)
    assert verdict.status == Status.VALID, verdict.explanation
    assert verdict.letter == letter
    assert file_verify(content=updated, letter=letter).status == Status.VALID


@pytest.mark.django_db
def test_any_other_incremental_change_is_a_changed_file(official, sign):
    letter = sign()
    changed = _with_other_change(bytes(letter.pdf))
    verdict = file_verify(content=changed, letter=letter)
    assert verdict.status == Status.INVALID
    assert not verdict.valid
    assert file_verify(content=changed).status == Status.INVALID
    assert trust_roots_load()  # the demo root was trusted all along


@pytest.mark.django_db
def test_trust_roots_page_serves_the_roots(client, demo_pki):
    from cryptography.hazmat.primitives import hashes

    root = demo_pki.root_cert()
    fingerprint = root.fingerprint(hashes.SHA256()).hex()
    index = client.get("/verifikasi/").content.decode()
    assert "/verifikasi/akar/" in index
    page = client.get("/verifikasi/akar/").content.decode()
    assert fingerprint in page and "Adobe" in page
    pem = client.get(f"/verifikasi/akar/{fingerprint}.pem")
    assert pem.status_code == 200
    assert pem.content == certificate_to_pem(root)
    assert client.get("/verifikasi/akar/00.pem").status_code == 404


@pytest.mark.django_db
def test_verdict_names_what_was_checked(client, official, sign):
    from django.core.files.uploadedfile import SimpleUploadedFile

    letter = sign()
    response = client.post(
        "/verifikasi/", {"file": SimpleUploadedFile("surat.pdf", bytes(letter.pdf))}
    )
    page = response.content.decode()
    for label in ("Keutuhan isi", "Penanda tangan", "Waktu tepercaya", "Status pencabutan"):
        assert label in page
    assert 'data-ok="0"' not in page
