"""A registration that fails after its scans were written leaves no file behind; a file no row
names is found by `files_sweep`."""

import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from autentika.cases import registration
from autentika.cases.models import Case, CaseDocument


def _stored_case_files() -> set[str]:
    found: set[str] = set()

    def walk(folder: str) -> None:
        if not default_storage.exists(folder):
            return
        folders, files = default_storage.listdir(folder)
        found.update(f"{folder}/{name}" for name in files)
        for sub in folders:
            walk(f"{folder}/{sub}")

    walk("cases")
    return found


def test_a_registration_that_fails_after_writing_its_scan_leaves_no_file(
    register, official_without_figures, monkeypatch
):
    before = _stored_case_files()

    def audit_fails(*args, **kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(registration, "audit_record", audit_fails)
    with pytest.raises(RuntimeError):
        register()
    assert Case.objects.count() == 0
    assert CaseDocument.objects.count() == 0
    assert _stored_case_files() == before


def test_a_committed_registration_keeps_its_scan(register, official_without_figures):
    case = register()
    document = case.documents.get()
    assert document.file.name in _stored_case_files()


def test_files_sweep_names_an_orphan_and_keeps_what_a_row_names(
    register, official_without_figures, capsys
):
    case = register()
    kept = case.documents.get().file.name
    orphan = default_storage.save("cases/2026/yatim.pdf", ContentFile(b"%PDF-1.4 orphan"))
    an_hour_ago = time.time() - 2 * 3600
    for name in (orphan, kept):
        os.utime(default_storage.path(name), (an_hour_ago, an_hour_ago))

    call_command("files_sweep")
    listed = capsys.readouterr().out
    assert f"yatim: {orphan}" in listed
    assert kept not in listed
    assert default_storage.exists(orphan)

    call_command("files_sweep", "--delete")
    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept)
