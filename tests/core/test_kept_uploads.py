"""A kept scan (core/kept_uploads.py) lasts an hour: after that its token is no longer used
and the sweep removes its files. A token is only looked for in the kept folder when it has
the shape of one (no path can be named)."""

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import timezone

from autentika.core.kept_uploads import KEPT_FOR, KEPT_PER_SESSION, KeptScans, kept_sweep
from tests.support.documents import scan_pdf

pytestmark = pytest.mark.django_db

FIELDS = {"scan": "Surat permohonan"}


def _request(user, session, data):
    request = RequestFactory().post("/", data)
    request.user = user
    request.session = session
    return request


def _kept_once(user, session):
    scan = SimpleUploadedFile("surat.pdf", scan_pdf(), "application/pdf")
    scans = KeptScans(_request(user, session, {"scan": scan}), form="uji", fields=FIELDS)
    scans.keep(forms.Form({}))
    return scans.kept["scan"][0]


def test_a_kept_scan_is_used_within_the_hour_only(demo_user):
    user, session = demo_user("tu"), SessionStore()
    kept = _kept_once(user, session)
    again = KeptScans(_request(user, session, {"scan_kept": kept.token}), form="uji", fields=FIELDS)
    assert again.first("scan").content == scan_pdf()
    # Another form's field does not take it.
    other = KeptScans(
        _request(user, session, {"scan_kept": kept.token}), form="lain", fields=FIELDS
    )
    assert other.first("scan") is None

    # An hour later it is no longer used, and its files go.
    meta = Path(settings.AUTENTIKA_KEPT_UPLOADS_DIR) / f"{kept.token}.json"
    data = json.loads(meta.read_text())
    data["kept_at"] = (timezone.now() - KEPT_FOR - dt.timedelta(minutes=1)).isoformat()
    meta.write_text(json.dumps(data))
    late = KeptScans(_request(user, session, {"scan_kept": kept.token}), form="uji", fields=FIELDS)
    assert late.first("scan") is None
    assert not meta.exists() and kept.token not in session.get("kept_uploads", [])


def test_the_sweep_removes_expired_kept_files(demo_user):
    kept = _kept_once(demo_user("tu"), SessionStore())
    content = Path(settings.AUTENTIKA_KEPT_UPLOADS_DIR) / f"{kept.token}.bin"
    kept_sweep()
    assert content.exists()  # within its hour
    old = (timezone.now() - KEPT_FOR - dt.timedelta(minutes=5)).timestamp()
    for path in content.parent.glob(f"{kept.token}.*"):
        os.utime(path, (old, old))
    assert kept_sweep() >= 2 and not content.exists()


def test_a_token_that_names_a_path_is_ignored(demo_user):
    user, session = demo_user("tu"), SessionStore()
    session["kept_uploads"] = ["../../etc/passwd"]
    scans = KeptScans(
        _request(user, session, {"scan_kept": "../../etc/passwd"}), form="uji", fields=FIELDS
    )
    assert scans.kept["scan"] == []


def test_a_session_keeps_a_bounded_number_of_scans(demo_user):
    """Refusing a form over and over does not fill the disk: the oldest kept scans go."""
    user, session = demo_user("tu"), SessionStore()
    kept = [_kept_once(user, session) for _ in range(KEPT_PER_SESSION + 2)]
    root = Path(settings.AUTENTIKA_KEPT_UPLOADS_DIR)
    assert session["kept_uploads"] == [k.token for k in kept[2:]]
    assert not (root / f"{kept[0].token}.bin").exists()
    assert (root / f"{kept[-1].token}.bin").exists()
