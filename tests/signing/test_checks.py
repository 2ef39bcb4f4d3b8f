"""The signing-backends system check (autentika.E005-E008): a configuration that could not
sign is reported when the server starts, not when a signer first tries."""

import pytest
from django.core import checks

from autentika.demo import bsre_test_ca
from autentika.signing.checks import signing_backends_check


def _ids(settings, table) -> list[str | None]:
    settings.AUTENTIKA_SIGNING_BACKENDS = table
    return [message.id for message in signing_backends_check()]


@pytest.fixture
def anchor(demo_pki) -> str:
    return bsre_test_ca.bsre_ca_pem_path(demo_pki)


@pytest.fixture
def good(anchor, monkeypatch) -> dict:
    monkeypatch.setenv("BSRE_CEK_USER", "u")
    monkeypatch.setenv("BSRE_CEK_PASSWORD", "p")
    return {
        "kind": "bsre",
        "url": "http://10.12.0.5",
        "username_env": "BSRE_CEK_USER",
        "password_env": "BSRE_CEK_PASSWORD",
        "trust_anchors": [anchor],
    }


def test_a_complete_configuration_passes(settings, good, anchor):
    table = {
        "kpu-sumut/KETUA": good,
        "kpu-ri": {"kind": "csc", "url": "https://csc.example", "trust_anchors": [anchor]},
        "*": {"kind": "local"},
    }
    assert _ids(settings, table) == []
    assert _ids(settings, {}) == []


def test_each_problem_is_an_error(settings, good, tmp_path, monkeypatch):
    assert _ids(settings, {"kpu-sumut": {**good, "kind": "bsre-v3"}}) == ["autentika.E005"]
    assert _ids(settings, {"kpu-sumut": "bsre"}) == ["autentika.E005"]
    assert _ids(settings, ["bsre"]) == ["autentika.E005"]
    assert _ids(settings, {"kpu-sumut": {**good, "url": ""}}) == ["autentika.E006"]
    monkeypatch.delenv("BSRE_CEK_PASSWORD")
    assert _ids(settings, {"kpu-sumut": good}) == ["autentika.E007"]
    no_names = {k: v for k, v in good.items() if not k.endswith("_env")}
    assert _ids(settings, {"kpu-sumut": no_names}) == ["autentika.E007"]
    secrets = {**no_names, "secrets_file": str(tmp_path / "tidak-ada.json")}
    assert _ids(settings, {"kpu-sumut": secrets}) == ["autentika.E007"]
    (tmp_path / "rahasia.json").write_text('{"username": "u", "password": "p"}')
    secrets["secrets_file"] = str(tmp_path / "rahasia.json")
    assert _ids(settings, {"kpu-sumut": secrets}) == []
    missing = {**secrets, "trust_anchors": [str(tmp_path / "akar.pem")]}
    assert _ids(settings, {"kpu-sumut": missing}) == ["autentika.E008"]
    assert _ids(settings, {"kpu-sumut": {**secrets, "trust_anchors": []}}) == ["autentika.E008"]


def test_messages_name_the_entry_and_hint_in_indonesian(settings, good):
    settings.AUTENTIKA_SIGNING_BACKENDS = {"kpu-sumut/KETUA": {**good, "url": ""}}
    (message,) = signing_backends_check()
    assert isinstance(message, checks.Error)
    assert "kpu-sumut/KETUA" in message.msg and "url" in message.msg
    assert "alamat layanan" in message.hint


def test_the_check_runs_with_the_others(settings, good):
    settings.AUTENTIKA_SIGNING_BACKENDS = {"*": {**good, "kind": "bsre-v3"}}
    assert "autentika.E005" in {m.id for m in checks.run_checks()}
