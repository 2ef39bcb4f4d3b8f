"""A backup's manifest carries an RFC 3161 timestamp of the TSA the letters use, over the same
content its signature covers; `restore --check` checks the token before anything else and
refuses a manifest whose token is missing, damaged, made for another manifest, or signed by a
TSA that is not trusted, naming the fault in Indonesian."""

import asyncio
import base64
import copy
import hashlib
import json
import re
from pathlib import Path

import pytest
from asn1crypto import cms
from django.conf import settings
from django.core.management import call_command

from autentika.core.backup import MANIFEST, BackupError, backup_check
from tests.core.test_backup_restore import manifest_body

pytestmark = pytest.mark.django_db(transaction=True)


def _backup(directory: Path) -> dict:
    call_command("backup", str(directory), verbosity=0)
    return json.loads((directory / MANIFEST).read_text())


def _refused(directory: Path, manifest: dict) -> str:
    (directory / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(BackupError) as refused:
        backup_check(directory=directory)
    return str(refused.value)


def test_a_genuine_backup_is_timestamped_by_the_tsa_and_passes(tmp_path, capsys):
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko_certvalidator import ValidationContext

    from autentika.core.registry import tsa_anchors

    manifest = _backup(tmp_path / "cadangan")
    token = base64.b64decode(manifest["timestamp"]["token"])
    signed_data = cms.ContentInfo.load(token)["content"]
    tst_info = signed_data["encap_content_info"]["content"].parsed
    # the imprint is SHA-256 of the manifest without signature and timestamp
    body = manifest_body(manifest)
    assert tst_info["message_imprint"]["hashed_message"].native == hashlib.sha256(body).digest()
    status = asyncio.run(
        validate_tst_signed_data(
            signed_data,
            ValidationContext(trust_roots=tsa_anchors(), allow_fetching=False),
            lambda name: hashlib.new(name, body).digest(),
        )
    )
    assert status["intact"] and status["valid"] and status["trust_problem_indic"] is None
    call_command("restore", str(tmp_path / "cadangan"), "--check")
    assert "stempel waktu TSA" in capsys.readouterr().out


def test_a_token_removed_changed_or_for_another_manifest_is_refused(tmp_path):
    directory = tmp_path / "cadangan"
    genuine = _backup(directory)
    extra = Path(settings.PRIVATE_FILES_ROOT) / "uji-stempel" / "surat.pdf"
    extra.parent.mkdir(parents=True, exist_ok=True)
    extra.write_bytes(b"%PDF-1.7 berkas yang hanya ada di cadangan lain")
    try:
        other = _backup(tmp_path / "cadangan-lain")
    finally:
        extra.unlink()
    assert other["files"] != genuine["files"]

    removed = copy.deepcopy(genuine)
    del removed["timestamp"]
    assert "MANIFEST.json tidak bertanda waktu TSA" in _refused(directory, removed)
    emptied = copy.deepcopy(genuine)
    emptied["timestamp"]["token"] = ""
    assert "tidak bertanda waktu TSA" in _refused(directory, emptied)

    garbage = copy.deepcopy(genuine)
    garbage["timestamp"]["token"] = base64.b64encode(b"bukan token TSA").decode()
    assert "token stempel waktu rusak" in _refused(directory, garbage)

    flipped = copy.deepcopy(genuine)
    token = bytearray(base64.b64decode(genuine["timestamp"]["token"]))
    token[-1] ^= 0x01  # the last byte belongs to the TSA's signature value
    flipped["timestamp"]["token"] = base64.b64encode(bytes(token)).decode()
    assert "tanda tangan token stempel waktu tidak sah" in _refused(directory, flipped)

    swapped = copy.deepcopy(genuine)
    swapped["timestamp"] = other["timestamp"]
    assert "token stempel waktu bukan untuk MANIFEST.json ini" in _refused(directory, swapped)

    (directory / MANIFEST).write_text(json.dumps(genuine))
    backup_check(directory=directory)


def test_the_token_is_checked_before_the_signature_and_the_files(tmp_path):
    directory = tmp_path / "cadangan"
    manifest = _backup(directory)
    del manifest["timestamp"], manifest["signature"]
    manifest["files"]["files/tidak-ada.pdf"] = {"sha256": "0" * 64, "size": 1}
    message = _refused(directory, manifest)
    assert message.startswith("MANIFEST.json tidak bertanda waktu TSA"), message


def test_a_token_of_a_tsa_that_is_not_trusted_is_refused(tmp_path, settings):
    directory = tmp_path / "cadangan"
    manifest = _backup(directory)
    settings.AUTENTIKA_TRUST_DEMO_CA = False  # the demo TSA no longer among the anchors
    settings.AUTENTIKA_TSA_TRUST_ANCHORS = []
    assert re.search("tidak sah|tidak tepercaya", _refused(directory, manifest))


def test_no_backup_without_a_tsa(tmp_path, settings):
    settings.AUTENTIKA_TSA_URL = ""
    with pytest.raises(BackupError, match="AUTENTIKA_TSA_URL"):
        from autentika.core.backup import backup_create

        backup_create(directory=tmp_path / "cadangan")
    assert not (tmp_path / "cadangan" / MANIFEST).exists()
