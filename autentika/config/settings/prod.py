"""Production: HTTPS only, secure cookies, HSTS. `manage.py check --deploy` passes with it."""

from .base import *  # noqa: F403
from .base import DATABASES, LOG_LEVEL, STORAGES, env
from .log_config import logging_config

DEBUG = False
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
AUTENTIKA_TRUST_DEMO_CA = env.bool("AUTENTIKA_TRUST_DEMO_CA", default=False)
# Demo offices, users with a known password and demo keys never reach a production database.
AUTENTIKA_DEMO_ALLOWED = False
# Signers and administrators always need their second factor in production.
AUTENTIKA_OTP_REQUIRED = True
AUTENTIKA_TSA_URL = env.str("AUTENTIKA_TSA_URL", default="")
# Persistent database connections: a new PostgreSQL connection per request (Django's default,
# CONN_MAX_AGE 0) cost the public QR page more than the page itself (docs/BENCHMARKS.md
# "serving"). Checked before reuse, so a restarted database costs one failed check, not a 500.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
for _alias in DATABASES:
    DATABASES[_alias]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES[_alias]["CONN_HEALTH_CHECKS"] = True
# E-mail through SMTP unless told otherwise: the console backend would write every e-mail, a
# password-reset link included, into the server's log.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
# One JSON object per log line, with the request id (AUTENTIKA_LOG_FORMAT=text for plain text).
AUTENTIKA_LOG_FORMAT = env.str("AUTENTIKA_LOG_FORMAT", default="json")
LOGGING = logging_config(log_format=AUTENTIKA_LOG_FORMAT, level=LOG_LEVEL)
# The health page and the metrics are fetched over plain HTTP on the server itself (a monitor,
# Prometheus on loopback): they carry no cookie and no secret, so no HTTPS redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^sehat/$", r"^metrics$"]
