"""The signer confirms in the browser, the page returns at once and follows the signing, and a
real task worker (`manage.py db_worker`, started only after the click) signs the letter."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from playwright.sync_api import expect

from autentika.letters.models import SignedLetter


@pytest.mark.postgres
def test_the_page_follows_the_worker_that_signs(
    at_signer, official, signer_keys, login, worker_on_this_database
):
    draft = at_signer()
    with override_settings(AUTENTIKA_SIGNING_TASK_BACKEND="default"):
        page = login("ketua")
        page.goto(f"/konsep/{draft.pk}/tandatangani/")
        page.get_by_label("Kata sandi akun Anda").fill("demo-autentika")
        page.get_by_label("Frasa sandi sertifikat tanda tangan elektronik").fill(signer_keys)
        page.get_by_role("button", name="Tanda tangani secara elektronik").click()
        expect(page.get_by_role("heading", name="Penandatanganan surat")).to_be_visible()
        expect(page.get_by_test_id("bulk-state")).to_contain_text("Menunggu dimulai")
        assert not SignedLetter.objects.exists()  # the request did not sign

        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "signing", "--batch"],
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        assert worker.wait(timeout=180) == 0, worker.stderr.read() if worker.stderr else ""
        letter = SignedLetter.objects.get(draft=draft)
        # the page polls: the number appears without reloading
        expect(page.get_by_test_id("bulk-state")).to_contain_text("Selesai", timeout=30_000)
        expect(page.get_by_text(f"Nomor {letter.number}")).to_be_visible()
