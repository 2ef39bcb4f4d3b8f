"""A PostgreSQL primary and its streaming replica made by `scripts/replica-up`, the test
database copied onto the primary, the ORM pointed at the primary for a while, and the app
served by gunicorn under production settings against the pair, driven over HTTP."""

import http.client
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.db import connections

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "replica-up"
CTL = ["pg_ctlcluster", "--skip-systemctl-redirect", "15"]
DATABASE = "autentika"
HOST = "autentika.kpu.example"
TIMEOUT = 30


def _wait(ready: Any, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not ready within {TIMEOUT} s")
        time.sleep(0.1)


def _psql(port: Any, database: str) -> list[str]:
    return ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-d", database]


class PairStarting:
    """`scripts/replica-up` started: it runs while the test makes its data."""

    def __init__(self) -> None:
        self.script = subprocess.Popen(
            [str(SCRIPT)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self._pair: Pair | None = None

    def pair(self) -> "Pair":
        if self._pair is None:
            out, err = self.script.communicate(timeout=120)
            assert self.script.returncode == 0, out + err
            self._pair = Pair(dict(line.split("=", 1) for line in out.split()))
        return self._pair


def static_collecting(var: Path) -> subprocess.Popen[bytes]:
    """collectstatic under production settings into var/static (it needs no database)."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        env=_production_env({}, var),
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _production_env(env: dict[str, str], var: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(var),
        "DJANGO_SETTINGS_MODULE": "autentika.config.settings.prod",
        "ALLOWED_HOSTS": HOST,
        "BEHIND_TLS_PROXY": "1",
        "AUTENTIKA_VAR_DIR": str(var),
        **env,
    }


@dataclass
class Pair:
    variables: dict[str, str]

    def down(self) -> None:
        subprocess.run([str(SCRIPT), "--down", self.variables["REPLICA_DIR"]], timeout=120)

    def url(self, which: str) -> str:
        server = self.variables["DATABASE_URL" if which == "primary" else "DATABASE_REPLICA_URL"]
        return server.rsplit("/", 1)[0] + f"/{DATABASE}"

    def psql(self, which: str, sql: str, database: str = DATABASE) -> str:
        url = dj_database_url.parse(self.url(which))
        return subprocess.run(
            [*_psql(url["PORT"], database), "-Atc", sql],
            capture_output=True,
            text=True,
            check=True,
            timeout=TIMEOUT,
        ).stdout.strip()

    def primary_stop(self) -> None:
        subprocess.run([*CTL, self.variables["REPLICA_PRIMARY"], "stop", "-m", "fast"], check=True)

    def primary_start(self) -> None:
        subprocess.run([*CTL, self.variables["REPLICA_PRIMARY"], "start"], check=True)

    def copy_of(self, database: dict[str, Any]) -> None:
        """The database (the test's, on the shared server) copied onto the primary."""
        self.psql("primary", f"CREATE DATABASE {DATABASE}", database="postgres")
        source = [
            "pg_dump", "--no-owner", "--no-privileges", "-h", str(database["HOST"] or "127.0.0.1"),
            "-p", str(database["PORT"] or 5432), "-U", database["USER"], database["NAME"],
        ]  # fmt: skip
        url = dj_database_url.parse(self.url("primary"))
        dump = subprocess.Popen(
            source, stdout=subprocess.PIPE, env={"PGPASSWORD": database["PASSWORD"] or ""}
        )
        load = subprocess.run(
            [*_psql(url["PORT"], DATABASE), "-q", "-v", "ON_ERROR_STOP=1"],
            stdin=dump.stdout,
            capture_output=True,
            timeout=120,
        )
        assert dump.wait(timeout=120) == 0 and load.returncode == 0, load.stderr

    def replica_caught_up(self) -> None:
        position = self.psql("primary", "SELECT pg_current_wal_lsn()")
        _wait(
            lambda: (
                self.psql("replica", f"SELECT pg_last_wal_replay_lsn() >= '{position}'::pg_lsn")
                == "t"
            ),
            "the replica's replay",
        )


@contextmanager
def default_database_at(url: str) -> Iterator[None]:
    """The ORM's `default` connection on another server for a while (no transaction open)."""
    connection = connections["default"]
    kept = dict(connection.settings_dict)
    connection.close()
    target = dj_database_url.parse(url)
    connection.settings_dict.update({key: target[key] for key in ("NAME", "HOST", "PORT", "USER")})
    connection.settings_dict["PASSWORD"] = target["PASSWORD"] or ""
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(kept)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def app_served(env: dict[str, str], var: Path) -> Iterator[int]:
    """gunicorn under production settings (its static files collected into var by
    `static_collecting`); yields its port."""
    base = _production_env(env, var)
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = (var / "gunicorn.log").open("wb")
    process = subprocess.Popen(
        [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "1", "autentika.config.wsgi"],
        env=base,
        cwd=settings.BASE_DIR,
        stdout=log,
        stderr=subprocess.STDOUT,
    )

    def listening() -> bool:
        assert process.poll() is None, (var / "gunicorn.log").read_text()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    try:
        _wait(listening, "gunicorn")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=TIMEOUT)
        log.close()


class Browser:
    """One visitor: its cookies, requests as behind the TLS proxy."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.port = port
        self.cookies = dict(cookies or {})

    def request(
        self, method: str, path: str, body: bytes = b"", content_type: str = ""
    ) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "Referer": f"https://{HOST}{path}"}
        if content_type:
            headers["Content-Type"] = content_type
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        content = response.read().decode(errors="replace")
        connection.close()
        return response.status, content

    def get(self, path: str) -> tuple[int, str]:
        return self.request("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]]) -> tuple[int, str]:
        return self.post_files(path, fields, files=[])

    def post_files(
        self, path: str, fields: list[tuple[str, str]], files: list[tuple[str, str, bytes]]
    ) -> tuple[int, str]:
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
            for name, value in fields
        ] + [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: application/pdf\r\n\r\n'.encode()
            + content
            + b"\r\n"
            for name, filename, content in files
        ]
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request("POST", path, body, f"multipart/form-data; boundary={boundary}")


class FormFields(HTMLParser):
    """The named fields of the page's forms, in order (inputs and textareas)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "input" and named.get("name"):
            self.fields.append((str(named["name"]), named.get("value") or ""))
        elif tag == "textarea" and named.get("name"):
            self._textarea = str(named["name"])
            self.fields.append((self._textarea, ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            name, text = self.fields[-1]
            self.fields[-1] = (name, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def editor_fields(draft: Any, **changes: str) -> list[tuple[str, str]]:
    """What the draft editor posts for its current version, with some fields changed."""
    version = draft.current_version
    fields = {
        "kind": version.kind,
        "nature": version.nature,
        "attachment": version.attachment,
        "subject": version.subject,
        "body": version.body,
        "closing": version.closing,
        "copies": version.copies,
        "based_on": str(version.number),
        **changes,
    }
    return list(fields.items())
