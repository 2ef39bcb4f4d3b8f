"""`manage.py bsre_simulator_serve`: the BSrE simulator `make run` starts for the demo."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from autentika.demo import bsre_test_ca
from autentika.demo.demo_signing import PASSWORD_ENV, USER_ENV, demo_backends
from autentika.demo.signers import DEMO_NIK
from autentika.letters.services import letter_sign
from tests.support.letters import PASSWORD

OTHER = "3171014101800009"
# The simulator's client by default (README: AUTENTIKA_DEMO_BSRE_USER, _PASSWORD).
DEMO_CLIENT = ("autentika-demo", "demo-klien-bsre")
ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"bsre_simulator_serve ended: {process.communicate()}")
        try:
            requests.get(url, timeout=1)
            return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise AssertionError("bsre_simulator_serve did not listen in time")


@pytest.mark.django_db
def test_the_command_serves_the_user_status_with_basic_auth(
    official, at_signer, demo_user, signer_keys, demo_pki, tmp_path, settings, monkeypatch
):
    """It answers the user status with Basic auth, and a demo office configured as
    `make run SIGNING=bsre` configures it (demo_backends) signs a letter through it."""
    bsre_test_ca.remote_signer_ensure(ca=demo_pki, nik=OTHER, common_name="Lain")
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "autentika.config.settings.dev",
        "AUTENTIKA_VAR_DIR": str(tmp_path),
        # the demo CA the test session made (its remote signers, its TSA)
        "AUTENTIKA_FILES_DIR": str(settings.PRIVATE_FILES_ROOT),
        "AUTENTIKA_DEMO_PKI_URL": settings.AUTENTIKA_DEMO_PKI_URL,
    }
    for name in ("AUTENTIKA_DEMO_BSRE_USER", "AUTENTIKA_DEMO_BSRE_PASSWORD"):
        env.pop(name, None)
    nik = DEMO_NIK["ketua"]
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "bsre_simulator_serve",
            "--port",
            str(port),
            "--status",
            f"{OTHER}=EXPIRED",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_for(base, process)
        answer = requests.get(f"{base}/api/user/status/{nik}", auth=DEMO_CLIENT, timeout=10)
        assert answer.status_code == 200
        assert answer.json()["status"] == "ISSUE"
        expired = requests.get(f"{base}/api/user/status/{OTHER}", auth=DEMO_CLIENT, timeout=10)
        assert expired.json()["status"] == "EXPIRED"
        refused = requests.get(f"{base}/api/user/status/{nik}", auth=("x", "y"), timeout=10)
        assert refused.status_code == 401

        settings.AUTENTIKA_SIGNING_BACKENDS = demo_backends(
            kind="bsre", url=base, files_dir=settings.PRIVATE_FILES_ROOT
        )
        monkeypatch.setenv(USER_ENV, DEMO_CLIENT[0])
        monkeypatch.setenv(PASSWORD_ENV, DEMO_CLIENT[1])
        letter = letter_sign(
            draft=at_signer(), actor=demo_user("ketua"), password=PASSWORD, passphrase=signer_keys
        )
        assert nik in letter.certificate_subject
    finally:
        process.terminate()
        out, err = process.communicate(timeout=10)
    assert "Simulator BSrE di" in out, err
