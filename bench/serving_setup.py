"""What the serving suite serves: a genuinely signed letter in the bench database (the demo
office's whole procedure, signed B-LTA through the demo CA's real TSA/OCSP/CRL services), and
gunicorn with 2 workers under the production settings on that database."""

import json
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.conf import settings

HOST = "autentika.bench.example"
PKI_PORT = 18110
SERVER_PORT = 18111
WORKERS = 2


@dataclass(frozen=True)
class SignedForBench:
    token: str
    pdf: Path
    specimen: bool
    headline: str  # what the QR page says of it (verification/services.letter_status_text)


@contextmanager
def demo_pki_serving() -> Iterator[None]:
    """The demo CA's TSA, OCSP and CRL on this suite's port for as long as letters are signed
    (as the demo_pki fixture of tests/fixtures/services.py does, on a fixed port of the
    suite's range)."""
    from werkzeug.serving import make_server

    from autentika.demo import demo_ca, pki_service

    saved = settings.AUTENTIKA_DEMO_PKI_URL, settings.AUTENTIKA_TSA_URL
    server = make_server(pki_service.DEFAULT_HOST, PKI_PORT, lambda e, s: [], threaded=True)
    url = f"http://{pki_service.DEFAULT_HOST}:{PKI_PORT}"
    settings.AUTENTIKA_DEMO_PKI_URL = url
    settings.AUTENTIKA_TSA_URL = f"{url}/{demo_ca.ARCH}/tsa/tsa"
    service = pki_service.pki_service_serve(server=server, ca=demo_ca.demo_ca_current())
    try:
        yield
    finally:
        service.stop()
        settings.AUTENTIKA_DEMO_PKI_URL, settings.AUTENTIKA_TSA_URL = saved


def letter_sign_for_bench(out_dir: Path, *, party: str = "4") -> SignedForBench:
    """One letter through the whole procedure (`manage.py demo_request`) at KPU Provinsi
    Sumatera Utara, signed by its Ketua."""
    from django.core.management import call_command

    from autentika.letters.models import SignedLetter
    from autentika.verification.services import letter_status_text

    out = out_dir / f"surat-{party}.pdf"
    printed = StringIO()
    with demo_pki_serving():
        call_command("seed_demo", stdout=StringIO())
        call_command(
            "demo_request",
            office="kpu-sumut",
            party=party,
            out=out,
            allow_sample=True,
            stdout=printed,
        )
    summary = json.loads(printed.getvalue())
    letter = SignedLetter.objects.get(sha256=summary["sha256"])
    headline, _ = letter_status_text(letter)
    return SignedForBench(letter.verification_token, out, letter.is_specimen, headline)


def _trust_root_file() -> str:
    from autentika.signing.trust import DEMO_ROOT_FILE, pki_dir

    return str(pki_dir() / DEMO_ROOT_FILE)


def server_environment(*, database_url: str, var_dir: Path) -> dict[str, str]:
    """Production settings as README "production" deploys them: behind a TLS proxy that sets
    X-Forwarded-Proto, the signing roots named in AUTENTIKA_TRUST_ROOTS (here the demo CA's
    root, the one the bench letters chain to; the demo CA itself is not trusted)."""
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "bench.serving_settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "BEHIND_TLS_PROXY": "1",
        "AUTENTIKA_VAR_DIR": str(var_dir),
        "AUTENTIKA_FILES_DIR": str(settings.PRIVATE_FILES_ROOT),
        "AUTENTIKA_TRUST_ROOTS": _trust_root_file(),
        "AUTENTIKA_PUBLIC_URL": f"https://{HOST}",
    }


def _port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@contextmanager
def gunicorn_serving(env: dict[str, str]) -> Iterator[int]:
    """collectstatic (the hashed manifest), then gunicorn with WORKERS sync workers; yields
    the port and stops the server afterwards."""
    base = Path(settings.BASE_DIR)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        env=env,
        cwd=base,
        check=True,
    )
    if _port_open(SERVER_PORT):
        raise RuntimeError(f"port {SERVER_PORT} is taken; the serving suite needs it")
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "--bind",
                f"127.0.0.1:{SERVER_PORT}",
                "--workers",
                str(WORKERS),
                "--timeout",
                "120",
                "autentika.config.wsgi",
            ],
            env=env,
            cwd=base,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            deadline = time.monotonic() + 90
            while not _port_open(SERVER_PORT):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError("gunicorn did not start:\n" + log.read().decode()[-3000:])
                time.sleep(0.3)
            yield SERVER_PORT
        finally:
            process.terminate()
            process.wait(timeout=30)


def proxy_headers() -> dict[str, str]:
    """What the TLS proxy in front of gunicorn adds to every request."""
    return {"Host": HOST, "X-Forwarded-Proto": "https"}


def csrf_for(port: int, path: str) -> tuple[str, str]:
    """The CSRF cookie and form token a browser gets with the page (GET)."""
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("GET", path, headers=proxy_headers())
    response = connection.getresponse()
    page = response.read().decode()
    connection.close()
    cookie = ""
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith("csrftoken="):
            cookie = value.split(";", 1)[0].split("=", 1)[1]
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if response.status != 200 or not cookie or found is None:
        raise RuntimeError(f"GET {path}: {response.status}, no CSRF token")
    return cookie, found.group(1)


def upload_request(*, port: int, path: str, pdf: Path, body_file: Path) -> dict[str, str]:
    """Write the multipart body a browser posts for the upload form; return its headers."""
    cookie, token = csrf_for(port, path)
    boundary = "----benchboundary" + secrets.token_hex(8)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{token}\r\n".encode(),
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{pdf.name}"\r\nContent-Type: application/pdf\r\n\r\n'.encode(),
        pdf.read_bytes(),
        f"\r\n--{boundary}--\r\n".encode(),
    ]
    body_file.write_bytes(b"".join(parts))
    origin = f"https://{HOST}"
    return {
        **proxy_headers(),
        "Cookie": f"csrftoken={cookie}",
        "Origin": origin,
        "Referer": origin + urllib.parse.quote(path),
        "Content-Type": f"multipart/form-data; boundary={boundary}",
    }


def environment_without_django(env: dict[str, str]) -> dict[str, str]:
    """The load generator's environment: it imports only bench.serving_load and bench.stats."""
    return {"PATH": env["PATH"], "HOME": env["HOME"], "PYTHONPATH": str(settings.BASE_DIR)}
