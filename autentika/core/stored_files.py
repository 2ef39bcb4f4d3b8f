"""Files stored beside a database row (scans, receipts, decision documents).

A file is written before its row commits (so a committed row always has its bytes), and removed
again when the transaction that wrote it rolls back: services that store files run under
`atomic_with_files` instead of `transaction.atomic`. A file left by a process killed mid-way
is found by `manage.py files_sweep` (a file no row names).

Every read and write goes through the storage API (`storages["default"]`: the folder
AUTENTIKA_FILES_DIR, or a bucket with AUTENTIKA_STORAGE=s3), never a path on disk.
"""

import datetime as dt
import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import transaction
from django.db.models.fields.files import FieldFile

from autentika.core.uploads import Upload

P = ParamSpec("P")
R = TypeVar("R")

EXTENSION_BY_CONTENT_TYPE = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}

_local = threading.local()


def _uncommitted() -> list[tuple[Any, str]]:
    if not hasattr(_local, "files"):
        _local.files = []
    files: list[tuple[Any, str]] = _local.files
    return files


def file_store(field_file: FieldFile, *, name: str, content: File[Any]) -> None:
    """Write `content` into `field_file` (the row is saved by the caller). Inside a transaction
    the file is remembered until the transaction commits."""
    field_file.save(name, content, save=False)
    if not transaction.get_connection().in_atomic_block:
        return
    entry = (field_file.storage, str(field_file.name))
    pending = _uncommitted()
    pending.append(entry)

    def committed() -> None:
        if entry in pending:
            pending.remove(entry)

    transaction.on_commit(committed)


def upload_store(field_file: FieldFile, *, upload: Upload, content_type: str) -> None:
    """Store an accepted upload under a name made of its hash and its real type."""
    extension = EXTENSION_BY_CONTENT_TYPE[content_type]
    file_store(
        field_file, name=f"{upload.sha256[:16]}.{extension}", content=ContentFile(upload.content)
    )


def atomic_with_files(func: Callable[P, R]) -> Callable[P, R]:
    """`transaction.atomic`, and on any exception the files this call wrote are deleted."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        pending = _uncommitted()
        before = len(pending)
        try:
            with transaction.atomic():
                return func(*args, **kwargs)
        except BaseException:
            written = pending[before:]
            del pending[before:]
            for storage, name in written:
                storage.delete(name)
            raise

    return wrapper


def _file_fields() -> list[tuple[Any, str]]:
    from django.apps import apps
    from django.db.models import FileField

    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, FileField)
    ]


def unreferenced_files(*, older_than: dt.datetime) -> list[tuple[Any, str]]:
    """Files under the upload folders of every FileField that no row names, last modified
    before `older_than`."""
    named_by_folder: dict[tuple[Any, str], set[str]] = {}
    for model, field_name in _file_fields():
        field = model._meta.get_field(field_name)
        folder = str(field.upload_to).split("%", 1)[0].strip("/")
        names = model._default_manager.exclude(**{field_name: ""}).values_list(
            field_name, flat=True
        )
        named_by_folder.setdefault((field.storage, folder), set()).update(names)
    return [
        (storage, name)
        for (storage, folder), named in named_by_folder.items()
        for name in _walk(storage, folder)
        if name not in named and storage.get_modified_time(name) < older_than
    ]


def documents_on_disk() -> bool:
    """Whether the documents' storage is the files folder itself (AUTENTIKA_STORAGE=local), so
    that what is under AUTENTIKA_FILES_DIR on disk is all there is."""
    storage = storages["default"]
    root = Path(settings.PRIVATE_FILES_ROOT).resolve()
    return isinstance(storage, FileSystemStorage) and Path(storage.location).resolve() == root


def stored_names(storage: Storage | None = None) -> list[str]:
    """Every file of a storage (the documents' by default), sorted."""
    return sorted(_walk(storage or storages["default"], ""))


def _walk(storage: Any, folder: str) -> list[str]:
    try:  # not `exists`: a bucket has no folder objects, only keys under a prefix
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a folder not made yet on disk
        return []
    names = [f"{folder}/{name}" if folder else name for name in files]
    for sub in folders:
        names.extend(_walk(storage, f"{folder}/{sub}" if folder else sub))
    return names
