"""Production as deployed: production settings, `collectstatic` with the hashed manifest, and a
real WSGI server (gunicorn with the deployment's deploy/gunicorn.conf.py: threaded workers)
answering pages, static files and the API behind a TLS proxy."""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

HOST = "autentika.kpu.example"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _production_env(var: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(var),
        "DJANGO_SETTINGS_MODULE": "autentika.config.settings.prod",
        "ALLOWED_HOSTS": HOST,
        "BEHIND_TLS_PROXY": "1",
        "AUTENTIKA_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var / 'db.sqlite3'}",
    }


def _manage_started(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
    )


def _manage(env: dict[str, str], *args: str) -> None:
    process = _manage_started(env, *args)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, out + err


class Server:
    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def get(self, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path, headers=headers)

    def request(
        self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        sent = {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body or None, headers=sent)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        content = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    var = tmp_path_factory.mktemp("prod")
    env = _production_env(var)
    # collectstatic needs no database: it runs beside migrate and seed_demo.
    static = _manage_started(env, "collectstatic", "--noinput")
    _manage(env, "migrate", "--noinput")
    # The demo data comes in with development settings (production refuses seed_demo); the
    # server then runs on the same database with production settings.
    dev = {**env, "DJANGO_SETTINGS_MODULE": "autentika.config.settings.dev"}
    _manage(dev, "seed_demo", "--skip-checks")
    out, err = static.communicate(timeout=300)
    assert static.returncode == 0, out + err
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    # The deployment's own configuration (the web unit's command), sized down for a test.
    sizing = {
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "GUNICORN_THREADS": "4",
    }
    process = subprocess.Popen(
        [str(gunicorn), "--config", str(settings.BASE_DIR / "deploy" / "gunicorn.conf.py")],
        env={**env, **sizing},
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(process.stderr.read().decode() if process.stderr else "no start")
                time.sleep(0.3)
        yield Server(port)
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stderr:
            process.stderr.close()


def test_public_pages_and_the_api_answer_under_production_settings(server):
    for path in ("/masuk/", "/verifikasi/", "/portal/layanan/", "/api/v1/openapi.json"):
        status, _, _ = server.get(path)
        assert status == 200, path
    status, headers, _ = server.get("/")
    assert status == 302 and "/masuk/" in headers["location"]
    assert server.get("/tidak-ada/")[0] == 404


def test_plain_http_is_sent_to_https(server):
    status, headers, _ = server.get("/masuk/", **{"X-Forwarded-Proto": "http"})
    assert status == 301 and headers["location"].startswith("https://")


def test_health_and_metrics_answer_a_monitor_on_the_server_itself(server):
    """Over plain HTTP from loopback (a monitor, Prometheus): no HTTPS redirect for these two."""
    plain = {"X-Forwarded-Proto": "http"}
    status, headers, body = server.get("/sehat/", **plain)
    assert status == 200, body
    assert json.loads(body)["status"] == "ok" and re.fullmatch(
        "[0-9a-f]{32}", headers["x-request-id"]
    )
    status, _, body = server.get("/metrics", **plain)
    assert status == 200 and b"autentika_task_queue_depth" in body
    assert server.get("/masuk/", **plain)[0] == 301


def test_static_files_come_from_the_hashed_manifest(server):
    _, _, page = server.get("/masuk/")
    links = re.findall(rb'href="(/static/[^"]+\.css)"', page)
    assert links and all(re.search(rb"\.[0-9a-f]{12}\.css$", link) for link in links), links
    for link in links:
        status, headers, body = server.get(link.decode())
        assert status == 200 and headers["content-type"].startswith("text/css") and body
        assert "max-age" in headers.get("cache-control", "")


def test_a_staff_member_logs_in_and_opens_pages(server):
    _, _, page = server.get("/masuk/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    password = os.environ.get("DEMO_PASSWORD", "demo-autentika")
    status, headers, _ = server.request(
        "POST",
        "/masuk/",
        body=f"csrfmiddlewaretoken={token.group(1).decode()}&username=pelaksana&password={password}",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"https://{HOST}/masuk/",
        },
    )
    assert status == 302, headers
    for path in ("/", "/hasil/", "/laporan/dasbor/", "/notifikasi/"):
        status, _, body = server.get(path)
        assert status == 200, (path, body[:300])


def test_a_request_still_under_way_does_not_stop_the_other_pages(server):
    """One worker process with threads: a login form whose body has not all arrived holds one
    thread (Django reads the body to check the form's CSRF token, as a signing or an upload
    holds one); the next visitor's page is served meanwhile."""
    server.get("/masuk/")
    headers = {
        "Host": HOST,
        "X-Forwarded-Proto": "https",
        "Origin": f"https://{HOST}",
        "Cookie": f"csrftoken={server.cookies['csrftoken']}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": "100",
    }
    head = "POST /masuk/ HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as slow:
        slow.sendall((head + "\r\nusername=").encode())
        status, _, _ = server.get("/verifikasi/")
        assert status == 200
