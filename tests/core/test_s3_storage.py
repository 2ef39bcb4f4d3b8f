"""Documents on an S3-compatible object store (AUTENTIKA_STORAGE=s3, issue #30), against the
local S3 server the tests start: every app server of one installation then reads the same
files. A scan stored at registration is an object of the bucket, not a file on this server's
disk; it is served through the view that checks who may see it, and refused to another office."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.urls import reverse
from django.utils import timezone

from autentika.cases.models import CaseDocument
from autentika.core.backup import BackupError, backup_check, backup_create
from autentika.core.backup_stored import stored_restore
from autentika.core.stored_files import unreferenced_files
from autentika.organization.demo import RI, demo_office_seed
from tests.cases.test_views import _form
from tests.support.documents import scan_pdf

pytestmark = pytest.mark.django_db


def _keys(bucket) -> list[str]:
    return sorted(item.key for item in bucket.objects.all())


def test_a_registered_scan_is_stored_in_the_bucket_and_served_to_its_office_only(
    s3_storage, client, demo_user, golkar, official_without_figures
):
    on_disk = set(Path(settings.PRIVATE_FILES_ROOT).rglob("*.pdf"))
    client.force_login(demo_user("tu"))
    response = client.post(reverse("cases:create"), _form(golkar, official_without_figures))
    assert response.status_code == 302
    document = CaseDocument.objects.get()
    # In the bucket under the installation's prefix, and nowhere on this server's disk.
    assert _keys(s3_storage) == [f"kpu/files/{document.file.name}"]
    assert s3_storage.Object(f"kpu/files/{document.file.name}").get()["Body"].read() == scan_pdf()
    assert set(Path(settings.PRIVATE_FILES_ROOT).rglob("*.pdf")) == on_disk

    url = reverse("cases:document", args=[document.case.pk, document.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == scan_pdf()
    assert download["Content-Disposition"].startswith("attachment;")

    demo_office_seed(RI)
    client.force_login(get_user_model().objects.get(username="ri-tu"))
    assert client.get(url).status_code == 404


def test_a_refused_forms_scan_is_kept_in_the_bucket_for_the_corrected_form(
    s3_storage, client, demo_user, golkar, official_without_figures
):
    """The corrected form may reach another app server: the kept scan is in the bucket."""
    client.force_login(demo_user("tu"))
    refused = client.post(
        reverse("cases:create"), _form(golkar, official_without_figures, subject="")
    )
    token = re.findall(r'name="letter_scan_kept" value="([^"]+)"', refused.content.decode())
    assert len(token) == 1
    assert _keys(s3_storage) == [
        f"kpu/kept-uploads/{token[0]}.bin",
        f"kpu/kept-uploads/{token[0]}.json",
    ]

    corrected = {
        k: v for k, v in _form(golkar, official_without_figures).items() if k != "letter_scan"
    }
    response = client.post(reverse("cases:create"), corrected | {"letter_scan_kept": token})
    assert response.status_code == 302
    document = CaseDocument.objects.get()
    assert _keys(s3_storage) == [f"kpu/files/{document.file.name}"]
    assert document.file.read() == scan_pdf()


@pytest.mark.django_db(transaction=True)
def test_a_backup_holds_the_buckets_documents_and_puts_them_back(s3_storage, tmp_path):
    storage = storages["default"]
    name = storage.save("cases/2026/uji.pdf", ContentFile(b"%PDF-1.7 pindaian di bucket"))
    backup = tmp_path / "cadangan"
    backup_create(directory=backup)
    manifest = backup_check(directory=backup)
    assert f"stored/{name}" in manifest["files"]
    assert "files/demo-ca/root.pem" in manifest["files"]  # keys and the CA stay on disk
    assert f"files/{name}" not in manifest["files"]  # the document only from the bucket

    storage.delete(name)  # a new, empty bucket
    stored_restore(backup, [f"stored/{name}"])
    with storage.open(name, "rb") as handle:
        assert handle.read() == b"%PDF-1.7 pindaian di bucket"
    stored_restore(backup, [f"stored/{name}"])  # run again: the same file is accepted

    s3_storage.Object(f"kpu/files/{name}").put(Body=b"%PDF-1.7 isi lain")
    with pytest.raises(BackupError, match="sudah ada di penyimpanan dengan isi lain"):
        stored_restore(backup, [f"stored/{name}"])


def test_files_sweep_finds_an_object_of_the_bucket_that_no_row_names(s3_storage):
    storage = storages["default"]
    orphan = storage.save("cases/2026/yatim.pdf", ContentFile(b"%PDF-1.7 tanpa baris"))
    found = unreferenced_files(older_than=timezone.now() + dt.timedelta(minutes=1))
    assert [name for _, name in found] == [orphan]
