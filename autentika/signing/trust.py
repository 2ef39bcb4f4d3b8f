"""Where trust roots and signing keys live.

Trust roots: the PEM files listed in the setting `AUTENTIKA_TRUST_ROOTS` (for example the
BSrE root), plus the demo CA's root under `PRIVATE_FILES_ROOT / "demo-ca"` unless the setting
`AUTENTIKA_TRUST_DEMO_CA` is False (it is False in production).

Signers' PKCS#12 keys live under `PRIVATE_FILES_ROOT / "signing-keys"`, apart from the demo CA
(demo_ca.py). Writes are atomic and serialised with a file lock per directory.
"""

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .certificates import certificates_from_pem

DEMO_CA_DIR_NAME = "demo-ca"
DEMO_ROOT_FILE = "root.pem"
DEMO_TSA_FILE = "tsa.pem"
SIGNER_KEYS_DIR_NAME = "signing-keys"
LOCK_FILE = ".lock"
USERNAME_RE = re.compile(r"^[A-Za-z0-9_@+-][A-Za-z0-9_.@+-]{0,149}$")


def pki_dir() -> Path:
    """The demo CA's directory (Certomancer keys and config, see demo_ca.py):
    PRIVATE_FILES_ROOT / "demo-ca". Signers' keys are never kept here."""
    return Path(settings.PRIVATE_FILES_ROOT) / DEMO_CA_DIR_NAME


def signer_key_path(username: str) -> Path:
    """Where a signer's PKCS#12 key lives: PRIVATE_FILES_ROOT / "signing-keys" /
    "<username>.p12", readable only by the server's user, apart from any CA material.
    Production keys (e.g. from BSrE) are installed there by an administrator;
    the demo seeder issues demo keys at the same place."""
    return (
        Path(settings.PRIVATE_FILES_ROOT)
        / SIGNER_KEYS_DIR_NAME
        / f"{_username_checked(username)}.p12"
    )


def trust_roots_load() -> list[x509.Certificate]:
    """The certificates a signature must chain to: AUTENTIKA_TRUST_ROOTS, then the demo CA
    (when present and AUTENTIKA_TRUST_DEMO_CA is not False). Duplicates are dropped."""
    roots = _pem_files(settings.AUTENTIKA_TRUST_ROOTS, "AUTENTIKA_TRUST_ROOTS")
    if settings.AUTENTIKA_TRUST_DEMO_CA:
        demo_ca = pki_dir() / DEMO_ROOT_FILE
        if demo_ca.exists():
            roots.extend(certificates_from_pem(demo_ca.read_bytes()))
    return _unique(roots)


def tsa_anchors_load() -> list[x509.Certificate]:
    """The TSA certificates a timestamp is trusted by directly (validation_policy.py):
    AUTENTIKA_TSA_TRUST_ANCHORS, then the demo CA's TSA (when present and AUTENTIKA_TRUST_DEMO_CA
    is not False). Duplicates are dropped."""
    certs = _pem_files(settings.AUTENTIKA_TSA_TRUST_ANCHORS, "AUTENTIKA_TSA_TRUST_ANCHORS")
    if settings.AUTENTIKA_TRUST_DEMO_CA:
        demo_tsa = pki_dir() / DEMO_TSA_FILE
        if demo_tsa.exists():
            certs.extend(certificates_from_pem(demo_tsa.read_bytes()))
    return _unique(certs)


def _pem_files(entries: list[str], setting: str) -> list[x509.Certificate]:
    certs: list[x509.Certificate] = []
    for entry in entries:
        path = Path(entry)
        try:
            certs.extend(certificates_from_pem(path.read_bytes()))
        except (OSError, ValueError) as exc:
            raise ImproperlyConfigured(
                f"Sertifikat di {path} ({setting}) tidak dapat dibaca: {exc}"
            ) from exc
    return certs


def _unique(certs: list[x509.Certificate]) -> list[x509.Certificate]:
    unique: dict[bytes, x509.Certificate] = {}
    for cert in certs:
        unique.setdefault(cert.fingerprint(hashes.SHA256()), cert)
    return list(unique.values())


def _username_checked(username: str) -> str:
    if not USERNAME_RE.match(username):
        raise ValueError(
            f"Nama pengguna {username!r} tidak dapat dipakai sebagai nama berkas kunci "
            "tanda tangan."
        )
    return username


@contextmanager
def locked_dir(base_dir: Path) -> Iterator[None]:
    base_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(base_dir / LOCK_FILE, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def private_file_write(path: Path, data: bytes, *, mode: int = 0o600) -> None:
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
