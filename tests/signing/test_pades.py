"""PAdES signing and validation (signing.py), checked with pyHanko and with poppler's pdfsig."""

import asyncio
import datetime as dt
import json
import logging
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from cryptography import x509
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign.signers.pdf_cms import SimpleSigner

from autentika.core.pdf import html_to_pdf
from autentika.demo import pki
from autentika.signing.pades import (
    SigningError,
    dummy_timestamper,
    pdf_sign,
    sha256_hex,
    signer_load,
)
from autentika.signing.validation import pdf_validate

PASSPHRASE = "frasa-sandi-uji"
CA = tuple[pki.PrivateKey, x509.Certificate]

# WeasyPrint's font subsetting logs "FFTM NOT subset" warnings.
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


@pytest.fixture(scope="module")
def ca() -> CA:
    return pki.test_ca_create()


@pytest.fixture(scope="module")
def other_ca() -> CA:
    return pki.test_ca_create(common_name="CA Lain (uji)")


@pytest.fixture(scope="module")
def p12(ca: CA) -> bytes:
    ca_key, ca_cert = ca
    key, cert = pki.signer_certificate_issue(
        ca_key=ca_key,
        ca_cert=ca_cert,
        common_name="Budi Santoso",
        title="Ketua",
        organization="KPU Provinsi Sumatera Utara",
    )
    return pki.pkcs12_export(key=key, cert=cert, ca_cert=ca_cert, passphrase=PASSPHRASE)


@pytest.fixture(scope="module")
def letter_pdf() -> bytes:
    return html_to_pdf("<p>Surat</p>")


@pytest.fixture(scope="module")
def signed_pdf(p12: bytes, letter_pdf: bytes) -> bytes:
    signer = signer_load(pkcs12_bytes=p12, passphrase=PASSPHRASE)
    return pdf_sign(
        pdf_bytes=letter_pdf,
        signer=signer,
        reason="Surat keterangan autentifikasi",
        location="Medan",
        contact="tu@kpu-sumut.go.id",
    )


def _p12_for(ca: CA, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    ca_key, ca_cert = ca
    key, cert = pki.signer_certificate_issue(ca_key=ca_key, ca_cert=ca_cert, **kwargs)
    return pki.pkcs12_export(key=key, cert=cert, ca_cert=ca_cert, passphrase=PASSPHRASE)


# --- signing -------------------------------------------------------------------------------


def test_signed_pdf_is_valid_intact_and_trusted(signed_pdf: bytes, ca: CA) -> None:
    report = pdf_validate(pdf_bytes=signed_pdf, trust_roots=[ca[1]])
    assert report.valid, report.error
    assert report.intact
    assert report.trusted
    assert report.covers_whole_file
    assert report.error == ""
    assert report.signer_name == "Budi Santoso"
    assert "Ketua" in report.signer_subject
    assert "KPU Provinsi Sumatera Utara" in report.signer_subject
    assert report.signing_time is not None
    assert abs(report.signing_time - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
    assert not report.timestamped
    assert report.sha256 == sha256_hex(signed_pdf)
    assert len(report.sha256) == 64
    data = json.loads(json.dumps(report.to_dict()))
    assert data["valid"] is True
    assert data["signing_time"] == report.signing_time.isoformat()


def test_signature_is_invisible_pades_with_metadata(signed_pdf: bytes, letter_pdf: bytes) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    assert signed_pdf.startswith(letter_pdf)  # an incremental update: the letter is unchanged
    (sig,) = PdfFileReader(BytesIO(signed_pdf)).embedded_signatures
    assert sig.field_name == "Tanda Tangan Elektronik"
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert sig.sig_object["/Reason"] == "Surat keterangan autentifikasi"
    assert sig.sig_object["/Location"] == "Medan"
    assert sig.sig_object["/ContactInfo"] == "tu@kpu-sumut.go.id"
    rect = [float(x) for x in sig.sig_field.get("/Rect", [0, 0, 0, 0])]
    assert rect[2] - rect[0] == 0 and rect[3] - rect[1] == 0


def test_pdfsig_reports_the_signature_valid(signed_pdf: bytes, tmp_path: Path) -> None:
    pdfsig = shutil.which("pdfsig")
    assert pdfsig, "pdfsig (poppler-utils) is needed, see README.md"
    path = tmp_path / "surat.pdf"
    path.write_bytes(signed_pdf)
    result = subprocess.run(
        [pdfsig, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Signature Validation: Signature is Valid." in result.stdout
    assert "Signer Certificate Common Name: Budi Santoso" in result.stdout
    assert "Total document signed" in result.stdout
    # The test CA is not in poppler's NSS trust store, so the trust line says so; not asserted.

    tampered = tmp_path / "ubah.pdf"
    tampered.write_bytes(_one_byte_changed(signed_pdf))
    result = subprocess.run(
        [pdfsig, str(tampered)], capture_output=True, text=True, timeout=60, check=False
    )
    assert "Signature Validation: Signature is Valid." not in result.stdout


def _one_byte_changed(signed_pdf: bytes) -> bytes:
    """Change one letter of the /Producer string, in the first signed byte range."""
    index = signed_pdf.index(b"WeasyPrint")
    assert index < signed_pdf.index(b"/ByteRange")
    return signed_pdf[:index] + b"X" + signed_pdf[index + 1 :]


def test_changed_byte_is_invalid(signed_pdf: bytes, ca: CA) -> None:
    report = pdf_validate(pdf_bytes=_one_byte_changed(signed_pdf), trust_roots=[ca[1]])
    assert not report.valid
    assert not report.intact
    assert "berubah" in report.error


def test_other_ca_is_untrusted(signed_pdf: bytes, other_ca: CA) -> None:
    report = pdf_validate(pdf_bytes=signed_pdf, trust_roots=[other_ca[1]])
    assert report.intact
    assert not report.trusted
    assert not report.valid
    assert report.error == (
        "Sertifikat penanda tangan tidak dapat dipercaya: tidak diterbitkan oleh otoritas "
        "sertifikat yang dipercaya."
    )


def test_signer_certificate_expired_at_validation_time(signed_pdf: bytes, ca: CA) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=365 * 5)
    report = pdf_validate(pdf_bytes=signed_pdf, trust_roots=[ca[1]], at=later)
    assert report.intact
    assert not report.trusted
    assert not report.valid
    assert "kedaluwarsa" in report.error


def test_signature_without_non_repudiation_is_untrusted(letter_pdf: bytes, ca: CA) -> None:
    # Bypass signer_load's check, as another tool might have signed with such a certificate.
    data = _p12_for(ca, common_name="Tanpa NR", non_repudiation=False)
    signer = SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=PASSPHRASE.encode())
    signed = pdf_sign(pdf_bytes=letter_pdf, signer=signer, reason="r", location="l")
    report = pdf_validate(pdf_bytes=signed, trust_roots=[ca[1]])
    assert report.intact
    assert not report.valid
    assert "nonRepudiation" in report.error


def test_no_trust_roots_is_untrusted(signed_pdf: bytes) -> None:
    report = pdf_validate(pdf_bytes=signed_pdf, trust_roots=[])
    assert not report.valid
    assert not report.trusted
    assert report.error


def test_incremental_update_after_signing_is_invalid(signed_pdf: bytes, ca: CA) -> None:
    writer = IncrementalPdfFileWriter(BytesIO(signed_pdf))
    writer.root["/Autentika"] = generic.NameObject("/Diubah")
    writer.update_root()
    out = BytesIO()
    writer.write(out)
    report = pdf_validate(pdf_bytes=out.getvalue(), trust_roots=[ca[1]])
    assert report.intact
    assert not report.covers_whole_file
    assert not report.valid
    assert report.error


def test_wrong_passphrase(p12: bytes) -> None:
    with pytest.raises(SigningError, match="Frasa sandi kunci tanda tangan salah"):
        signer_load(pkcs12_bytes=p12, passphrase="salah")


def test_garbage_pkcs12() -> None:
    with pytest.raises(SigningError, match="PKCS#12"):
        signer_load(pkcs12_bytes=b"bukan p12", passphrase=PASSPHRASE)


def test_expired_certificate(ca: CA) -> None:
    data = _p12_for(
        ca,
        common_name="Lama",
        valid_from=dt.datetime(2020, 1, 1, 1, tzinfo=dt.UTC),
        valid_days=30,
    )
    with pytest.raises(SigningError, match="sudah kedaluwarsa") as info:
        signer_load(pkcs12_bytes=data, passphrase=PASSPHRASE)
    assert "1 Januari 2020 sampai 31 Januari 2020" in str(info.value)


def test_certificate_not_yet_valid(ca: CA) -> None:
    data = _p12_for(
        ca,
        common_name="Baru",
        valid_from=dt.datetime.now(dt.UTC) + dt.timedelta(days=3),
    )
    with pytest.raises(SigningError, match="belum berlaku"):
        signer_load(pkcs12_bytes=data, passphrase=PASSPHRASE)


def test_certificate_valid_at_a_given_moment(ca: CA) -> None:
    data = _p12_for(
        ca, common_name="Lama", valid_from=dt.datetime(2020, 1, 1, tzinfo=dt.UTC), valid_days=30
    )
    signer = signer_load(
        pkcs12_bytes=data, passphrase=PASSPHRASE, at=dt.datetime(2020, 1, 15, tzinfo=dt.UTC)
    )
    assert signer.signing_cert is not None
    assert signer.signing_cert.subject.native["common_name"] == "Lama"


def test_certificate_without_non_repudiation(ca: CA) -> None:
    data = _p12_for(ca, common_name="Tanpa NR", non_repudiation=False)
    with pytest.raises(SigningError, match="nonRepudiation"):
        signer_load(pkcs12_bytes=data, passphrase=PASSPHRASE)


def test_signing_garbage_raises_signing_error(p12: bytes) -> None:
    signer = signer_load(pkcs12_bytes=p12, passphrase=PASSPHRASE)
    with pytest.raises(SigningError, match="bukan PDF"):
        pdf_sign(pdf_bytes=b"bukan pdf", signer=signer, reason="r", location="l")


def test_unreachable_tsa_raises_signing_error(p12: bytes, letter_pdf: bytes) -> None:
    signer = signer_load(pkcs12_bytes=p12, passphrase=PASSPHRASE)
    with pytest.raises(SigningError, match="stempel waktu"):
        pdf_sign(
            pdf_bytes=letter_pdf,
            signer=signer,
            reason="r",
            location="l",
            timestamp_url="http://127.0.0.1:9/tsa",
        )


def test_signed_field_is_not_signed_again(p12: bytes, signed_pdf: bytes, ca: CA) -> None:
    signer = signer_load(pkcs12_bytes=p12, passphrase=PASSPHRASE)
    with pytest.raises(SigningError, match="sudah terisi"):
        pdf_sign(pdf_bytes=signed_pdf, signer=signer, reason="r", location="l")


def test_sign_and_validate_inside_an_event_loop(p12: bytes, letter_pdf: bytes, ca: CA) -> None:
    """pyHanko's sync API uses asyncio.run(); async views must still get a real answer."""

    async def in_async_view() -> bool:
        signer = signer_load(pkcs12_bytes=p12, passphrase=PASSPHRASE)
        signed = pdf_sign(pdf_bytes=letter_pdf, signer=signer, reason="r", location="l")
        return pdf_validate(pdf_bytes=signed, trust_roots=[ca[1]]).valid

    assert asyncio.run(in_async_view())


# --- validation of bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "bukan dokumen PDF"),
        (b"\x00\x01 sampah " * 100, "bukan dokumen PDF"),
        (b"%PDF-1.7\n1 0 obj rusak", "rusak"),
    ],
)
def test_garbage_is_invalid_without_exception(data: bytes, message: str) -> None:
    report = pdf_validate(pdf_bytes=data, trust_roots=[])
    assert not report.valid
    assert message in report.error
    assert report.sha256 == sha256_hex(data)


def test_unsigned_pdf_is_invalid(letter_pdf: bytes, ca: CA) -> None:
    report = pdf_validate(pdf_bytes=letter_pdf, trust_roots=[ca[1]])
    assert not report.valid
    assert report.error == "Dokumen PDF ini tidak memuat tanda tangan elektronik."


def test_truncated_signed_pdf_is_invalid(signed_pdf: bytes, ca: CA) -> None:
    report = pdf_validate(pdf_bytes=signed_pdf[: len(signed_pdf) // 2], trust_roots=[ca[1]])
    assert not report.valid
    assert report.error


# --- timestamps (PAdES B-T) ----------------------------------------------------------------


def test_dummy_timestamper_embeds_a_trusted_timestamp(
    p12: bytes, letter_pdf: bytes, ca: CA, tmp_path: Path
) -> None:
    ca_key, ca_cert = ca
    tsa_key, tsa_cert = pki.tsa_certificate_issue(ca_key=ca_key, ca_cert=ca_cert)
    moment = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(minutes=1)
    signed = pdf_sign(
        pdf_bytes=letter_pdf,
        signer=signer_load(pkcs12_bytes=p12, passphrase=PASSPHRASE),
        reason="r",
        location="Medan",
        timestamper=dummy_timestamper(tsa_key=tsa_key, tsa_cert=tsa_cert, at=moment),
    )
    report = pdf_validate(pdf_bytes=signed, trust_roots=[ca_cert])
    assert report.valid, report.error
    assert report.timestamped
    assert report.signing_time == moment

    path = tmp_path / "surat-ts.pdf"
    path.write_bytes(signed)
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    assert "Signature Validation: Signature is Valid." in out.stdout


def test_timestamp_from_untrusted_tsa_is_invalid(
    p12: bytes, letter_pdf: bytes, ca: CA, other_ca: CA
) -> None:
    tsa_key, tsa_cert = pki.tsa_certificate_issue(ca_key=other_ca[0], ca_cert=other_ca[1])
    signed = pdf_sign(
        pdf_bytes=letter_pdf,
        signer=signer_load(pkcs12_bytes=p12, passphrase=PASSPHRASE),
        reason="r",
        location="Medan",
        timestamper=dummy_timestamper(tsa_key=tsa_key, tsa_cert=tsa_cert),
    )
    report = pdf_validate(pdf_bytes=signed, trust_roots=[ca[1]])
    assert report.intact and report.trusted
    assert report.timestamped
    assert not report.valid
    assert "Stempel waktu" in report.error


def test_sha256_hex() -> None:
    assert sha256_hex(b"") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
