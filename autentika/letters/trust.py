"""Where trust roots and demo signing keys come from.

Trust roots: the PEM files listed in the setting `AUTENTIKA_TRUST_ROOTS` (for example the
BSrE root), plus the office's demo CA under `PRIVATE_FILES_ROOT / "pki"` unless the setting
`AUTENTIKA_TRUST_DEMO_CA` is False (set it False in production).

The demo PKI lives on disk: `ca.pem`, `ca.key.pem` (unencrypted, mode 0600, demo only) and
one `<username>.p12` per demo signer. Creation is idempotent and serialised with a file lock,
so concurrent processes end up with one matching key and certificate.
"""

import datetime as dt
import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from . import pki

PKI_DIR_NAME = "pki"
CA_CERT_FILE = "ca.pem"
CA_KEY_FILE = "ca.key.pem"
LOCK_FILE = ".lock"
DEMO_ORGANIZATIONAL_UNIT = "DEMO - BUKAN UNTUK PENGGUNAAN RESMI"
# A demo signer certificate is reissued when it would expire within this margin.
RENEW_MARGIN = dt.timedelta(days=1)
USERNAME_RE = re.compile(r"^[A-Za-z0-9_@+-][A-Za-z0-9_.@+-]{0,149}$")


@dataclass(frozen=True)
class DemoPki:
    base_dir: Path
    ca_cert_path: Path
    ca_key_path: Path

    def ca_cert(self) -> x509.Certificate:
        return pki.certificate_from_pem(self.ca_cert_path.read_bytes())

    def ca_key(self) -> pki.PrivateKey:
        return pki.private_key_from_pem(self.ca_key_path.read_bytes())

    def signer_path(self, username: str) -> Path:
        return self.base_dir / f"{_username_checked(username)}.p12"


def pki_dir() -> Path:
    """The office's demo PKI directory: PRIVATE_FILES_ROOT / "pki"."""
    return Path(settings.PRIVATE_FILES_ROOT) / PKI_DIR_NAME


def signer_key_path(username: str) -> Path:
    """Where a signer's PKCS#12 key lives: `pki_dir() / "<username>.p12"`, readable only by
    the server's user. Production keys (e.g. from BSrE) are placed there by an administrator;
    the demo seeder issues demo keys at the same place."""
    return pki_dir() / f"{_username_checked(username)}.p12"


def demo_pki_ensure(*, base_dir: Path) -> DemoPki:
    """The demo CA under `base_dir`, created once (ca.pem and ca.key.pem)."""
    demo = DemoPki(
        base_dir=base_dir,
        ca_cert_path=base_dir / CA_CERT_FILE,
        ca_key_path=base_dir / CA_KEY_FILE,
    )
    if demo.ca_cert_path.exists() and demo.ca_key_path.exists():
        return demo
    with _locked(base_dir):
        if demo.ca_cert_path.exists() and demo.ca_key_path.exists():
            return demo
        ca_key, ca_cert = pki.test_ca_create()
        # The key first: a certificate on disk always has its key next to it.
        _write_private(demo.ca_key_path, pki.private_key_to_pem(ca_key))
        _write_private(demo.ca_cert_path, pki.certificate_to_pem(ca_cert), mode=0o644)
    return demo


def demo_signer_ensure(
    *,
    base_dir: Path,
    username: str,
    common_name: str,
    title: str,
    passphrase: str,
    organization: str = "",
    valid_days: int = 730,
) -> Path:
    """`<base_dir>/<username>.p12`, a demo signing key issued by the demo CA.

    Kept when it opens with `passphrase`, was issued by the current demo CA and is valid for
    at least another day; (re)issued otherwise.
    """
    demo = demo_pki_ensure(base_dir=base_dir)
    path = demo.signer_path(username)
    ca_cert = demo.ca_cert()
    if _signer_usable(path, passphrase=passphrase, ca_cert=ca_cert):
        return path
    with _locked(base_dir):
        if _signer_usable(path, passphrase=passphrase, ca_cert=ca_cert):
            return path
        key, cert = pki.signer_certificate_issue(
            ca_key=demo.ca_key(),
            ca_cert=ca_cert,
            common_name=common_name,
            title=title,
            organization=organization,
            organizational_unit=DEMO_ORGANIZATIONAL_UNIT,
            valid_days=valid_days,
        )
        data = pki.pkcs12_export(key=key, cert=cert, ca_cert=ca_cert, passphrase=passphrase)
        _write_private(path, data)
    return path


def trust_roots_load() -> list[x509.Certificate]:
    """The certificates a signature must chain to: AUTENTIKA_TRUST_ROOTS, then the demo CA
    (when present and AUTENTIKA_TRUST_DEMO_CA is not False). Duplicates are dropped."""
    roots: list[x509.Certificate] = []
    for entry in getattr(settings, "AUTENTIKA_TRUST_ROOTS", []):
        path = Path(entry)
        try:
            roots.extend(pki.certificates_from_pem(path.read_bytes()))
        except (OSError, ValueError) as exc:
            raise ImproperlyConfigured(
                f"Sertifikat akar terpercaya di {path} (AUTENTIKA_TRUST_ROOTS) tidak dapat "
                f"dibaca: {exc}"
            ) from exc
    if getattr(settings, "AUTENTIKA_TRUST_DEMO_CA", True):
        demo_ca = pki_dir() / CA_CERT_FILE
        if demo_ca.exists():
            roots.extend(pki.certificates_from_pem(demo_ca.read_bytes()))
    unique: dict[bytes, x509.Certificate] = {}
    for cert in roots:
        unique.setdefault(cert.fingerprint(hashes.SHA256()), cert)
    return list(unique.values())


def _signer_usable(path: Path, *, passphrase: str, ca_cert: x509.Certificate) -> bool:
    if not path.exists():
        return False
    try:
        _, cert, _ = pkcs12.load_key_and_certificates(path.read_bytes(), passphrase.encode())
    except ValueError:
        return False
    if cert is None or cert.issuer != ca_cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return cert.not_valid_after_utc - RENEW_MARGIN > dt.datetime.now(dt.UTC)


def _username_checked(username: str) -> str:
    if not USERNAME_RE.match(username):
        raise ValueError(
            f"Nama pengguna {username!r} tidak dapat dipakai sebagai nama berkas kunci "
            "tanda tangan."
        )
    return username


@contextmanager
def _locked(base_dir: Path) -> Iterator[None]:
    base_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(base_dir / LOCK_FILE, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _write_private(path: Path, data: bytes, *, mode: int = 0o600) -> None:
    """Write atomically (temporary file, then rename) with `mode` permissions."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
