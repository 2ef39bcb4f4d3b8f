"""`manage.py backup` and `manage.py restore`: a backup restored into an empty database (in a
separate process, as an operator would run it) gives back letters that still verify and an audit
chain that still verifies, and the chain still catches a row changed after the restore."""

import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from autentika.core.backup import MANIFEST, BackupError, backup_check
from autentika.core.models import AuditEvent, AuditEventType


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        check=False,
        timeout=300,
    )


def _target_env(tmp_path: Path) -> dict[str, str]:
    """Another installation: its own files folder and an empty database (SQLite: a new file;
    PostgreSQL: this test database emptied with `flush`, as after `migrate` on a new server)."""
    if connection.vendor == "sqlite":
        database_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    else:
        conf = connection.settings_dict
        user = conf["USER"] + (f":{conf['PASSWORD']}" if conf["PASSWORD"] else "")
        database_url = f"postgres://{user}@{conf['HOST']}:{conf['PORT'] or 5432}/{conf['NAME']}"
        call_command("flush", interactive=False, verbosity=0)
        connection.close()
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "autentika.config.settings.dev",
        "DATABASE_URL": database_url,
        "AUTENTIKA_FILES_DIR": str(tmp_path / "restored-files"),
        "AUTENTIKA_VAR_DIR": str(tmp_path / "var"),
        # The integrity key travels with the operator, not in the backup.
        "AUTENTIKA_INTEGRITY_KEY": settings.AUTENTIKA_INTEGRITY_KEY,
        # So does the trusted TSA's certificate (the backup's own copy is not evidence).
        "AUTENTIKA_TSA_TRUST_ANCHORS": str(_demo_tsa_pem()),
    }


def _demo_tsa_pem() -> Path:
    return Path(settings.PRIVATE_FILES_ROOT) / "demo-ca" / "tsa.pem"


def _tamper(env: dict[str, str], event_id: int) -> None:
    """The owner of the database switches the triggers off and rewrites one event."""
    statement = "UPDATE core_auditevent SET to_state = 'dipalsukan' WHERE id = %s"
    if connection.vendor == "sqlite":
        database = sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///"))
        with database:
            database.execute("DROP TRIGGER core_auditevent_no_update")
            database.execute(statement.replace("%s", "?"), [event_id])
        database.close()
        return
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
        cursor.execute(statement, [event_id])
        cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")


@pytest.mark.django_db(transaction=True)
def test_restored_backup_verifies_letters_and_audit_chain(official, sign, tmp_path):
    letters = [sign(4), sign(5)]
    pdfs = {letter.number: bytes(letter.pdf) for letter in letters}
    signing = AuditEvent.objects.filter(event_type=AuditEventType.LETTER_SIGNED).latest("id")
    events = AuditEvent.objects.count()
    backup = tmp_path / "cadangan"
    call_command("backup", str(backup), verbosity=0)

    manifest = backup_check(directory=backup)
    database_file = manifest["database"]["file"]
    assert database_file in manifest["files"]
    assert "files/demo-ca/root.pem" in manifest["files"]
    assert any(name.startswith("files/signing-keys/") for name in manifest["files"])
    assert oct((backup).stat().st_mode & 0o777) == "0o700"

    env = _target_env(tmp_path)
    restored = _manage(env, "restore", str(backup))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "Pemulihan selesai" in restored.stdout
    again = _manage(env, "restore", str(backup))
    assert again.returncode == 1 and "tidak kosong" in again.stderr

    files = Path(env["AUTENTIKA_FILES_DIR"])
    for name, entry in manifest["files"].items():
        if name.startswith("files/"):
            content = (files / name.removeprefix("files/")).read_bytes()
            assert len(content) == entry["size"], name

    audit = _manage(env, "verify_audit")
    assert audit.returncode == 0, audit.stdout + audit.stderr
    assert f"Jejak audit utuh: {events} peristiwa" in audit.stdout
    for number, pdf in pdfs.items():
        path = tmp_path / f"{number.replace('/', '-')}.pdf"
        path.write_bytes(pdf)
        checked = _manage(env, "verify_letter", str(path))
        assert checked.returncode == 0, checked.stdout + checked.stderr
        report = json.loads(checked.stdout)
        assert report["valid"] and report["letter_number"] == number

    _tamper(env, signing.pk)
    broken = _manage(env, "verify_audit")
    assert broken.returncode == 1
    assert f"peristiwa #{signing.pk} (urutan {signing.sequence}) diubah" in broken.stderr


@pytest.mark.django_db(transaction=True)
def test_a_backup_not_matching_its_manifest_is_refused_naming_the_file(tmp_path):
    stored = Path(settings.PRIVATE_FILES_ROOT) / "uji-cadangan" / "surat.pdf"
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(b"%PDF-1.7 isi asli")
    backup = tmp_path / "cadangan"
    call_command("backup", str(backup), verbosity=0)
    call_command("restore", str(backup), "--check", verbosity=0)

    changed = backup / "files" / "uji-cadangan" / "surat.pdf"
    changed.write_bytes(b"%PDF-1.7 isi lain!")
    with pytest.raises(BackupError, match=re.escape("files/uji-cadangan/surat.pdf tidak cocok")):
        backup_check(directory=backup)
    changed.unlink()
    with pytest.raises(CommandError, match=re.escape("files/uji-cadangan/surat.pdf tercatat")):
        call_command("restore", str(backup), verbosity=0)
    shutil.copy(stored, changed)
    (backup / "files" / "tambahan.txt").write_text("disisipkan")
    with pytest.raises(
        BackupError, match=re.escape("files/tambahan.txt ada di folder cadangan tetapi")
    ):
        backup_check(directory=backup)
    (backup / "files" / "tambahan.txt").unlink()
    backup_check(directory=backup)

    manifest = json.loads((backup / MANIFEST).read_text())
    manifest["files"]["../../etc/passwd"] = {"sha256": "0" * 64, "size": 1}
    _resign(manifest)  # even with the key and a new token, a name outside the folder is refused
    _restamp(manifest)
    (backup / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match="nama berkas yang tidak sah"):
        backup_check(directory=backup)


def manifest_body(manifest: dict) -> bytes:
    """What is signed and timestamped, written out here: the manifest without its signature and
    its timestamp, as JSON with sorted keys and no spaces."""
    body = {
        name: value for name, value in manifest.items() if name not in ("signature", "timestamp")
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":")).encode()


def _resign(manifest: dict) -> None:
    """Sign a manifest as the specification says: the key is HMAC-SHA256 of
    "autentika/backup-manifest" under the integrity secret; the signature is HMAC-SHA256 of the
    manifest's body."""
    key = hmac.new(
        settings.AUTENTIKA_INTEGRITY_KEY.encode(), b"autentika/backup-manifest", hashlib.sha256
    ).digest()
    manifest["signature"]["value"] = hmac.new(
        key, manifest_body(manifest), hashlib.sha256
    ).hexdigest()


def _restamp(manifest: dict) -> None:
    """A new token of the TSA over the manifest's body, as whoever can reach the TSA gets."""
    from autentika.core.tsa_tokens import tsa_token_request

    token = tsa_token_request(tsa_url=settings.AUTENTIKA_TSA_URL, message=manifest_body(manifest))
    manifest["timestamp"]["token"] = base64.b64encode(token).decode()


def _file_line(content: bytes) -> dict:
    return {"sha256": hashlib.sha256(content).hexdigest(), "size": len(content)}


@pytest.mark.django_db(transaction=True)
def test_a_changed_file_with_its_changed_manifest_line_is_refused(tmp_path):
    """Whoever can write the backup can change a file and its line in the manifest alike; the
    manifest's signature needs the integrity key, which is not in the backup."""
    stored = Path(settings.PRIVATE_FILES_ROOT) / "uji-tanda-tangan" / "surat.pdf"
    stored.parent.mkdir(parents=True, exist_ok=True)
    stored.write_bytes(b"%PDF-1.7 isi asli")
    backup = tmp_path / "cadangan"
    call_command("backup", str(backup), verbosity=0)
    forged = b"%PDF-1.7 isi palsu"
    (backup / "files" / "uji-tanda-tangan" / "surat.pdf").write_bytes(forged)
    manifest = json.loads((backup / MANIFEST).read_text())
    manifest["files"]["files/uji-tanda-tangan/surat.pdf"] = _file_line(forged)
    (backup / MANIFEST).write_text(json.dumps(manifest))

    # the TSA saw another manifest; a new token for this one still lacks the key
    checked = _manage(_check_env(tmp_path), "restore", str(backup), "--check")
    assert checked.returncode == 1
    assert "token stempel waktu bukan untuk MANIFEST.json ini" in checked.stderr
    _restamp(manifest)
    (backup / MANIFEST).write_text(json.dumps(manifest))
    checked = _manage(_check_env(tmp_path), "restore", str(backup), "--check")
    assert checked.returncode == 1
    assert "Tanda tangan MANIFEST.json tidak cocok" in checked.stderr
    with pytest.raises(CommandError, match=re.escape("Tanda tangan MANIFEST.json tidak cocok")):
        call_command("restore", str(backup), verbosity=0)

    _resign(manifest)  # only the holder of the key can make it pass (with a token dated now)
    _restamp(manifest)
    (backup / MANIFEST).write_text(json.dumps(manifest))
    backup_check(directory=backup)


@pytest.mark.django_db(transaction=True)
def test_a_backup_without_signature_or_under_another_key_is_refused(tmp_path, settings):
    backup = tmp_path / "cadangan"
    call_command("backup", str(backup), verbosity=0)
    manifest = json.loads((backup / MANIFEST).read_text())
    assert manifest["signature"]["algorithm"] == "HMAC-SHA256"
    assert settings.AUTENTIKA_INTEGRITY_KEY not in (backup / MANIFEST).read_text()

    settings.AUTENTIKA_INTEGRITY_KEY = "another-installation-integrity-key-9876543210"
    with pytest.raises(BackupError, match="ditandatangani dengan kunci integritas lain"):
        backup_check(directory=backup)

    del manifest["signature"]
    (backup / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(BackupError, match=re.escape("MANIFEST.json tidak bertanda tangan")):
        backup_check(directory=backup)


def _check_env(tmp_path: Path) -> dict[str, str]:
    """An operator's shell for `restore --check`: the same key, nothing else shared."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "autentika.config.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'leer.sqlite3'}",
        "AUTENTIKA_VAR_DIR": str(tmp_path / "var"),
        "AUTENTIKA_INTEGRITY_KEY": settings.AUTENTIKA_INTEGRITY_KEY,
        "AUTENTIKA_TSA_TRUST_ANCHORS": str(_demo_tsa_pem()),
    }


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_in_use_and_backup_refuses_a_used_folder(sumut, tmp_path):
    backup = tmp_path / "cadangan"
    call_command("backup", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="tidak kosong"):
        call_command("restore", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="tidak kosong; pilih folder baru"):
        call_command("backup", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="di dalam folder berkas"):
        call_command("backup", str(Path(settings.PRIVATE_FILES_ROOT) / "x"), verbosity=0)
