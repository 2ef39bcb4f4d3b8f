"""The documents of a bucket in a backup (core/backup.py, AUTENTIKA_STORAGE=s3): copied out
through the storage API into `stored/`, and written back into the documents' storage."""

import shutil
from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages

from autentika.core.backup import CHUNK, STORED_DIR, BackupError
from autentika.core.stored_files import stored_names


def stored_copy(target: Path) -> None:
    """Every document of the storage into `target`, under its own name."""
    storage = storages["default"]
    target.mkdir(mode=0o700)
    for name in stored_names(storage):
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with storage.open(name, "rb") as source, destination.open("wb") as out:
            shutil.copyfileobj(source, out, CHUNK)


def stored_restore(directory: Path, names: list[str]) -> None:
    """Write the backup's `stored/` files into the documents' storage; one already there must be
    identical (so a restore interrupted after this step can simply run again)."""
    storage = storages["default"]
    plan = []
    for name in names:
        key = name.removeprefix(f"{STORED_DIR}/")
        if storage.exists(key):
            with storage.open(key, "rb") as existing:
                same = existing.read() == (directory / name).read_bytes()
            if not same:
                raise BackupError(
                    f"Berkas {key} sudah ada di penyimpanan dengan isi lain; penyimpanan "
                    "tujuan harus kosong."
                )
            continue
        plan.append((directory / name, key))
    for source, key in plan:
        with source.open("rb") as handle:
            saved = storage.save(key, File(handle))
        if saved != key:
            raise BackupError(f"Berkas {key} tersimpan dengan nama lain ({saved}).")
