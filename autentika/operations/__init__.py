"""Operations: what the people running an installation watch; no models, no pages for staff.

- `/sehat/` (`health.py`, `views.health`): public, never cached, JSON. Each check named with
  its status (`ok`, `fail`, `not_configured`) and a short Indonesian message: `database` (one
  trivial query on `default`), `replica` (when a database alias `replica` is configured: its
  lag behind the primary in seconds, from `pg_last_xact_replay_timestamp()`; not essential, the
  primary still serves), `storage` (a probe file written, read back and deleted through
  `default_storage`, whatever backend it is), `task_queue` (the age of the oldest task waiting
  in django-tasks' database backend, against `AUTENTIKA_HEALTH_QUEUE_MAX_AGE_SECONDS`). 200
  when every essential check passes, else 503. For monitoring and alerts.
- `/metrics` (`views.metrics`): Prometheus text, django-prometheus' request, database and
  migration metrics and the product's own (`core/metrics.py`: letters signed by backend kind,
  verification answers by verdict, signing time), and the task queue's depth and oldest age
  computed at scrape time (`metrics.TaskQueueCollector`). Answered only to clients in
  `AUTENTIKA_METRICS_ALLOWED_NETWORKS` (loopback by default; one that is not a network stops
  the start, `checks.py`, E016), 404 to anyone else. With
  `PROMETHEUS_MULTIPROC_DIR` set (prometheus_client's multi-process mode, several gunicorn
  processes and the worker on one host) the processes' files are summed.
- Letters signed are counted on the committed `letter.signed` audit event (the audit listener
  `operations.metrics`, after commit), so a signing rolled back is never counted.
- Logs: one line per record, JSON (python-json-logger) or text (`AUTENTIKA_LOG_FORMAT`), with
  the request id of django-guid (the `X-Request-ID` header, returned on every answer);
  configured in `config/settings/base.py: logging_config`.
"""
