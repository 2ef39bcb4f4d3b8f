"""A letter someone later extends with long-term validation data (a DSS update, a new document
timestamp, as Adobe Reader or an archive does) is still that letter; any other incremental
change makes it a changed file."""

from io import BytesIO

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.dss import DocumentSecurityStore

from autentika.demo.pki import certificate_to_pem
from autentika.signing.trust import trust_roots_load
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


def _foreign_tsa() -> tuple:  # type: ignore[type-arg]
    """A TSA of someone else's: its own self-issued certificate, trusted by nobody here."""
    import datetime as dt

    from asn1crypto import keys, x509
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "TSA Arsip Pihak Lain")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        cx509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(cx509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return (
        x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        keys.PrivateKeyInfo.load(der_key),
    )


def _with_foreign_timestamp(pdf: bytes) -> bytes:
    """pyHanko's in-process RFC 3161 TSA stamps the letter as any archive could."""
    from pyhanko.sign.signers import PdfTimeStamper
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    cert, key = _foreign_tsa()
    out = BytesIO()
    PdfTimeStamper(DummyTimeStamper(cert, key)).timestamp_pdf(
        IncrementalPdfFileWriter(BytesIO(pdf)), "sha256", validation_context=None, output=out
    )
    return out.getvalue()


@pytest.mark.django_db
def test_a_timestamp_appended_by_someone_else_is_named_not_called_a_forgery(client, official, sign):
    from django.core.files.uploadedfile import SimpleUploadedFile

    letter = sign()
    stamped = _with_foreign_timestamp(bytes(letter.pdf))
    verdict = file_verify(content=stamped, letter=letter)
    assert verdict.status == Status.VALID, verdict.explanation
    assert verdict.report is not None
    assert verdict.report.later_additions == (
        "stempel waktu dari pihak yang tidak dikenal (TSA Arsip Pihak Lain)",
    )
    page = client.post(
        f"/verifikasi/{letter.verification_token}/",
        {"file": SimpleUploadedFile("surat.pdf", stamped, "application/pdf")},
    ).content.decode()
    assert "Surat ini sah dan berlaku" in page
    assert "ada tambahan setelah penandatanganan" in page
    assert "TSA Arsip Pihak Lain" in page


@pytest.mark.django_db
def test_a_changed_letter_stays_a_forgery_under_someone_elses_timestamp(official, sign):
    letter = sign()
    for changed in (
        _with_foreign_timestamp(_with_other_change(bytes(letter.pdf))),
        _with_other_change(_with_foreign_timestamp(bytes(letter.pdf))),
    ):
        verdict = file_verify(content=changed, letter=letter)
        assert verdict.status == Status.INVALID and not verdict.valid
