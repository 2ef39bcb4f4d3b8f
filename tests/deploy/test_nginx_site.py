"""The nginx site file deploy/nginx/autentika.conf, read as text (nginx is not installed here;
scripts/deploy-check runs `nginx -t` on it in the fresh Debian root): it passes what the app
accepts, tells the app what the app trusts, and points where the deployment puts things."""

import re
import runpy
from pathlib import Path

from django.conf import settings

from autentika.cases.registration import MAX_ATTACHMENTS
from autentika.core.uploads import MAX_UPLOAD_BYTES

ROOT = Path(__file__).resolve().parents[2]
SITE = (ROOT / "deploy" / "nginx" / "autentika.conf").read_text()
MB = 1024 * 1024


def directives(name: str) -> list[str]:
    """The arguments of every `name ...;` directive of the site (comments dropped)."""
    text = "\n".join(line.split("#", 1)[0] for line in SITE.splitlines())
    return [m.strip() for m in re.findall(rf"(?m)^\s*{name}\s+([^;{{}}\n]*);", text)]


def size_bytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([kKmMgG]?)", value).groups()  # type: ignore[union-attr]
    return int(number) * {"": 1, "k": 1024, "m": MB, "g": 1024 * MB}[unit.lower()]


def test_the_braces_balance():
    text = "\n".join(line.split("#", 1)[0] for line in SITE.splitlines())
    depth = 0
    for character in text:
        depth += {"{": 1, "}": -1}.get(character, 0)
        assert depth >= 0
    assert depth == 0


def test_the_largest_form_passes_and_not_much_more():
    """A registration carries its scan and up to ten attachments, each up to 10 MB: 110 MB of
    files. The proxy passes that with room for the form's fields, and refuses far larger bodies
    before they reach gunicorn."""
    (limit,) = directives("client_max_body_size")
    largest_form = (1 + MAX_ATTACHMENTS) * MAX_UPLOAD_BYTES
    assert largest_form == 110 * MB
    assert largest_form + MB <= size_bytes(limit) <= largest_form + 25 * MB


def test_the_app_is_told_the_scheme_and_the_client_address_it_trusts():
    """BEHIND_TLS_PROXY reads X-Forwarded-Proto; AUTENTIKA_TRUSTED_PROXIES=1 takes the last
    X-Forwarded-For entry, the one nginx appends ($remote_addr), never one a client sent."""
    headers = dict(value.split(None, 1) for value in directives("proxy_set_header"))
    assert headers["X-Forwarded-Proto"] == "https"
    assert headers["X-Forwarded-For"] == "$proxy_add_x_forwarded_for"
    assert headers["Host"] == "$host"


def test_each_request_s_id_reaches_the_app_and_nginx_s_access_log():
    """The app keeps a 32-hex-digit X-Request-ID on its log lines (tests/operations/
    test_logs.py); nginx's access log writes the same id."""
    headers = dict(value.split(None, 1) for value in directives("proxy_set_header"))
    assert headers["X-Request-ID"] == "$request_id"
    assert "request_id=$request_id" in SITE
    assert directives("access_log")[0] == "/var/log/nginx/autentika.access.log autentika"


def test_plain_http_is_redirected_and_tls_uses_the_certificate_placeholders():
    assert directives("return") == ["301 https://$host$request_uri"]
    assert directives("ssl_certificate") == ["/etc/autentika/tls/fullchain.pem"]
    assert directives("ssl_certificate_key") == ["/etc/autentika/tls/privkey.pem"]
    assert directives("ssl_protocols") == ["TLSv1.2 TLSv1.3"]


def test_it_proxies_to_where_gunicorn_listens_by_default():
    gunicorn = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"), run_name="config")
    (server,) = directives("server")
    assert server == gunicorn["bind"] == "127.0.0.1:8001"
    assert directives("proxy_pass") == ["http://autentika"]


def test_static_files_come_from_where_collectstatic_writes_them():
    """The deployment's AUTENTIKA_VAR_DIR is /var/lib/autentika, and STATIC_ROOT is its
    static/ folder, served at STATIC_URL."""
    assert Path(settings.STATIC_ROOT).relative_to(settings.VAR_DIR) == Path("static")
    assert settings.STATIC_URL.strip("/") == "static"
    assert "location /static/ {" in SITE
    assert directives("root") == ["/var/lib/autentika"]


def test_a_signing_has_time_to_finish():
    """A signing waits for BSrE (60 s, the backend's timeout in docs/SIGNING_BACKENDS.md), the
    TSA and OCSP: the proxy waits longer than BSrE alone may take."""
    (read_timeout,) = directives("proxy_read_timeout")
    assert int(read_timeout.rstrip("s")) >= 120


def test_nginx_s_own_refusals_show_the_app_s_indonesian_pages():
    """A body or a request line too large, and gunicorn not answering (502, 504: told as 503,
    the service is down), get the app's static pages, which need no server."""
    assert sorted(directives("error_page")) == [
        "413 /autentika-errors/413.html",
        "414 /autentika-errors/414.html",
        "502 504 =503 /autentika-errors/503.html",
    ]
    assert "alias /opt/autentika/autentika/core/templates/;" in SITE
    for name in ("413.html", "414.html", "503.html"):
        page = (ROOT / "autentika" / "core" / "templates" / name).read_text()
        assert '<html lang="id">' in page and "{%" not in page, name
