"""Installing a signer's key (PKCS#12 from the CA, e.g. BSrE): it must open with its
passphrase, carry nonRepudiation, chain to a configured trust root, and name the person and the
office on record. Only then is it written to trust.signer_key_path(), apart from any CA
material.
"""

import asyncio
import unicodedata
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator.errors import PathBuildingError, PathValidationError

from .pades import SigningError, outside_event_loop, signer_load
from .trust import private_file_write, signer_key_path, trust_roots_load


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _names(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> list[str]:
    return [str(a.value) for a in cert.subject.get_attributes_for_oid(oid)]


def signer_key_check(
    *, pkcs12_bytes: bytes, passphrase: str, person_name: str, office_name: str
) -> x509.Certificate:
    """The signer's certificate when the key may be used for this person and office; raises
    SigningError (Indonesian) naming what is wrong otherwise."""
    signer_load(pkcs12_bytes=pkcs12_bytes, passphrase=passphrase)  # opens, valid now, nonRep
    _, cert, extra = pkcs12.load_key_and_certificates(pkcs12_bytes, passphrase.encode())
    assert cert is not None
    roots = trust_roots_load()
    if not roots:
        raise SigningError("Belum ada sertifikat akar terpercaya (AUTENTIKA_TRUST_ROOTS).")
    context = ValidationContext(
        trust_roots=[_asn1(c) for c in roots],
        other_certs=[_asn1(c) for c in extra],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    validator = CertificateValidator(_asn1(cert), validation_context=context)
    try:
        outside_event_loop(lambda: asyncio.run(validator.async_validate_usage({"non_repudiation"})))
    except (PathBuildingError, PathValidationError) as error:
        raise SigningError(
            "Sertifikat kunci ini tidak berantai ke sertifikat akar terpercaya yang "
            "dikonfigurasi; kunci tidak dipasang."
        ) from error
    common_names = [_normalised(n) for n in _names(cert, NameOID.COMMON_NAME)]
    if _normalised(person_name) not in common_names:
        raise SigningError(
            f"Sertifikat atas nama {', '.join(_names(cert, NameOID.COMMON_NAME))}, bukan "
            f"{person_name} yang tercatat; kunci tidak dipasang."
        )
    organisations = _names(cert, NameOID.ORGANIZATION_NAME) + _names(
        cert, NameOID.ORGANIZATIONAL_UNIT_NAME
    )
    if not any(_normalised(office_name) in _normalised(o) for o in organisations):
        raise SigningError(
            f"Sertifikat tidak menyebut kantor {office_name} (O/OU: "
            f"{', '.join(organisations) or '-'}); kunci tidak dipasang."
        )
    return cert


def signer_key_install(
    *, user: Any, office_name: str, pkcs12_bytes: bytes, passphrase: str
) -> x509.Certificate:
    """Check the key for `user` and `office_name`, then store it as the user's signing key."""
    cert = signer_key_check(
        pkcs12_bytes=pkcs12_bytes,
        passphrase=passphrase,
        person_name=user.get_full_name() or user.get_username(),
        office_name=office_name,
    )
    path = signer_key_path(user.get_username())
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    private_file_write(path, pkcs12_bytes)
    return cert
