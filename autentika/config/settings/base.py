"""Settings shared by every environment. Everything configurable comes from the environment,
read here and only here through django-environ (`env`); each variable of the README's
configuration table has its setting and its one default in this package, and the code reads
`settings.X`, never `getattr(settings, X, default)` nor the environment
(tests/config/test_environment_table.py)."""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.management.utils import get_random_secret_key

from autentika.config.file_storages import file_storages

from .environment import env, env_list
from .log_config import REQUEST_ID, logging_config
from .paths import BASE_DIR, VAR_DIR  # noqa: F401 (BASE_DIR is a setting)


def secret_key_from_env_or_file() -> str:
    """SECRET_KEY from the environment, else one generated once into var/ (never committed)."""
    if key := env.str("SECRET_KEY", default=""):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(get_random_secret_key())
    return path.read_text().strip()


SECRET_KEY = secret_key_from_env_or_file()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_htmx",
    "django_guid",
    "django_prometheus",
    "autentika.core",
    "autentika.organization",
    "autentika.results",
    "autentika.cases",
    "autentika.signing",
    "autentika.letters",
    "autentika.bulk",
    "autentika.handover",
    "autentika.notifications",
    "autentika.verification",
    "autentika.portal",
    "autentika.api",
    "autentika.reports",
    "autentika.operations",
    # after the project's apps: `manage.py db_worker` is autentika.notifications' (the first
    # app providing a command wins), which reconnects after a database restart
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # django-prometheus times each request from here to its After middleware, the last one
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    # the request id (django-guid, log_config.py): on every log line and the answer's header
    "django_guid.middleware.guid_middleware",
    # an address too long for any page: the Indonesian 414 before anything reads it
    "autentika.core.errors.UrlLengthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # where this request's reads go (the read replica serves the public verification pages);
    # before the session, which it reads there too, and whose save it lets fail there
    "autentika.core.replica.ReplicaMiddleware",
    "autentika.core.replica.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # a safe request reads the user's assignments once, for every question asked of them
    "autentika.organization.middleware.AssignmentsReadOnceMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "autentika.core.middleware.NoStoreForUsersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "autentika.core.middleware.IdleTimeoutMiddleware",
    # after the idle timeout: a signed-in user with a second factor enters its code (or one who
    # must have one enrols) before any other page
    "autentika.organization.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "autentika.organization.middleware.CurrentOfficeMiddleware",
    # Axes last (but for the metrics): it turns lockouts raised by the backend into its page.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "autentika.config.urls"
WSGI_APPLICATION = "autentika.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "autentika.organization.context_processors.navigation",
                "autentika.notifications.context_processors.unread_notifications",
            ],
            "builtins": ["autentika.core.templatetags.indonesia"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'autentika.sqlite3'}",
        conn_max_age=env.int("DATABASE_CONN_MAX_AGE", default=0),
    )
}
# A PostgreSQL streaming replica (core/replica.py): the public verification pages read from
# it, so they keep answering while the primary is down; everything else, every write and every
# migration stays on `default`. Unset: no replica.
if _replica_url := env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = dj_database_url.parse(
        _replica_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
    )
    for _alias in ("default", "replica"):
        # a primary that is gone must fail a request in seconds, not hang it
        DATABASES[_alias].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DATABASE_ROUTERS = ["autentika.core.replica.ReplicaRouter"]
# The views served by the replica (their reads; writes still go to the primary).
AUTENTIKA_REPLICA_VIEWS = {
    "verification:index",
    "verification:letter",
    "verification:trust_roots",
    "verification:trust_root_pem",
    "api:letter_by_code",
    "api:verify_file",
}
# After a request that wrote, that browser's reads stay on the primary this many seconds
# (the cookie `autentika_primer`), so a user sees their own change on the public pages.
DATABASE_REPLICA_PIN_SECONDS = env.int("DATABASE_REPLICA_PIN_SECONDS", default=15)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock at BEGIN, so two clerks numbering at once queue instead of
    # failing with "database is locked" half-way through a transaction.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 30}
# On PostgreSQL, django-prometheus' wrapper of its engine counts queries per alias (/metrics);
# SQLite keeps Django's: pytest-django knows SQLite (in memory per worker) by that name only.
# PostgreSQL's JIT compiles a query whose estimated cost is high, which the planner's guesses
# for a correlated subquery make it at a hundred thousand rows: 170 ms of compiling for a 30 ms
# report query (docs/BENCHMARKS.md "scale"). Short queries gain nothing from it: off.
for _alias in DATABASES:
    if DATABASES[_alias]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES[_alias]["ENGINE"] = "django_prometheus.db.backends.postgresql"
        _options = DATABASES[_alias].setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
# A session ends after this many minutes without a request (core/middleware.py); the session
# cookie itself lasts 12 hours (Django's default is 14 days).
AUTENTIKA_SESSION_IDLE_MINUTES = env.int("AUTENTIKA_SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = 12 * 60 * 60
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (core/login_lockout.py): five failed attempts for one username from one
# address lock that pair for 15 min; AUTENTIKA_LOGIN_ACCOUNT_LIMIT failures of one account from
# any addresses lock the account everywhere. An administrator unlocks it from the admin's user
# list (audited); axes' own admin, which deletes attempts unaudited, is off.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AUTENTIKA_LOGIN_ACCOUNT_LIMIT = env.int("AUTENTIKA_LOGIN_ACCOUNT_LIMIT", default=10)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "autentika.core.login_lockout.LoginLockoutHandler"
AXES_ENABLE_ADMIN = False
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
# Second factor (organization/second_factor.py): TOTP with recovery codes. Administrators
# (is_staff/is_superuser) and the holders (Plt/Plh included) of every duty that manages people,
# accounts or signing (core/permissions.py: second_factor_duties; signing, office settings,
# party accounts) must have one; everyone else may. Wrong codes are counted per user with the
# login's limit and cool-off (AXES_FAILURE_LIMIT, AXES_COOLOFF_TIME), so django-otp's own
# back-off is switched off: one counter, one message. Production always requires it (prod.py).
AUTENTIKA_OTP_REQUIRED = env.bool("AUTENTIKA_OTP_REQUIRED", default=True)
# Duty codes (e.g. "register") whose holders need no second factor after all; empty: every
# such duty needs one. Unknown codes stop the start (organization/checks.py).
AUTENTIKA_OTP_EXEMPT_DUTIES = env_list("AUTENTIKA_OTP_EXEMPT_DUTIES", [])
OTP_TOTP_ISSUER = "Autentika"
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# The client address for every throttle (login, verification): the n-th X-Forwarded-For entry
# from the right behind n trusted reverse proxies; 0 (no proxy) uses REMOTE_ADDR only.
AUTENTIKA_TRUSTED_PROXIES = env.int("AUTENTIKA_TRUSTED_PROXIES", default=0)
# Password reset e-mails (core/password_reset.py): per account and per client address within
# the window; an address over its limit is answered 429.
AUTENTIKA_PASSWORD_RESET_ACCOUNT_LIMIT = env.int(
    "AUTENTIKA_PASSWORD_RESET_ACCOUNT_LIMIT", default=3
)
AUTENTIKA_PASSWORD_RESET_ADDRESS_LIMIT = env.int(
    "AUTENTIKA_PASSWORD_RESET_ADDRESS_LIMIT", default=10
)
AUTENTIKA_PASSWORD_RESET_WINDOW_MINUTES = env.int(
    "AUTENTIKA_PASSWORD_RESET_WINDOW_MINUTES", default=60
)
# Public verification (verification/throttle.py): misses per client address within the window
# before it is answered 429; a valid token is always answered.
AUTENTIKA_VERIFY_MISS_LIMIT = env.int("AUTENTIKA_VERIFY_MISS_LIMIT", default=20)
AUTENTIKA_VERIFY_MISS_WINDOW_MINUTES = env.int("AUTENTIKA_VERIFY_MISS_WINDOW_MINUTES", default=15)
# Seconds an uploaded file's signature report (verification/report_cache.py) and a signed
# letter's facts (verification/facts.py) are kept; 0 turns each off.
AUTENTIKA_VERIFY_REPORT_CACHE_SECONDS = env.int(
    "AUTENTIKA_VERIFY_REPORT_CACHE_SECONDS", default=300
)
AUTENTIKA_VERIFY_FACTS_CACHE_SECONDS = env.int("AUTENTIKA_VERIFY_FACTS_CACHE_SECONDS", default=300)
AXES_CLIENT_IP_CALLABLE = "autentika.core.client.client_address"
AXES_USERNAME_CALLABLE = "autentika.core.client.axes_username"

LANGUAGE_CODE = "id"
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Uploaded and generated documents: outside static files, served only through views that check
# who may see them.
PRIVATE_FILES_ROOT = Path(env.str("AUTENTIKA_FILES_DIR", default=str(VAR_DIR / "files")))
# The integrity key (core/integrity.py): signs backup manifests and keys the audit chain. Kept
# outside the database and outside the files folder (so never inside a backup).
AUTENTIKA_INTEGRITY_KEY = env.str("AUTENTIKA_INTEGRITY_KEY", default="")
AUTENTIKA_INTEGRITY_KEY_FILE = Path(
    env.str("AUTENTIKA_INTEGRITY_KEY_FILE", default=str(VAR_DIR / "integrity_key"))
)
# Scans of a refused form, kept an hour for the user who chose them (core/kept_uploads.py):
# outside the documents' storage, since they belong to no record yet.
AUTENTIKA_KEPT_UPLOADS_DIR = Path(
    env.str("AUTENTIKA_KEPT_UPLOADS_DIR", default=str(VAR_DIR / "kept-uploads"))
)
# Documents (scans, receipts, SK documents, logos) and kept scans: "local" (the two folders
# above) or "s3" (a bucket every app server shares; config/file_storages.py). Keys stay on disk;
# downloads always go through the views that check who may see them, never a bucket address.
AUTENTIKA_STORAGE = env.str("AUTENTIKA_STORAGE", default="local")
AUTENTIKA_S3_BUCKET = env.str("AUTENTIKA_S3_BUCKET", default="")
AUTENTIKA_S3_ENDPOINT_URL = env.str("AUTENTIKA_S3_ENDPOINT_URL", default="")
AUTENTIKA_S3_REGION = env.str("AUTENTIKA_S3_REGION", default="")
AUTENTIKA_S3_ACCESS_KEY_ID = env.str("AUTENTIKA_S3_ACCESS_KEY_ID", default="")
AUTENTIKA_S3_SECRET_ACCESS_KEY = env.str("AUTENTIKA_S3_SECRET_ACCESS_KEY", default="")
# Keys of the bucket start with it: "<prefix>/files/..." and "<prefix>/kept-uploads/...".
AUTENTIKA_S3_PREFIX = env.str("AUTENTIKA_S3_PREFIX", default="autentika")


STORAGES = {
    **file_storages(
        kind=AUTENTIKA_STORAGE,
        files_dir=PRIVATE_FILES_ROOT,
        kept_dir=AUTENTIKA_KEPT_UPLOADS_DIR,
        s3={
            "bucket": AUTENTIKA_S3_BUCKET,
            "endpoint_url": AUTENTIKA_S3_ENDPOINT_URL,
            "region": AUTENTIKA_S3_REGION,
            "access_key_id": AUTENTIKA_S3_ACCESS_KEY_ID,
            "secret_access_key": AUTENTIKA_S3_SECRET_ACCESS_KEY,
            "prefix": AUTENTIKA_S3_PREFIX,
        },
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

# One cache shared by every app server, with no server of its own: Django's database cache
# (table `autentika_cache`, made by migration core 0007), whose failures are misses
# (core/shared_cache.py): QR pages, letters' facts, signature reports, page images.
CACHES = {
    "default": {
        "BACKEND": "autentika.core.shared_cache.SharedDatabaseCache",
        "LOCATION": "autentika_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000, "CULL_FREQUENCY": 4},
    }
}

from .signing_runs import *  # noqa: E402, F403

EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="autentika@localhost")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)


# The log format: "json" (production's default, prod.py) or "text" (development, tests).
AUTENTIKA_LOG_FORMAT = env.str("AUTENTIKA_LOG_FORMAT", default="text")
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = logging_config(log_format=AUTENTIKA_LOG_FORMAT, level=LOG_LEVEL)
DJANGO_GUID = REQUEST_ID

# Operations (autentika/operations/): `/sehat/` fails when the oldest task waiting is older
# (seconds), and reports the replica behind (not essential) when it lags more; `/metrics`
# answers only clients in these networks (as the throttles see them, core/client.py), 404 to
# others; prometheus_client's multi-process folder (read by the library too), empty: none.
AUTENTIKA_HEALTH_QUEUE_MAX_AGE_SECONDS = env.int("AUTENTIKA_HEALTH_QUEUE_MAX_AGE_SECONDS", 600)
AUTENTIKA_HEALTH_REPLICA_MAX_LAG_SECONDS = env.int("AUTENTIKA_HEALTH_REPLICA_MAX_LAG_SECONDS", 60)
_LOOPBACK = ["127.0.0.1/32", "::1/128"]
AUTENTIKA_METRICS_ALLOWED_NETWORKS = env_list("AUTENTIKA_METRICS_ALLOWED_NETWORKS", _LOOPBACK)
PROMETHEUS_MULTIPROC_DIR = env.str("PROMETHEUS_MULTIPROC_DIR", default="")

# Signatures: PEM files of the roots a letter's signer certificate must chain to (e.g. BSrE).
AUTENTIKA_TRUST_ROOTS = env_list("AUTENTIKA_TRUST_ROOTS", [])
# PEM files of the TSA certificates whose timestamps are trusted directly, as a trusted list
# treats a qualified TSA (e.g. BSrE's TSA): a letter then verifies from what it carries after
# every certificate in it expired (signing/validation_policy.py).
AUTENTIKA_TSA_TRUST_ANCHORS = env_list("AUTENTIKA_TSA_TRUST_ANCHORS", [])
# Which signing backend signs for an office's signer position (docs/SIGNING_BACKENDS.md): JSON
# {"<office>/<position>" | "<office>" | "*": {"kind": "local" | "bsre" | "bsre-v2" | "csc", ...}}
# from the file AUTENTIKA_SIGNING_BACKENDS_FILE or the variable AUTENTIKA_SIGNING_BACKENDS;
# credentials are named there (environment variables or a secrets file), never written in it.
AUTENTIKA_SIGNING_BACKENDS = json.loads(
    Path(env.str("AUTENTIKA_SIGNING_BACKENDS_FILE")).read_text()
    if env.str("AUTENTIKA_SIGNING_BACKENDS_FILE", default="")
    else env.str("AUTENTIKA_SIGNING_BACKENDS", default="") or "{}"
)
# The demo offices' test CA (Certomancer, demo/demo_ca.py) is trusted only outside
# production. Its services (TSA, OCSP, CRL) listen at AUTENTIKA_DEMO_PKI_URL (`manage.py
# pki_serve`, started by `make run`); its keys are encrypted with AUTENTIKA_DEMO_CA_PASSPHRASE.
AUTENTIKA_TRUST_DEMO_CA = env.bool("AUTENTIKA_TRUST_DEMO_CA", default=True)
AUTENTIKA_DEMO_PKI_URL = env.str("AUTENTIKA_DEMO_PKI_URL", default="http://127.0.0.1:8010")
AUTENTIKA_DEMO_CA_PASSPHRASE = env.str("AUTENTIKA_DEMO_CA_PASSPHRASE", default="demo-ca")
# Absolute address printed in letters' QR codes, for the public verification page.
AUTENTIKA_PUBLIC_URL = env.str("AUTENTIKA_PUBLIC_URL", default="http://127.0.0.1:8000").rstrip("/")
# RFC 3161 timestamp authority for signed letters (PAdES B-LTA); signing refuses without one.
# Outside production it defaults to the demo CA's TSA.
AUTENTIKA_TSA_URL = env.str("AUTENTIKA_TSA_URL", default="") or (
    f"{AUTENTIKA_DEMO_PKI_URL}/demo/tsa/tsa" if AUTENTIKA_TRUST_DEMO_CA else ""
)

# Limits of the child process that parses an uploaded XLSX (results/isolation.py): address
# space in bytes (not resident memory), CPU seconds, wall seconds.
AUTENTIKA_IMPORT_LIMITS = (1024 * 1024 * 1024, 60, 90)
# `manage.py db_roles`: the application role's password (left unchanged when empty).
AUTENTIKA_APP_DB_PASSWORD = env.str("AUTENTIKA_APP_DB_PASSWORD", default="")
# Demo offices, users with a known password and demo keys (`seed_demo`); prod.py turns it off.
AUTENTIKA_DEMO_ALLOWED = True
DEMO_PASSWORD = env.str("DEMO_PASSWORD", default="demo-autentika")
DEMO_SIGNING_PASSPHRASE = env.str("DEMO_SIGNING_PASSPHRASE", default="demo-ttd")
# `make run SIGNING=bsre` (or bsre-v2): the dev settings send every demo office's signing to the
# BSrE simulator (`manage.py bsre_simulator_serve`) at AUTENTIKA_DEMO_BSRE_URL, which accepts
# the client AUTENTIKA_DEMO_BSRE_USER/PASSWORD (a test service, no secret).
AUTENTIKA_DEMO_SIGNING = env.str("AUTENTIKA_DEMO_SIGNING", default="")
AUTENTIKA_DEMO_BSRE_URL = env.str("AUTENTIKA_DEMO_BSRE_URL", default="http://127.0.0.1:8011")
AUTENTIKA_DEMO_BSRE_USER = env.str("AUTENTIKA_DEMO_BSRE_USER", default="autentika-demo")
AUTENTIKA_DEMO_BSRE_PASSWORD = env.str("AUTENTIKA_DEMO_BSRE_PASSWORD", default="demo-klien-bsre")
