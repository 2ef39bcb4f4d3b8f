"""The integrity key lives outside the database: from the environment, else from a file made
once and readable by the server's user only; never inside the files folder that backups copy;
long enough to be a key."""

import stat

import pytest
from django.core.exceptions import ImproperlyConfigured

from autentika.core.integrity import AUDIT_CHAIN, BACKUP_MANIFEST, integrity_key, keyed_digest


def test_the_key_file_is_made_once_and_private(settings, tmp_path):
    settings.AUTENTIKA_INTEGRITY_KEY = ""
    settings.AUTENTIKA_INTEGRITY_KEY_FILE = tmp_path / "var" / "integrity_key"
    first = integrity_key(purpose=BACKUP_MANIFEST)
    path = tmp_path / "var" / "integrity_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(path.read_text().strip()) == 64
    assert integrity_key(purpose=BACKUP_MANIFEST) == first  # read again, not made again


def test_each_purpose_has_its_own_key(settings):
    assert integrity_key(purpose=BACKUP_MANIFEST) != integrity_key(purpose=AUDIT_CHAIN)
    assert keyed_digest(b"x", purpose=BACKUP_MANIFEST) != keyed_digest(b"x", purpose=AUDIT_CHAIN)


def test_another_secret_gives_other_digests(settings):
    before = keyed_digest(b"peristiwa", purpose=AUDIT_CHAIN)
    settings.AUTENTIKA_INTEGRITY_KEY = "z" * 40
    assert keyed_digest(b"peristiwa", purpose=AUDIT_CHAIN) != before


def test_a_short_secret_is_refused(settings):
    settings.AUTENTIKA_INTEGRITY_KEY = "pendek"
    with pytest.raises(ImproperlyConfigured, match="paling sedikit 32 karakter"):
        integrity_key(purpose=AUDIT_CHAIN)


def test_the_key_file_may_not_be_in_the_files_folder(settings):
    settings.AUTENTIKA_INTEGRITY_KEY = ""
    settings.AUTENTIKA_INTEGRITY_KEY_FILE = settings.PRIVATE_FILES_ROOT / "integrity_key"
    with pytest.raises(ImproperlyConfigured, match="folder berkas aplikasi"):
        integrity_key(purpose=AUDIT_CHAIN)
