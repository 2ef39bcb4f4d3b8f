"""The demo/test PKI (pki.py) and where trust roots and demo keys come from (trust.py)."""

import datetime as dt
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.core.exceptions import ImproperlyConfigured

from autentika.demo import demo_ca, pki
from autentika.signing import trust
from autentika.signing.pades import signer_load


@pytest.fixture(scope="module")
def ca() -> tuple[pki.PrivateKey, x509.Certificate]:
    return pki.test_ca_create()


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    return str(name.get_attributes_for_oid(oid)[0].value)


def test_ca_says_it_is_a_test_ca(ca: tuple[pki.PrivateKey, x509.Certificate]) -> None:
    _, cert = ca
    assert "BUKAN UNTUK PENGGUNAAN RESMI" in _attr(cert.subject, NameOID.COMMON_NAME)
    assert "DEMO" in _attr(cert.subject, NameOID.COMMON_NAME)
    assert _attr(cert.subject, NameOID.ORGANIZATION_NAME) == "Autentika (demo)"
    assert cert.issuer == cert.subject
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_cert_sign and usage.crl_sign


def test_ca_validity_days() -> None:
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    _, cert = pki.test_ca_create(valid_days=10, valid_from=start)
    assert cert.not_valid_before_utc == start
    assert cert.not_valid_after_utc == start + dt.timedelta(days=10)


def test_signer_certificate_has_non_repudiation(
    ca: tuple[pki.PrivateKey, x509.Certificate],
) -> None:
    ca_key, ca_cert = ca
    _, cert = pki.signer_certificate_issue(
        ca_key=ca_key,
        ca_cert=ca_cert,
        common_name="Budi Santoso",
        title="Ketua",
        organization="KPU Provinsi Sumatera Utara",
    )
    assert _attr(cert.subject, NameOID.COMMON_NAME) == "Budi Santoso"
    assert _attr(cert.subject, NameOID.TITLE) == "Ketua"
    assert cert.issuer == ca_cert.subject
    cert.verify_directly_issued_by(ca_cert)
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca


def test_signer_certificate_without_non_repudiation_and_expired(
    ca: tuple[pki.PrivateKey, x509.Certificate],
) -> None:
    ca_key, ca_cert = ca
    _, bad = pki.signer_certificate_issue(
        ca_key=ca_key, ca_cert=ca_cert, common_name="Tanpa NR", non_repudiation=False
    )
    assert not bad.extensions.get_extension_for_class(x509.KeyUsage).value.content_commitment
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    _, expired = pki.signer_certificate_issue(
        ca_key=ca_key, ca_cert=ca_cert, common_name="Lama", valid_from=start, valid_days=30
    )
    assert expired.not_valid_after_utc < dt.datetime.now(dt.UTC)


def test_naive_valid_from_is_refused(ca: tuple[pki.PrivateKey, x509.Certificate]) -> None:
    ca_key, ca_cert = ca
    with pytest.raises(ValueError, match="zona waktu"):
        pki.signer_certificate_issue(
            ca_key=ca_key, ca_cert=ca_cert, common_name="X", valid_from=dt.datetime(2024, 1, 1)
        )


def test_tsa_certificate_is_for_time_stamping(
    ca: tuple[pki.PrivateKey, x509.Certificate],
) -> None:
    ca_key, ca_cert = ca
    _, cert = pki.tsa_certificate_issue(ca_key=ca_key, ca_cert=ca_cert)
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert eku.critical
    assert list(eku.value) == [ExtendedKeyUsageOID.TIME_STAMPING]


def test_pkcs12_round_trip(ca: tuple[pki.PrivateKey, x509.Certificate]) -> None:
    ca_key, ca_cert = ca
    key, cert = pki.signer_certificate_issue(ca_key=ca_key, ca_cert=ca_cert, common_name="A")
    data = pki.pkcs12_export(key=key, cert=cert, ca_cert=ca_cert, passphrase="rahasia")
    loaded_key, loaded_cert, extra = pkcs12.load_key_and_certificates(data, b"rahasia")
    assert loaded_cert == cert
    assert extra == [ca_cert]
    assert loaded_key is not None
    assert loaded_key.public_key() == key.public_key()
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(data, b"salah")
    with pytest.raises(ValueError, match="tidak boleh kosong"):
        pki.pkcs12_export(key=key, cert=cert, ca_cert=ca_cert, passphrase="")


def test_pem_helpers(ca: tuple[pki.PrivateKey, x509.Certificate]) -> None:
    ca_key, ca_cert = ca
    pem = pki.certificate_to_pem(ca_cert)
    assert pem.startswith(b"-----BEGIN CERTIFICATE-----")
    assert pki.certificate_from_pem(pem) == ca_cert
    assert pki.certificates_from_pem(pem + pem) == [ca_cert, ca_cert]
    with pytest.raises(ValueError, match="Berkas PEM"):
        pki.certificates_from_pem(b"bukan sertifikat")

    plain = pki.private_key_to_pem(ca_key)
    assert pki.private_key_from_pem(plain).public_key() == ca_key.public_key()
    locked = pki.private_key_to_pem(ca_key, passphrase="kunci")
    assert b"ENCRYPTED" in locked
    assert pki.private_key_from_pem(locked, passphrase="kunci").public_key() == ca_key.public_key()
    with pytest.raises(ValueError, match="frasa sandi salah"):
        pki.private_key_from_pem(locked, passphrase="keliru")


# --- demo_ca.py and trust.py ----------------------------------------------------------------

URL = "http://127.0.0.1:9"


def _signer(ca: demo_ca.DemoCa, path: Path, passphrase: str = "demo-autentika") -> Path:
    return demo_ca.demo_signer_ensure(
        ca=ca,
        username="ketua",
        key_path=path,
        common_name="Ketua Demo",
        title="Ketua",
        organization="KPU Demo",
        passphrase=passphrase,
    )


def test_demo_ca_is_declared_once_with_encrypted_keys(tmp_path: Path) -> None:
    first = demo_ca.demo_ca_ensure(base_dir=tmp_path / "ca", url_prefix=URL, passphrase="rahasia")
    root = first.root_cert()
    assert stat.S_IMODE(first.key_dir.stat().st_mode) == 0o700
    assert "BUKAN UNTUK PENGGUNAAN RESMI" in root.subject.rfc4514_string()
    for label in demo_ca.CA_KEYS:
        key_file = first.key_dir / f"{label}.key.pem"
        assert b"ENCRYPTED" in key_file.read_bytes()
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = demo_ca.demo_ca_ensure(base_dir=tmp_path / "ca", url_prefix=URL, passphrase="rahasia")
    assert again.root_cert() == root
    interm = first.certificate("interm")
    interm.verify_directly_issued_by(root)
    tsa = first.certificate("tsa")
    assert first.tsa_url == f"{URL}/demo/tsa/tsa"
    assert "TSA" in tsa.subject.rfc4514_string()


def test_demo_signer_gets_a_p12_from_the_signer_intermediate(tmp_path: Path) -> None:
    ca = demo_ca.demo_ca_ensure(base_dir=tmp_path / "ca", url_prefix=URL, passphrase="rahasia")
    path = _signer(ca, tmp_path / "keys" / "ketua.p12")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(ca.base_dir.rglob("*.p12"))  # no signer key beside the CA's material
    signer = signer_load(pkcs12_bytes=path.read_bytes(), passphrase="demo-autentika")
    assert signer.signing_cert is not None
    subject = signer.signing_cert.subject.native
    assert subject["common_name"] == "Ketua Demo"
    assert subject["organization_name"] == "KPU Demo"
    cert = ca.certificate("signer-ketua")
    cert.verify_directly_issued_by(ca.certificate("interm"))
    assert f"{URL}/demo/ocsp/interm" in str(cert.extensions)
    assert f"{URL}/demo/crls/interm/latest.crl" in str(cert.extensions)

    data = path.read_bytes()
    assert _signer(ca, path).read_bytes() == data  # kept, not reissued
    _signer(ca, path, passphrase="frasa-baru")  # reissued so that it opens with the new one
    signer_load(pkcs12_bytes=path.read_bytes(), passphrase="frasa-baru")


def test_signer_keys_live_apart_from_the_demo_ca(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.PRIVATE_FILES_ROOT = tmp_path
    assert trust.signer_key_path("ketua") == tmp_path / "signing-keys" / "ketua.p12"
    assert trust.pki_dir() == tmp_path / "demo-ca"
    with pytest.raises(ValueError, match="Nama pengguna"):
        trust.signer_key_path("../x")


def test_trust_roots_load(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.PRIVATE_FILES_ROOT = tmp_path / "files"
    _, bsre_root = pki.test_ca_create(common_name="Root Nasional (uji)")
    bundle = tmp_path / "roots.pem"
    bundle.write_bytes(pki.certificate_to_pem(bsre_root))
    settings.AUTENTIKA_TRUST_ROOTS = [str(bundle), bundle]

    assert trust.trust_roots_load() == [bsre_root]  # duplicates dropped

    demo = demo_ca.demo_ca_ensure(base_dir=trust.pki_dir(), url_prefix=URL, passphrase="p")
    assert trust.trust_roots_load() == [bsre_root, demo.root_cert()]

    settings.AUTENTIKA_TRUST_DEMO_CA = False
    assert trust.trust_roots_load() == [bsre_root]


def test_trust_roots_missing_file_is_a_configuration_error(
    settings,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    settings.PRIVATE_FILES_ROOT = tmp_path
    settings.AUTENTIKA_TRUST_ROOTS = [str(tmp_path / "tidak-ada.pem")]
    with pytest.raises(ImproperlyConfigured, match="AUTENTIKA_TRUST_ROOTS"):
        trust.trust_roots_load()


def test_trust_roots_default_is_empty(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.PRIVATE_FILES_ROOT = tmp_path
    settings.AUTENTIKA_TRUST_ROOTS = []  # the default: no AUTENTIKA_TRUST_ROOTS in the environment
    assert trust.trust_roots_load() == []


def test_trust_roots_export_writes_each_root(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import io

    from django.core.management import call_command

    settings.PRIVATE_FILES_ROOT = tmp_path / "files"
    demo = demo_ca.demo_ca_ensure(base_dir=trust.pki_dir(), url_prefix=URL, passphrase="p")
    out = io.StringIO()
    call_command("trust_roots_export", str(tmp_path / "akar"), stdout=out)
    roots = list((tmp_path / "akar").glob("akar-*.pem"))
    assert [pki.certificate_from_pem(f.read_bytes()) for f in roots] == [demo.root_cert()]
    # the demo TSA, trusted directly for the timestamps that carry a letter for decades
    tsas = list((tmp_path / "akar").glob("tsa-*.pem"))
    assert [pki.certificate_from_pem(f.read_bytes()) for f in tsas] == [demo.certificate("tsa")]
    assert "SHA-256" in out.getvalue()
