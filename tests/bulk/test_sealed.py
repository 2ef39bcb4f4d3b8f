"""The signer's secrets on their way to the worker: readable only with the worker's private key,
only for the run they were sealed for, and only while fresh."""

import base64
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st
from nacl.public import PrivateKey

from autentika.bulk.sealed import (
    EXPIRED,
    UNREADABLE,
    SealedSecretsRefused,
    public_key_text,
    secrets_open,
    secrets_seal,
)

SECRETS = {"password": "kata-sandi-rahasia", "passphrase": "frasa sandi rahasia"}


@pytest.fixture
def worker_key(tmp_path):
    with override_settings(AUTENTIKA_WORKER_KEY_FILE=tmp_path / "worker_key"):
        yield tmp_path / "worker_key"


def test_the_key_file_is_made_once_readable_only_by_its_owner(worker_key):
    first = public_key_text()
    assert worker_key.stat().st_mode & 0o777 == 0o600
    assert public_key_text() == first


@settings(max_examples=30, deadline=None)
@given(password=st.text(min_size=12, max_size=64), passphrase=st.text(min_size=12, max_size=64))
def test_what_is_sealed_opens_as_it_was_and_shows_nothing_of_it(
    tmp_path_factory, password, passphrase
):
    with override_settings(
        AUTENTIKA_WORKER_KEY_FILE=tmp_path_factory.getbasetemp() / "sealed_worker_key"
    ):
        sealed = secrets_seal(
            purpose="run-1", secrets={"password": password, "passphrase": passphrase}
        )
        assert password not in sealed and passphrase not in sealed
        opened = secrets_open(purpose="run-1", sealed=sealed)
    assert opened == {"password": password, "passphrase": passphrase}


def test_secrets_sealed_for_one_run_do_not_open_for_another(worker_key):
    sealed = secrets_seal(purpose="run-1", secrets=SECRETS)
    with pytest.raises(SealedSecretsRefused) as refused:
        secrets_open(purpose="run-2", sealed=sealed)
    assert refused.value.message == UNREADABLE


def test_secrets_that_waited_too_long_are_refused(worker_key):
    sealed = secrets_seal(purpose="run-1", secrets=SECRETS)
    with override_settings(AUTENTIKA_SIGNING_SECRETS_MAX_AGE_SECONDS=900):
        assert secrets_open(purpose="run-1", sealed=sealed, now=time.time() + 899) == SECRETS
        with pytest.raises(SealedSecretsRefused) as refused:
            secrets_open(purpose="run-1", sealed=sealed, now=time.time() + 901)
    assert refused.value.message == EXPIRED


def test_only_the_workers_private_key_opens_them(tmp_path, worker_key):
    """A web host seals with the public key alone; another key cannot open what it sealed."""
    worker_public = public_key_text()
    with override_settings(
        AUTENTIKA_WORKER_KEY_FILE=tmp_path / "elsewhere", AUTENTIKA_WORKER_PUBLIC_KEY=worker_public
    ):
        sealed = secrets_seal(purpose="run-1", secrets=SECRETS)
        assert not (tmp_path / "elsewhere").exists()  # sealing needs no private key
    assert secrets_open(purpose="run-1", sealed=sealed) == SECRETS
    other = tmp_path / "other_key"
    other.write_text(base64.b64encode(bytes(PrivateKey.generate())).decode())
    with override_settings(AUTENTIKA_WORKER_KEY_FILE=other), pytest.raises(SealedSecretsRefused):
        secrets_open(purpose="run-1", sealed=sealed)


def test_the_key_may_not_lie_in_the_files_folder_that_backups_copy(tmp_path):
    with (
        override_settings(
            PRIVATE_FILES_ROOT=tmp_path, AUTENTIKA_WORKER_KEY_FILE=tmp_path / "worker_key"
        ),
        pytest.raises(ImproperlyConfigured, match="folder berkas"),
    ):
        public_key_text()


def test_the_command_prints_the_public_key_for_other_web_hosts(worker_key, capsys):
    call_command("worker_key")
    printed = capsys.readouterr().out.strip()
    assert printed == public_key_text() and len(base64.b64decode(printed)) == 32
