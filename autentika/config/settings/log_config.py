"""The logging configuration of every environment, as a function of the chosen format
(`AUTENTIKA_LOG_FORMAT`, read in base.py and prod.py) and level, and django-guid's request id."""

# The request id (django-guid): taken from an incoming X-Request-ID when it is a UUID (nginx's
# $request_id is one), else made; on every log line and returned in the answer's X-Request-ID.
REQUEST_ID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
    "UUID_LENGTH": 32,
}


def logging_config(*, log_format: str, level: str) -> dict:
    """Every line through one console handler, as JSON (python-json-logger: time, level,
    logger, message, the request id and any `extra`) or as text, both with the request id
    that django-guid's filter puts on each record (empty outside a request)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "django_guid.log_filters.CorrelationId"}},
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
                "rename_fields": {
                    "asctime": "time",
                    "levelname": "level",
                    "name": "logger",
                    "correlation_id": "request_id",
                },
            },
            "text": {
                "format": "%(asctime)s %(levelname)s [%(correlation_id)s] %(name)s: %(message)s"
            },
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "filters": ["request_id"],
                "formatter": log_format,
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # pyHanko reports an expected validation failure (a changed file, stale revocation
        # data on the way to the long-term verdict) as a warning with a traceback; the product
        # states the verdict in Indonesian itself (signing/validation_text.py), so only its
        # errors are kept.
        "loggers": {
            "fontTools": {"level": "WARNING"},
            "weasyprint": {"level": "ERROR"},
            "pyhanko": {"level": "ERROR"},
            "pyhanko_certvalidator": {"level": "ERROR"},
            # django-guid says at INFO, for every request, whether the id came in a header
            "django_guid": {"level": "WARNING"},
        },
    }
