"""Backup and restore: the database, every stored file and a manifest of both.

A backup is a directory:

    MANIFEST.json          format, time, database vendor, migrations, SHA-256 and size of each
                           file, its signature (HMAC-SHA256 under the integrity key) and an
                           RFC 3161 timestamp token of the letters' TSA over the same content
    database.sqlite3       SQLite: a page-exact copy made with SQLite's online backup API
    database.pgdump        PostgreSQL: `pg_dump --format=custom` (triggers and functions included)
    files/...              everything under PRIVATE_FILES_ROOT on disk (demo-ca/, signing-keys/,
                           and the documents when they are stored there, AUTENTIKA_STORAGE=local)
    stored/...             with AUTENTIKA_STORAGE=s3: every document of the bucket (its
                           `files/` prefix), read through the storage API

Both database formats are exact copies, so the audit log's hash chain (microseconds included)
and the signed PDF bytes come back as they were; see docs/DECISIONS.md for why not `dumpdata`.
The database is copied before the files: a file is written before its row commits, so every
row in the copy has its file in the backup (at worst the backup holds a few orphans more).

Restore checks the manifest's TSA timestamp before anything else (issue #27: its imprint is
SHA-256 of the manifest as signed and the token validates against the TSA anchors, so the time
of the backup is proven), then its signature (the key lives outside the database and the
backup, core/integrity.py, so a changed file with its changed manifest line is refused), then
the whole manifest (every file present with its size and SHA-256, no file it does not list),
then that the database holds no data, then writes the files (`files/` to the disk folder,
`stored/` into the documents' storage, whichever it is now) and the database. A backup of a
local installation restores its documents to disk: moving them to a bucket is a copy of the
folders with any S3 tool (README, "Stored files on an object store"). Messages are Indonesian: the
operator reads them.
"""

import base64
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from autentika.core.integrity import (
    BACKUP_MANIFEST,
    integrity_key_id,
    keyed_digest,
    keyed_digest_matches,
)
from autentika.core.stored_files import documents_on_disk
from autentika.core.tsa_tokens import (
    TsaUnavailable,
    tsa_token_problem,
    tsa_token_request,
    tsa_token_time,
)

MANIFEST = "MANIFEST.json"
# 2: signed, 3: signed and timestamped (issue #27). Earlier formats are refused.
FORMAT = 3
SIGNATURE = "signature"
TIMESTAMP = "timestamp"
FILES_DIR = "files"
STORED_DIR = "stored"
DATABASE_FILE = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Rows `migrate` itself writes into a new database: their presence does not make it "in use".
MIGRATE_MADE = {
    "contenttypes.contenttype",
    "auth.permission",
    "core.auditchainhead",  # at sequence 0
    "results.politicalparty",  # the national party list (results migrations)
}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore refused; the message is Indonesian and names what is wrong."""


@dataclass(frozen=True)
class BackupResult:
    directory: Path
    files: int
    size: int


def backup_create(*, directory: Path, using: str = "default") -> BackupResult:
    """Write a backup into `directory` (new or empty)."""
    directory = Path(directory).resolve()
    if directory.is_relative_to(Path(settings.PRIVATE_FILES_ROOT).resolve()):
        raise BackupError("Folder cadangan tidak boleh berada di dalam folder berkas aplikasi.")
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"Folder cadangan {directory} tidak kosong; pilih folder baru.")
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(directory, 0o700)  # signer keys and the demo CA are inside
    connection = connections[using]
    vendor = _vendor_checked(connection.vendor)
    if connection.in_atomic_block:  # SQLite's backup would wait for our own write lock forever
        raise BackupError("Cadangan harus dibuat di luar transaksi basis data.")
    database_file = directory / DATABASE_FILE[vendor]
    if vendor == "sqlite":
        _sqlite_dump(using, database_file)
    else:
        from autentika.core.backup_postgres import postgres_dump

        postgres_dump(connection.settings_dict, database_file)
    source = Path(settings.PRIVATE_FILES_ROOT)
    target = directory / FILES_DIR
    target.mkdir(mode=0o700)
    for relative in _tree_files(source):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, destination)
    if not documents_on_disk():
        from autentika.core.backup_stored import stored_copy

        stored_copy(directory / STORED_DIR)
    entries = {name: _file_entry(directory / name) for name in _tree_files(directory)}
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": {"vendor": vendor, "file": DATABASE_FILE[vendor]},
        "migrations": _migrations_applied(using),
        "files": entries,
    }
    manifest[SIGNATURE] = manifest_signature(manifest)
    try:
        token = tsa_token_request(
            tsa_url=settings.AUTENTIKA_TSA_URL, message=_signed_bytes(manifest)
        )
    except TsaUnavailable as error:
        raise BackupError(f"{error} Cadangan belum selesai: {MANIFEST} tidak ditulis.") from error
    manifest[TIMESTAMP] = {
        "tsa_url": settings.AUTENTIKA_TSA_URL,
        "token": base64.b64encode(token).decode(),
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return BackupResult(directory, len(entries), sum(e["size"] for e in entries.values()))


def backup_check(*, directory: Path) -> dict[str, Any]:
    """The manifest, after checking that the directory holds exactly the files it lists with
    their sizes and SHA-256; raises BackupError naming the first file that does not match."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text())
    except FileNotFoundError as error:
        raise BackupError(
            f"{MANIFEST} tidak ada di {directory}: ini bukan folder cadangan."
        ) from error
    except (OSError, ValueError) as error:
        raise BackupError(f"{MANIFEST} di {directory} tidak dapat dibaca: {error}") from error
    timestamp_check(manifest)
    signature_check(manifest)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{MANIFEST}: format cadangan tidak dikenal.")
    entries = manifest.get("files")
    database = manifest.get("database") or {}
    if not isinstance(entries, dict) or database.get("file") not in entries:
        raise BackupError(f"{MANIFEST}: daftar berkas atau berkas basis data tidak ada.")
    for name, entry in sorted(entries.items()):
        _name_checked(name)
        path = directory / name
        if not path.is_file() or path.is_symlink():
            raise BackupError(f"Berkas {name} tercatat di {MANIFEST} tetapi tidak ada.")
        actual = _file_entry(path)
        if not isinstance(entry, dict) or actual != {
            "sha256": entry.get("sha256"),
            "size": entry.get("size"),
        }:
            raise BackupError(
                f"Berkas {name} tidak cocok dengan {MANIFEST} (ukuran atau SHA-256 berbeda)."
            )
    for name in _tree_files(directory):
        if name != MANIFEST and name not in entries:
            raise BackupError(f"Berkas {name} ada di folder cadangan tetapi tidak di {MANIFEST}.")
    return manifest


def _signed_bytes(manifest: dict[str, Any]) -> bytes:
    """The manifest as signed and timestamped: every field but the signature and the timestamp,
    in one canonical JSON form."""
    unsigned = {k: v for k, v in manifest.items() if k not in (SIGNATURE, TIMESTAMP)}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def manifest_signature(manifest: dict[str, Any]) -> dict[str, str]:
    return {
        "algorithm": "HMAC-SHA256",
        "key_id": integrity_key_id(purpose=BACKUP_MANIFEST),
        "value": keyed_digest(_signed_bytes(manifest), purpose=BACKUP_MANIFEST),
    }


def timestamp_check(manifest: Any) -> None:
    """Refuse a manifest without a TSA token, or whose token is damaged, for another content, or
    not signed by a trusted TSA."""
    stamp: Any = manifest.get(TIMESTAMP) if isinstance(manifest, dict) else None
    try:
        token = base64.b64decode(str(stamp["token"]), validate=True)
        if not token:
            raise ValueError("empty")
    except (KeyError, TypeError, ValueError):
        raise BackupError(
            f"{MANIFEST} tidak bertanda waktu TSA: waktu cadangan ini tidak dapat dipastikan."
        ) from None
    problem = tsa_token_problem(
        token=token, message=_signed_bytes(manifest), what=f"{MANIFEST} ini"
    )
    if problem is not None:
        raise BackupError(f"Stempel waktu {MANIFEST} ditolak: {problem}.")


def manifest_time(manifest: dict[str, Any]) -> dt.datetime:
    """The time the TSA put in a checked manifest's token."""
    return tsa_token_time(base64.b64decode(manifest[TIMESTAMP]["token"]))


def signature_check(manifest: Any) -> None:
    """Refuse a manifest whose signature is missing, made under another key, or not its own."""
    signature = manifest.get(SIGNATURE) if isinstance(manifest, dict) else None
    if not isinstance(signature, dict) or signature.get("algorithm") != "HMAC-SHA256":
        raise BackupError(
            f"{MANIFEST} tidak bertanda tangan: cadangan ini tidak dapat dipastikan utuh."
        )
    key_id = integrity_key_id(purpose=BACKUP_MANIFEST)
    if signature.get("key_id") != key_id:
        raise BackupError(
            f"{MANIFEST} ditandatangani dengan kunci integritas lain ({signature.get('key_id')}, "
            f"kunci di sini {key_id}); pakai AUTENTIKA_INTEGRITY_KEY instalasi asal."
        )
    if not keyed_digest_matches(
        _signed_bytes(manifest), str(signature.get("value", "")), purpose=BACKUP_MANIFEST
    ):
        raise BackupError(
            f"Tanda tangan {MANIFEST} tidak cocok: isi MANIFEST.json telah diubah sejak "
            "cadangan dibuat."
        )


def backup_restore(*, directory: Path, using: str = "default") -> dict[str, Any]:
    """Restore a checked backup into an empty database and the files folder."""
    directory = Path(directory)
    manifest = backup_check(directory=directory)
    connection = connections[using]
    vendor = _vendor_checked(connection.vendor)
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(
            f"Cadangan ini dari basis data {manifest['database']['vendor']}, sedangkan tujuan "
            f"{vendor}; pulihkan ke jenis basis data yang sama."
        )
    in_use = database_in_use(using)
    if in_use:
        raise BackupError(
            f"Basis data tujuan tidak kosong (berisi data {in_use}); pemulihan hanya ke basis "
            "data kosong."
        )
    files = [name for name in manifest["files"] if name.startswith(f"{FILES_DIR}/")]
    stored = [name for name in manifest["files"] if name.startswith(f"{STORED_DIR}/")]
    _files_restore(directory, files)
    if stored:
        from autentika.core.backup_stored import stored_restore

        stored_restore(directory, stored)
    database_file = directory / manifest["database"]["file"]
    connections.close_all()
    if vendor == "sqlite":
        _sqlite_load(connection.settings_dict["NAME"], database_file)
    else:
        from autentika.core.backup_postgres import postgres_load

        postgres_load(connection.settings_dict, database_file)
    return manifest


def database_in_use(using: str = "default") -> str | None:
    """The first model holding rows a new, migrated database would not have, or None."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if model._meta.db_table not in tables or not model._meta.managed:
            continue
        queryset = model._default_manager.using(using)
        if label == "core.auditchainhead":
            queryset = queryset.exclude(sequence=0)
        elif label in MIGRATE_MADE:
            continue
        if queryset.exists():
            return label
    return None


def _vendor_checked(vendor: str) -> str:
    if vendor not in DATABASE_FILE:
        raise BackupError(f"Basis data {vendor} tidak didukung untuk cadangan.")
    return vendor


def _migrations_applied(using: str) -> dict[str, str]:
    last: dict[str, str] = {}
    recorder = MigrationRecorder(connections[using])
    for app, name in sorted(recorder.applied_migrations()):
        last[app] = max(last.get(app, name), name)
    return last


def _tree_files(root: Path) -> Iterator[str]:
    """POSIX names of the regular files under root, sorted (symbolic links are not followed)."""
    if not root.exists():
        return
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for filename in sorted(filenames):
            path = Path(dirpath) / filename
            if path.is_file() and not path.is_symlink():
                yield path.relative_to(root).as_posix()


def _file_entry(path: Path) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return {"sha256": digest.hexdigest(), "size": path.stat().st_size}


def _name_checked(name: str) -> None:
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ".." in parts or "\\" in name:
        raise BackupError(f"{MANIFEST} memuat nama berkas yang tidak sah: {name!r}.")


def _files_restore(directory: Path, names: list[str]) -> None:
    """Copy the backup's files under PRIVATE_FILES_ROOT; an existing file must be identical
    (so a restore interrupted after this step can simply run again)."""
    root = Path(settings.PRIVATE_FILES_ROOT)
    plan = []
    for name in names:
        relative = name.removeprefix(f"{FILES_DIR}/")
        destination = root / relative
        if destination.exists() or destination.is_symlink():
            if destination.is_symlink() or not destination.is_file():
                raise BackupError(f"{destination} sudah ada dan bukan berkas biasa.")
            if _file_entry(destination) != _file_entry(directory / name):
                raise BackupError(
                    f"Berkas {destination} sudah ada dengan isi lain; folder berkas tujuan "
                    "harus kosong."
                )
            continue
        plan.append((directory / name, destination))
    for source, destination in plan:
        destination.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=destination.parent, prefix=".restore-")
        os.close(handle)
        shutil.copy2(source, temporary)
        os.replace(temporary, destination)


def _sqlite_dump(using: str, target: Path) -> None:
    connection = connections[using]
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _sqlite_load(name: str, source_file: Path) -> None:
    if str(name).startswith("file:") or str(name) == ":memory:":
        raise BackupError("Basis data SQLite di memori tidak dapat dipulihkan; pakai berkas.")
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(f"file:{source_file}?mode=ro", uri=True)
    destination = sqlite3.connect(name)
    try:
        source.backup(destination)
        (status,) = destination.execute("PRAGMA integrity_check").fetchone()
    finally:
        source.close()
        destination.close()
    if status != "ok":
        raise BackupError(f"Basis data hasil pemulihan rusak: {status}")
