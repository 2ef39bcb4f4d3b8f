"""Certificates as the signing part reads them: PEM bundles (trust roots, TSA anchors, a
provider's anchors) and the identity a signer's certificate names (NIK, e-mail, name), which a
remote provider's signature is matched against."""

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization


def certificate_to_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def certificates_from_pem(data: bytes) -> list[x509.Certificate]:
    """Every certificate in a PEM bundle (one or more BEGIN CERTIFICATE blocks)."""
    try:
        return x509.load_pem_x509_certificates(data)
    except ValueError as exc:
        raise ValueError("Berkas PEM tidak memuat sertifikat X.509 yang dapat dibaca.") from exc


def certificate_from_pem(data: bytes) -> x509.Certificate:
    """The first certificate of a PEM file."""
    return certificates_from_pem(data)[0]


def subject_identity(cert: asn1_x509.Certificate) -> dict[str, str]:
    """The NIK (serialNumber), e-mail and common name a certificate's subject names."""
    native = cert.subject.native
    return {
        "nik": str(native.get("serial_number", "")),
        "email": str(native.get("email_address", "")),
        "name": str(native.get("common_name", "")),
    }
