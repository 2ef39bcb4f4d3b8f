"""A demo/test PKI built with `cryptography`: a test CA, signer and time-stamping certificates,
PKCS#12 export and PEM helpers.

Nothing here is fit for official use: the CA's subject says so, and production signing keys
come from a real CA (e.g. BSrE) as PKCS#12 files or tokens. Keys are RSA 2048.
"""

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from autentika.signing.certificates import certificate_from_pem as certificate_from_pem
from autentika.signing.certificates import certificate_to_pem as certificate_to_pem
from autentika.signing.certificates import certificates_from_pem as certificates_from_pem

DEMO_CA_COMMON_NAME = "Autentika DEMO Test CA - BUKAN UNTUK PENGGUNAAN RESMI"
DEMO_ORGANIZATION = "Autentika (demo)"
DEMO_TSA_COMMON_NAME = "Autentika DEMO Test TSA - BUKAN UNTUK PENGGUNAAN RESMI"
COUNTRY = "ID"
RSA_KEY_SIZE = 2048
# Certificates start a few minutes in the past so that a clock slightly behind does not see
# a freshly issued certificate as "not yet valid".
CLOCK_SKEW = dt.timedelta(minutes=5)

PrivateKey = rsa.RSAPrivateKey


def private_key_generate() -> PrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_SIZE)


def _name(
    *,
    common_name: str,
    organization: str = "",
    organizational_unit: str = "",
    title: str = "",
) -> x509.Name:
    attributes = [x509.NameAttribute(NameOID.COUNTRY_NAME, COUNTRY)]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    if organizational_unit:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, organizational_unit))
    if title:
        attributes.append(x509.NameAttribute(NameOID.TITLE, title))
    attributes.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(attributes)


def _validity(valid_from: dt.datetime | None, valid_days: int) -> tuple[dt.datetime, dt.datetime]:
    if valid_days <= 0:
        raise ValueError("Masa berlaku sertifikat harus lebih dari 0 hari.")
    if valid_from is None:
        start = dt.datetime.now(dt.UTC) - CLOCK_SKEW
    elif valid_from.tzinfo is None:
        raise ValueError("Tanggal mulai berlaku sertifikat harus memuat zona waktu.")
    else:
        start = valid_from.astimezone(dt.UTC)
    return start, start + dt.timedelta(days=valid_days)


def test_ca_create(
    *,
    common_name: str = DEMO_CA_COMMON_NAME,
    organization: str = DEMO_ORGANIZATION,
    valid_days: int = 3650,
    valid_from: dt.datetime | None = None,
) -> tuple[PrivateKey, x509.Certificate]:
    """A self-signed test root CA. Its subject says it is not for official use."""
    key = private_key_generate()
    name = _name(common_name=common_name, organization=organization)
    not_before, not_after = _validity(valid_from, valid_days)
    public_key = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


# pytest would otherwise collect test_ca_create as a test when it is imported into a test module.
test_ca_create.__test__ = False  # type: ignore[attr-defined]


def _issue(
    *,
    ca_key: PrivateKey,
    ca_cert: x509.Certificate,
    key: PrivateKey,
    subject: x509.Name,
    valid_from: dt.datetime | None,
    valid_days: int,
    key_usage: x509.KeyUsage,
    extended_key_usage: x509.ExtendedKeyUsage | None = None,
) -> x509.Certificate:
    not_before, not_after = _validity(valid_from, valid_days)
    public_key = key.public_key()
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(key_usage, critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
    )
    if extended_key_usage is not None:
        builder = builder.add_extension(extended_key_usage, critical=True)
    return builder.sign(ca_key, hashes.SHA256())


def signer_certificate_issue(
    *,
    ca_key: PrivateKey,
    ca_cert: x509.Certificate,
    common_name: str,
    title: str = "",
    organization: str = "",
    organizational_unit: str = "",
    valid_from: dt.datetime | None = None,
    valid_days: int = 730,
    non_repudiation: bool = True,
    key: PrivateKey | None = None,
) -> tuple[PrivateKey, x509.Certificate]:
    """A document-signing certificate: digitalSignature + nonRepudiation key usage.

    `non_repudiation=False` and a `valid_from` in the past exist to make bad certificates
    for tests. No extended key usage is set, which every PDF reader accepts for signing.
    """
    key = key or private_key_generate()
    cert = _issue(
        ca_key=ca_key,
        ca_cert=ca_cert,
        key=key,
        subject=_name(
            common_name=common_name,
            organization=organization,
            organizational_unit=organizational_unit,
            title=title,
        ),
        valid_from=valid_from,
        valid_days=valid_days,
        key_usage=x509.KeyUsage(
            digital_signature=True,
            content_commitment=non_repudiation,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=False,
            crl_sign=False,
            encipher_only=False,
            decipher_only=False,
        ),
    )
    return key, cert


def tsa_certificate_issue(
    *,
    ca_key: PrivateKey,
    ca_cert: x509.Certificate,
    common_name: str = DEMO_TSA_COMMON_NAME,
    organization: str = DEMO_ORGANIZATION,
    valid_from: dt.datetime | None = None,
    valid_days: int = 3650,
) -> tuple[PrivateKey, x509.Certificate]:
    """A time-stamping authority certificate (critical extended key usage timeStamping),
    for `DummyTimeStamper` in tests and demos."""
    key = private_key_generate()
    cert = _issue(
        ca_key=ca_key,
        ca_cert=ca_cert,
        key=key,
        subject=_name(common_name=common_name, organization=organization),
        valid_from=valid_from,
        valid_days=valid_days,
        key_usage=x509.KeyUsage(
            digital_signature=True,
            content_commitment=True,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=False,
            crl_sign=False,
            encipher_only=False,
            decipher_only=False,
        ),
        extended_key_usage=x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
    )
    return key, cert


def pkcs12_export(
    *,
    key: PrivateKey,
    cert: x509.Certificate,
    ca_cert: x509.Certificate | None,
    passphrase: str,
    friendly_name: str = "",
) -> bytes:
    """A PKCS#12 (.p12) archive with the key, its certificate and the CA certificate,
    encrypted with AES-256 and a PBKDF2-derived key."""
    if not passphrase:
        raise ValueError("Frasa sandi berkas PKCS#12 tidak boleh kosong.")
    name = (friendly_name or _common_name(cert)).encode()
    return pkcs12.serialize_key_and_certificates(
        name=name,
        key=key,
        cert=cert,
        cas=[ca_cert] if ca_cert is not None else None,
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
    )


def _common_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = names[0].value if names else ""
    return value if isinstance(value, str) else value.decode()


def private_key_to_pem(key: PrivateKey, *, passphrase: str = "") -> bytes:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=encryption,
    )


def private_key_from_pem(data: bytes, *, passphrase: str = "") -> PrivateKey:
    try:
        key = serialization.load_pem_private_key(data, password=passphrase.encode() or None)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            "Kunci privat PEM tidak dapat dibaca (frasa sandi salah atau berkas rusak)."
        ) from exc
    if not isinstance(key, rsa.RSAPrivateKey):
        raise ValueError("Kunci privat PEM bukan kunci RSA.")
    return key
