"""gunicorn's settings for Autentika: `gunicorn -c deploy/gunicorn.conf.py` (the web unit,
deploy/systemd/autentika-web.service, and the production test run it so).

Threaded workers (gthread): a request that waits (a signing's render and its BSrE, TSA and OCSP
round trips, seconds; a large upload's processing) holds one thread, not a whole process, so
the other threads of the same worker keep answering pages, the public ones included. Sizing
(docs/DEPLOY.md, "Sizing"): one worker process per core (the threads of one process share one
interpreter lock, processes use the cores) and as many threads per worker as requests that may
wait at once on that core. Each thread keeps its own database connection (CONN_MAX_AGE), so
workers x threads (plus the task worker's and the maintenance's few) must stay under
PostgreSQL's `max_connections`.
- one office, 2 cores: GUNICORN_WORKERS=2, GUNICORN_THREADS=8 (16 requests at once, 16
  connections; the defaults);
- the national server, 8 cores: GUNICORN_WORKERS=8, GUNICORN_THREADS=16 (128 requests at once,
  128 connections: raise `max_connections` to 200).
"""

import os

wsgi_app = "autentika.config.wsgi"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A worker silent this long (its main loop stuck, not a slow request: a thread's request does
# not stop the heartbeat) is killed and replaced. A slow request is bounded by the proxy's
# proxy_read_timeout (deploy/nginx/autentika.conf) and the signing backends' own timeouts.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
# On restart or stop, a request under way gets this long to finish before its worker is killed.
graceful_timeout = 90
keepalive = 5
# A worker is replaced after about this many requests: WeasyPrint's and pyHanko's caches grow.
max_requests = 2000
max_requests_jitter = 200
# Logs go to the journal (stdout, stderr); no control socket in the service user's home.
accesslog = "-"
errorlog = "-"
control_socket_disable = True


def child_exit(server: object, worker: object) -> None:
    """A gunicorn process that ended leaves its metric files to the folder's sum
    (prometheus_client's multi-process mode, PROMETHEUS_MULTIPROC_DIR): its live gauges go."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
