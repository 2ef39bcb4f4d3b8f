"""Sign and validate a one-page letter (`make bench`; not part of `make test`)."""

import logging

import pytest
from cryptography import x509

from autentika.core.pdf import html_to_pdf
from autentika.letters import pki
from autentika.letters.signing import pdf_sign, signer_load
from autentika.letters.validation import pdf_validate

logging.getLogger("fontTools.subset").setLevel(logging.ERROR)

PASSPHRASE = "frasa-sandi-bench"
ROWS = "".join(
    f"<tr><td>{i}</td><td>Partai {i}</td><td>{1000 * i:,}</td><td>{i % 4}</td></tr>"
    for i in range(1, 19)
)
LETTER_HTML = f"""
<h3 style="text-align:center">SURAT KETERANGAN AUTENTIFIKASI</h3>
<p>Nomor: 001/PY.01-SD/12/2024</p>
<p>Yang bertanda tangan di bawah ini menerangkan bahwa data perolehan suara dan kursi
partai politik berikut sesuai dengan Keputusan KPU Provinsi Sumatera Utara.</p>
<table border="1" style="border-collapse:collapse;width:100%">
<tr><th>No</th><th>Partai</th><th>Suara</th><th>Kursi</th></tr>{ROWS}</table>
<p>Medan, 5 Januari 2024<br>Ketua,<br><br><br>Budi Santoso</p>
"""


@pytest.fixture(scope="module")
def ca() -> tuple[pki.PrivateKey, x509.Certificate]:
    return pki.test_ca_create()


@pytest.fixture(scope="module")
def signer(ca):  # type: ignore[no-untyped-def]
    ca_key, ca_cert = ca
    key, cert = pki.signer_certificate_issue(
        ca_key=ca_key, ca_cert=ca_cert, common_name="Budi Santoso", title="Ketua"
    )
    data = pki.pkcs12_export(key=key, cert=cert, ca_cert=ca_cert, passphrase=PASSPHRASE)
    return signer_load(pkcs12_bytes=data, passphrase=PASSPHRASE)


@pytest.fixture(scope="module")
def letter_pdf() -> bytes:
    return html_to_pdf(LETTER_HTML)


def test_bench_sign(benchmark, signer, letter_pdf: bytes) -> None:  # type: ignore[no-untyped-def]
    signed = benchmark(
        lambda: pdf_sign(
            pdf_bytes=letter_pdf, signer=signer, reason="Autentifikasi", location="Medan"
        )
    )
    assert signed.startswith(letter_pdf)


def test_bench_validate(benchmark, signer, letter_pdf: bytes, ca) -> None:  # type: ignore[no-untyped-def]
    signed = pdf_sign(pdf_bytes=letter_pdf, signer=signer, reason="Autentifikasi", location="Medan")
    report = benchmark(lambda: pdf_validate(pdf_bytes=signed, trust_roots=[ca[1]]))
    assert report.valid, report.error
