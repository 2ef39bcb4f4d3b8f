"""When the primary database stops, the letters' verification keeps answering from the streaming
replica, staff pages say the service is read-only for now (503) and give back what was typed,
and once the primary is back the text sent again is saved and nothing is lost (#30).

The pair is made by `scripts/replica-up`; the office with its users is the test database copied
onto the primary, and the letter is issued on the primary itself; the app runs under gunicorn
with production settings against the pair and is driven over HTTP."""

import json
import os
import re
import shutil
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client

from autentika.letters.drafting import draft_create
from autentika.letters.models import Draft
from tests.support.replica import (
    Browser,
    FormFields,
    PairStarting,
    app_served,
    default_database_at,
    editor_fields,
    static_collecting,
)

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        os.geteuid() != 0 or shutil.which("pg_createcluster") is None,
        reason="scripts/replica-up makes its clusters with Debian's tools, as root",
    ),
]

READ_ONLY = "Layanan sementara hanya-baca"


@pytest.fixture
def replica_pair() -> Iterator[PairStarting]:
    """`scripts/replica-up` running while the other fixtures make their data; the pair is
    taken down at the end."""
    starting = PairStarting()
    yield starting
    starting.pair().down()


def _health(browser: Browser, status: int = 200) -> dict[str, dict]:
    answered, body = browser.get("/sehat/")
    assert answered == status, body
    return {check["name"]: check for check in json.loads(body)["checks"]}


def _token_of(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


@pytest.mark.django_db(transaction=True)
def test_verification_answers_from_the_replica_while_the_primary_is_down(
    replica_pair, signed_letter, at_drafter, demo_user, tmp_path
):
    static = static_collecting(tmp_path)
    pair = replica_pair.pair()
    pair.copy_of(connections["default"].settings_dict)
    with default_database_at(pair.url("primary")):
        letter = signed_letter()
        draft = draft_create(
            case=at_drafter(letter_number="046/DPD/SU/2025"),
            actor=demo_user("pelaksana"),
            kind="certificate",
        )
        typed = "Teks yang diketik ketika basis data utama mati, jangan sampai hilang."
        typed_fields = editor_fields(draft, body=typed)
        version_before = draft.current_version.number
        staff = Client()
        staff.force_login(demo_user("pelaksana"))
        session = staff.cookies[settings.SESSION_COOKIE_NAME].value
    pair.replica_caught_up()
    env = {
        "DATABASE_URL": pair.url("primary"),
        "DATABASE_REPLICA_URL": pair.url("replica"),
        "SECRET_KEY": settings.SECRET_KEY,
        "AUTENTIKA_INTEGRITY_KEY": settings.AUTENTIKA_INTEGRITY_KEY,
        "AUTENTIKA_FILES_DIR": str(settings.PRIVATE_FILES_ROOT),
        "AUTENTIKA_TRUST_DEMO_CA": "1",
        "AUTENTIKA_DEMO_PKI_URL": settings.AUTENTIKA_DEMO_PKI_URL,
    }
    qr_page = f"/verifikasi/{letter.verification_token}/"
    editor = f"/konsep/{draft.pk}/"
    assert static.wait(timeout=120) == 0
    with app_served(env, tmp_path) as port:
        visitor, clerk = Browser(port), Browser(port, {settings.SESSION_COOKIE_NAME: session})
        status, page = clerk.get(editor)
        assert status == 200, page[:500]
        editor_token = _token_of(page)
        assert _health(visitor)["replica"]["status"] == "ok"  # caught up: lag within its limit

        pair.primary_stop()
        # /sehat/ (operations/health.py) says which tier failed: 503, the replica still answers
        health = _health(visitor, status=503)
        assert health["database"]["status"] == "fail" and health["replica"]["status"] == "ok"

        status, page = visitor.get(qr_page)
        assert status == 200 and "Surat ini sah dan berlaku" in page
        assert letter.number in page
        status, verdict = visitor.post_files(
            qr_page,
            [("csrfmiddlewaretoken", _token_of(page))],
            files=[("file", "surat.pdf", bytes(letter.pdf))],
        )
        assert status == 200 and "sama persis" in verdict
        assert visitor.get("/verifikasi/akar/")[0] == 200
        assert visitor.get("/verifikasi/tidak-ada-surat-ini/")[0] == 404  # a miss, not counted

        status, page = clerk.get("/kotak-masuk/")
        assert status == 503 and READ_ONLY in page
        sent = [("csrfmiddlewaretoken", editor_token), *typed_fields]
        status, page = clerk.post(editor, sent)
        assert status == 503 and READ_ONLY in page and "belum tersimpan" in page
        given_back = FormFields(page).fields
        assert ("body", typed) in given_back

        pair.primary_start()

        status, _ = clerk.post(editor, given_back)  # "Kirim ulang"
        assert status == 302
        assert clerk.cookies.get("autentika_primer") == "1"  # its reads pinned to the primary
        assert visitor.get(qr_page)[0] == 200

    with default_database_at(pair.url("primary")):
        saved = Draft.objects.get(pk=draft.pk).current_version
        assert saved.body == typed and saved.number == version_before + 1
        assert letter.__class__.objects.filter(pk=letter.pk, number=letter.number).exists()
