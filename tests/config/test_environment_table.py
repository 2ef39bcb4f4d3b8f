"""Every variable in the README's configuration table is read into the settings: set in the
environment of a fresh process, it changes the setting it names (and a variable added to the
table without a line here fails, so the table and the settings stay one list)."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.readme import readme_variables

ROOT = Path(__file__).resolve().parents[2]
DEV, PROD = "autentika.config.settings.dev", "autentika.config.settings.prod"
# Not a settings module: gunicorn's configuration file (its names read as `settings.X`).
GUNICORN = "deploy/gunicorn.conf.py"

# variable -> (value set, settings module, the setting read, the value it then has). "{tmp}" is
# a fresh folder. Each expectation is stated here by hand, not computed by the settings' code.
CASES: dict[str, tuple[str, str, str, Any]] = {
    "DATABASE_URL": (
        "postgres://autentika_app@db:5432/arsip",
        DEV,
        "[settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME']]",
        # django-prometheus' wrapper of Django's PostgreSQL backend (its metrics on /metrics)
        ["django_prometheus.db.backends.postgresql", "arsip"],
    ),
    "DATABASE_CONN_MAX_AGE": ("7", PROD, "settings.DATABASES['default']['CONN_MAX_AGE']", 7),
    "DATABASE_REPLICA_URL": (
        "postgres://autentika_app@replika:5432/arsip",
        PROD,
        "[settings.DATABASES.get('replica', {}).get(key) for key in ('HOST', 'NAME')]",
        ["replika", "arsip"],
    ),
    "DATABASE_REPLICA_PIN_SECONDS": ("40", DEV, "settings.DATABASE_REPLICA_PIN_SECONDS", 40),
    "AUTENTIKA_APP_DB_PASSWORD": ("rahasia", DEV, "settings.AUTENTIKA_APP_DB_PASSWORD", "rahasia"),
    "SECRET_KEY": ("k" * 50, DEV, "settings.SECRET_KEY", "k" * 50),
    "DEBUG": ("1", DEV, "settings.DEBUG", True),
    "ALLOWED_HOSTS": (
        "a.example, b.example",
        DEV,
        "settings.ALLOWED_HOSTS",
        ["a.example", "b.example"],
    ),
    "CSRF_TRUSTED_ORIGINS": (
        "https://a.example",
        DEV,
        "settings.CSRF_TRUSTED_ORIGINS",
        ["https://a.example"],
    ),
    "DJANGO_SETTINGS_MODULE": (PROD, "", "settings.SETTINGS_MODULE", PROD),
    "SECURE_SSL_REDIRECT": ("0", PROD, "settings.SECURE_SSL_REDIRECT", False),
    "BEHIND_TLS_PROXY": (
        "1",
        PROD,
        "getattr(settings, 'SECURE_PROXY_SSL_HEADER', None)",
        ["HTTP_X_FORWARDED_PROTO", "https"],
    ),
    "AUTENTIKA_VAR_DIR": ("{tmp}/var-lain", DEV, "str(settings.VAR_DIR)", "{tmp}/var-lain"),
    "AUTENTIKA_FILES_DIR": (
        "{tmp}/berkas",
        DEV,
        "str(settings.PRIVATE_FILES_ROOT)",
        "{tmp}/berkas",
    ),
    "AUTENTIKA_INTEGRITY_KEY": ("i" * 40, DEV, "settings.AUTENTIKA_INTEGRITY_KEY", "i" * 40),
    "AUTENTIKA_INTEGRITY_KEY_FILE": (
        "{tmp}/kunci",
        DEV,
        "str(settings.AUTENTIKA_INTEGRITY_KEY_FILE)",
        "{tmp}/kunci",
    ),
    "AUTENTIKA_KEPT_UPLOADS_DIR": (
        "{tmp}/simpan",
        DEV,
        "str(settings.AUTENTIKA_KEPT_UPLOADS_DIR)",
        "{tmp}/simpan",
    ),
    "AUTENTIKA_STORAGE": (
        "s3",
        DEV,
        "[settings.STORAGES['default']['BACKEND'], settings.STORAGES['kept']['BACKEND']]",
        ["storages.backends.s3.S3Storage", "storages.backends.s3.S3Storage"],
    ),
    "AUTENTIKA_S3_BUCKET": ("arsip-kpu", DEV, "settings.AUTENTIKA_S3_BUCKET", "arsip-kpu"),
    "AUTENTIKA_S3_ENDPOINT_URL": (
        "http://127.0.0.1:9000",
        DEV,
        "settings.AUTENTIKA_S3_ENDPOINT_URL",
        "http://127.0.0.1:9000",
    ),
    "AUTENTIKA_S3_REGION": ("id-jkt-1", DEV, "settings.AUTENTIKA_S3_REGION", "id-jkt-1"),
    "AUTENTIKA_S3_ACCESS_KEY_ID": ("kunci", DEV, "settings.AUTENTIKA_S3_ACCESS_KEY_ID", "kunci"),
    "AUTENTIKA_S3_SECRET_ACCESS_KEY": (
        "rahasia",
        DEV,
        "settings.AUTENTIKA_S3_SECRET_ACCESS_KEY",
        "rahasia",
    ),
    "AUTENTIKA_S3_PREFIX": ("kpu-ri", DEV, "settings.AUTENTIKA_S3_PREFIX", "kpu-ri"),
    "AXES_FAILURE_LIMIT": ("9", DEV, "settings.AXES_FAILURE_LIMIT", 9),
    "AUTENTIKA_LOGIN_ACCOUNT_LIMIT": ("12", DEV, "settings.AUTENTIKA_LOGIN_ACCOUNT_LIMIT", 12),
    "AUTENTIKA_TRUSTED_PROXIES": ("1", DEV, "settings.AUTENTIKA_TRUSTED_PROXIES", 1),
    "AUTENTIKA_PASSWORD_RESET_ACCOUNT_LIMIT": (
        "4",
        DEV,
        "settings.AUTENTIKA_PASSWORD_RESET_ACCOUNT_LIMIT",
        4,
    ),
    "AUTENTIKA_PASSWORD_RESET_ADDRESS_LIMIT": (
        "11",
        DEV,
        "settings.AUTENTIKA_PASSWORD_RESET_ADDRESS_LIMIT",
        11,
    ),
    "AUTENTIKA_PASSWORD_RESET_WINDOW_MINUTES": (
        "61",
        DEV,
        "settings.AUTENTIKA_PASSWORD_RESET_WINDOW_MINUTES",
        61,
    ),
    "EMAIL_BACKEND": (
        "django.core.mail.backends.smtp.EmailBackend",
        DEV,
        "settings.EMAIL_BACKEND",
        "django.core.mail.backends.smtp.EmailBackend",
    ),
    "DEFAULT_FROM_EMAIL": (
        "kpu@example.org",
        DEV,
        "settings.DEFAULT_FROM_EMAIL",
        "kpu@example.org",
    ),
    "EMAIL_HOST": ("smtp.example.org", DEV, "settings.EMAIL_HOST", "smtp.example.org"),
    "EMAIL_PORT": ("587", DEV, "settings.EMAIL_PORT", 587),
    "EMAIL_HOST_USER": ("pengirim", DEV, "settings.EMAIL_HOST_USER", "pengirim"),
    "EMAIL_HOST_PASSWORD": ("sandi", DEV, "settings.EMAIL_HOST_PASSWORD", "sandi"),
    "EMAIL_USE_TLS": ("1", DEV, "settings.EMAIL_USE_TLS", True),
    "AUTENTIKA_OTP_REQUIRED": ("0", DEV, "settings.AUTENTIKA_OTP_REQUIRED", False),
    "AUTENTIKA_OTP_EXEMPT_DUTIES": (
        "register, manage_office",
        DEV,
        "settings.AUTENTIKA_OTP_EXEMPT_DUTIES",
        ["register", "manage_office"],
    ),
    "AUTENTIKA_SESSION_IDLE_MINUTES": ("45", DEV, "settings.AUTENTIKA_SESSION_IDLE_MINUTES", 45),
    "AUTENTIKA_VERIFY_MISS_LIMIT": ("7", DEV, "settings.AUTENTIKA_VERIFY_MISS_LIMIT", 7),
    "AUTENTIKA_VERIFY_MISS_WINDOW_MINUTES": (
        "5",
        DEV,
        "settings.AUTENTIKA_VERIFY_MISS_WINDOW_MINUTES",
        5,
    ),
    "AUTENTIKA_VERIFY_REPORT_CACHE_SECONDS": (
        "0",
        DEV,
        "settings.AUTENTIKA_VERIFY_REPORT_CACHE_SECONDS",
        0,
    ),
    "AUTENTIKA_VERIFY_FACTS_CACHE_SECONDS": (
        "0",
        DEV,
        "settings.AUTENTIKA_VERIFY_FACTS_CACHE_SECONDS",
        0,
    ),
    "DEMO_PASSWORD": ("sandi-lain", DEV, "settings.DEMO_PASSWORD", "sandi-lain"),
    "DEMO_SIGNING_PASSPHRASE": ("ttd-lain", DEV, "settings.DEMO_SIGNING_PASSPHRASE", "ttd-lain"),
    "AUTENTIKA_DEMO_PKI_URL": (
        "http://127.0.0.1:9010",
        DEV,
        "[settings.AUTENTIKA_DEMO_PKI_URL, settings.AUTENTIKA_TSA_URL]",
        ["http://127.0.0.1:9010", "http://127.0.0.1:9010/demo/tsa/tsa"],
    ),
    "AUTENTIKA_DEMO_SIGNING": (
        "bsre",
        DEV,
        "settings.AUTENTIKA_SIGNING_BACKENDS.get('*', {}).get('kind')",
        "bsre",
    ),
    "AUTENTIKA_DEMO_BSRE_URL": (
        "http://127.0.0.1:9011",
        DEV,
        "settings.AUTENTIKA_DEMO_BSRE_URL",
        "http://127.0.0.1:9011",
    ),
    "AUTENTIKA_DEMO_BSRE_USER": (
        "klien-lain",
        DEV,
        "settings.AUTENTIKA_DEMO_BSRE_USER",
        "klien-lain",
    ),
    "AUTENTIKA_DEMO_BSRE_PASSWORD": (
        "sandi-klien",
        DEV,
        "settings.AUTENTIKA_DEMO_BSRE_PASSWORD",
        "sandi-klien",
    ),
    "AUTENTIKA_DEMO_CA_PASSPHRASE": (
        "ca-lain",
        DEV,
        "settings.AUTENTIKA_DEMO_CA_PASSPHRASE",
        "ca-lain",
    ),
    "AUTENTIKA_PUBLIC_URL": (
        "https://autentika.kpu.example.go.id/",
        DEV,
        "settings.AUTENTIKA_PUBLIC_URL",
        "https://autentika.kpu.example.go.id",
    ),
    "AUTENTIKA_TRUST_ROOTS": (
        "/etc/a.pem, /etc/b.pem",
        DEV,
        "settings.AUTENTIKA_TRUST_ROOTS",
        ["/etc/a.pem", "/etc/b.pem"],
    ),
    "AUTENTIKA_TSA_TRUST_ANCHORS": (
        "/etc/tsa.pem",
        DEV,
        "settings.AUTENTIKA_TSA_TRUST_ANCHORS",
        ["/etc/tsa.pem"],
    ),
    "AUTENTIKA_TRUST_DEMO_CA": (
        "0",
        DEV,
        "[settings.AUTENTIKA_TRUST_DEMO_CA, settings.AUTENTIKA_TSA_URL]",
        [False, ""],
    ),
    "AUTENTIKA_TSA_URL": (
        "https://tsa.example.go.id/tsr",
        PROD,
        "settings.AUTENTIKA_TSA_URL",
        "https://tsa.example.go.id/tsr",
    ),
    "AUTENTIKA_WORKER_KEY_FILE": (
        "{tmp}/worker",
        DEV,
        "str(settings.AUTENTIKA_WORKER_KEY_FILE)",
        "{tmp}/worker",
    ),
    "AUTENTIKA_WORKER_PUBLIC_KEY": (
        "p" * 44,
        DEV,
        "settings.AUTENTIKA_WORKER_PUBLIC_KEY",
        "p" * 44,
    ),
    "AUTENTIKA_SIGNING_SECRETS_MAX_AGE_SECONDS": (
        "60",
        DEV,
        "settings.AUTENTIKA_SIGNING_SECRETS_MAX_AGE_SECONDS",
        60,
    ),
    "AUTENTIKA_BULK_SIGNING_WORKERS": ("3", DEV, "settings.AUTENTIKA_BULK_SIGNING_WORKERS", 3),
    "AUTENTIKA_BULK_SIGNING_LETTERS_PER_WORKER": (
        "50",
        DEV,
        "settings.AUTENTIKA_BULK_SIGNING_LETTERS_PER_WORKER",
        50,
    ),
    "AUTENTIKA_LOG_FORMAT": (
        "text",
        PROD,
        "settings.LOGGING['handlers']['console']['formatter']",
        "text",
    ),
    "AUTENTIKA_HEALTH_QUEUE_MAX_AGE_SECONDS": (
        "120",
        DEV,
        "settings.AUTENTIKA_HEALTH_QUEUE_MAX_AGE_SECONDS",
        120,
    ),
    "AUTENTIKA_HEALTH_REPLICA_MAX_LAG_SECONDS": (
        "30",
        DEV,
        "settings.AUTENTIKA_HEALTH_REPLICA_MAX_LAG_SECONDS",
        30,
    ),
    "AUTENTIKA_METRICS_ALLOWED_NETWORKS": (
        "10.20.0.0/16, fd00::/8",
        DEV,
        "settings.AUTENTIKA_METRICS_ALLOWED_NETWORKS",
        ["10.20.0.0/16", "fd00::/8"],
    ),
    "PROMETHEUS_MULTIPROC_DIR": (
        "{tmp}/metrik",
        DEV,
        "settings.PROMETHEUS_MULTIPROC_DIR",
        "{tmp}/metrik",
    ),
    "AUTENTIKA_SIGNING_BACKENDS_FILE": (
        "{tmp}/backends.json",
        DEV,
        "settings.AUTENTIKA_SIGNING_BACKENDS",
        {"kpu-sumut": {"kind": "bsre-v2"}},
    ),
    "AUTENTIKA_SIGNING_BACKENDS": (
        '{"kpu-ri/KETUA": {"kind": "csc"}}',
        DEV,
        "settings.AUTENTIKA_SIGNING_BACKENDS",
        {"kpu-ri/KETUA": {"kind": "csc"}},
    ),
    "GUNICORN_BIND": ("127.0.0.1:9001", GUNICORN, "settings.bind", "127.0.0.1:9001"),
    "GUNICORN_WORKERS": ("8", GUNICORN, "settings.workers", 8),
    "GUNICORN_THREADS": ("16", GUNICORN, "settings.threads", 16),
    "GUNICORN_TIMEOUT": ("300", GUNICORN, "settings.timeout", 300),
}

# Each job's settings are read in a child forked from one process that imported Django and
# django-environ only (no settings module, nothing read from the environment): a fresh reading
# per job at the cost of a fork, where a new interpreter per job took most of this file's time.
PROBE = """
import json, os, runpy, sys, traceback, types
import django.conf, environ

def read(job):
    os.environ.clear()
    os.environ.update(job["env"])
    if job["config_file"]:
        settings = types.SimpleNamespace(**runpy.run_path(job["config_file"]))
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autentika.config.settings.dev")
        settings = django.conf.settings
    return [eval(e, {"settings": settings}) for e in job["expressions"]]

for line in sys.stdin:
    job = json.loads(line)
    readable, writable = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(readable)
        try:
            answer = {"values": read(job)}
        except BaseException:
            answer = {"error": traceback.format_exc()}
        with os.fdopen(writable, "w") as out:
            json.dump(answer, out)
        os._exit(0)
    os.close(writable)
    with os.fdopen(readable) as answer:
        text = answer.read()
    os.waitpid(child, 0)
    print(text or json.dumps({"error": "the child wrote nothing"}), flush=True)
"""


@pytest.fixture(scope="module")
def probe() -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    yield process
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=60)


def settings_read(
    probe: subprocess.Popen[str],
    *,
    tmp: Path,
    module: str,
    expressions: list[str],
    extra: dict[str, str],
) -> list:
    """The settings read afresh with an environment that has none of the table's variables but
    `extra` (and a var folder of its own)."""
    env = {k: v for k, v in os.environ.items() if k not in CASES}
    env["AUTENTIKA_VAR_DIR"] = str(tmp / "var")
    config_file = str(ROOT / module) if module == GUNICORN else ""
    if module and not config_file:
        env["DJANGO_SETTINGS_MODULE"] = module
    env.update(extra)
    assert probe.stdin is not None and probe.stdout is not None
    job = {"env": env, "config_file": config_file, "expressions": expressions}
    probe.stdin.write(json.dumps(job) + "\n")
    probe.stdin.flush()
    answer = json.loads(probe.stdout.readline())
    assert "error" not in answer, answer["error"]
    return list(answer["values"])


@pytest.fixture(scope="module")
def unset_values(probe, tmp_path_factory) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    """Each setting of the cases with none of the variables set, per module: one reading each."""
    tmp = tmp_path_factory.mktemp("unset")
    values: dict[str, dict[str, Any]] = {}
    for module in sorted({case[1] for case in CASES.values()}):
        expressions = sorted({case[2] for case in CASES.values() if case[1] == module})
        read = settings_read(probe, tmp=tmp, module=module, expressions=expressions, extra={})
        values[module] = dict(zip(expressions, read, strict=True))
    return values


def test_the_table_is_read_and_every_variable_has_its_case():
    names = readme_variables()
    assert "AUTENTIKA_VERIFY_MISS_LIMIT" in names and "DATABASE_URL" in names
    assert set(names) == set(CASES)


@pytest.mark.parametrize("name", readme_variables())
def test_the_variable_changes_its_setting(name, probe, unset_values, tmp_path):
    value, module, expression, expected = CASES[name]
    (tmp_path / "backends.json").write_text('{"kpu-sumut": {"kind": "bsre-v2"}}')
    value = value.replace("{tmp}", str(tmp_path))
    if isinstance(expected, str):
        expected = expected.replace("{tmp}", str(tmp_path))
    assert unset_values[module][expression] != expected, f"{name} proves nothing"
    read = settings_read(
        probe, tmp=tmp_path, module=module, expressions=[expression], extra={name: value}
    )
    assert read == [expected]


def test_no_code_outside_the_settings_declares_a_default_of_its_own():
    """A default lives in the settings only: `getattr(settings, X, default)` elsewhere would
    be a second one (AUTENTIKA_PUBLIC_URL once had two)."""
    settings_dir = ROOT / "autentika" / "config" / "settings"
    found = [
        str(path.relative_to(ROOT))
        for folder in ("autentika", "bench")
        for path in (ROOT / folder).rglob("*.py")
        if settings_dir not in path.parents and "getattr(settings," in path.read_text()
    ]
    assert found == []


def test_a_value_with_a_dollar_sign_is_taken_as_written(probe, tmp_path):
    """django-environ would read "$ecret" as the name of another variable; a password or key
    that starts with "$" or holds one is kept as written."""
    values = {
        "EMAIL_HOST_PASSWORD": "$ecret",
        "AUTENTIKA_INTEGRITY_KEY": "a$b\\$c" + "k" * 32,
        "ALLOWED_HOSTS": "$host.example,b.example",
    }
    read = settings_read(
        probe,
        tmp=tmp_path,
        module=DEV,
        expressions=[
            "settings.EMAIL_HOST_PASSWORD",
            "settings.AUTENTIKA_INTEGRITY_KEY",
            "settings.ALLOWED_HOSTS",
        ],
        extra=values,
    )
    assert read == ["$ecret", "a$b\\$c" + "k" * 32, ["$host.example", "b.example"]]
