"""The integrity key: one secret kept outside the database (issue #27), from which the keys of
the backup manifest's signature and of the audit chain are derived (HMAC-SHA256 with the
purpose's name), so that whoever can write the database, or a backup, cannot forge either.

The secret comes from `AUTENTIKA_INTEGRITY_KEY`, else from the file
`AUTENTIKA_INTEGRITY_KEY_FILE` (default `var/integrity_key`, generated once, mode 0600). It is
never written to the database nor into a backup (the files folder does not hold it): keep a
copy with the administrators, a restore on another machine needs it."""

import hashlib
import hmac
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from autentika.core.secret_files import secret_file_text

MIN_SECRET_LENGTH = 32
BACKUP_MANIFEST = "backup-manifest"
AUDIT_CHAIN = "audit-chain"


def _secret() -> bytes:
    if configured := settings.AUTENTIKA_INTEGRITY_KEY:
        secret = str(configured)
    else:
        path = Path(settings.AUTENTIKA_INTEGRITY_KEY_FILE).resolve()
        if path.is_relative_to(Path(settings.PRIVATE_FILES_ROOT).resolve()):
            raise ImproperlyConfigured(
                "AUTENTIKA_INTEGRITY_KEY_FILE tidak boleh berada di folder berkas aplikasi "
                "(folder itu ikut dicadangkan)."
            )
        secret = secret_file_text(path, make=lambda: secrets.token_hex(32))
    if len(secret) < MIN_SECRET_LENGTH:
        raise ImproperlyConfigured(
            f"Kunci integritas (AUTENTIKA_INTEGRITY_KEY atau AUTENTIKA_INTEGRITY_KEY_FILE) "
            f"harus paling sedikit {MIN_SECRET_LENGTH} karakter."
        )
    return secret.encode()


def integrity_key(*, purpose: str) -> bytes:
    """The key of one purpose (`BACKUP_MANIFEST`, `AUDIT_CHAIN`), derived from the secret."""
    return hmac.new(_secret(), f"autentika/{purpose}".encode(), hashlib.sha256).digest()


def integrity_key_id(*, purpose: str) -> str:
    """A short public name of the key (the SHA-256 of the key, 16 hex digits): tells a backup
    made under another key from a tampered one, without revealing the key."""
    return hashlib.sha256(integrity_key(purpose=purpose)).hexdigest()[:16]


def keyed_digest(data: bytes, *, purpose: str) -> str:
    """HMAC-SHA256 of `data` under the purpose's key, as hex."""
    return hmac.new(integrity_key(purpose=purpose), data, hashlib.sha256).hexdigest()


def keyed_digest_matches(data: bytes, digest: str, *, purpose: str) -> bool:
    return hmac.compare_digest(keyed_digest(data, purpose=purpose), str(digest))
