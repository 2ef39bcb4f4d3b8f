"""The demo CA's services over HTTP: RFC 3161 timestamps, OCSP and CRLs, served by Certomancer's
Animator (a WSGI app) from the demo CA's config (demo_ca.py).

`manage.py pki_serve` runs it beside the web server (`make run`); the tests and a standalone
`demo_request` start it in a thread of their own process (`pki_service_start`). The app reloads
the config when it changes on disk, so a newly issued or revoked demo signer is served at once.
"""

import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import ArchLabel
from werkzeug.serving import BaseWSGIServer, make_server

from .demo_ca import ARCH, DemoCa
from .demo_keys import demo_ca_backend_install

DEFAULT_HOST = "127.0.0.1"


class ReloadingAnimator:
    """Certomancer's Animator for one demo CA, rebuilt whenever its config file changes."""

    def __init__(self, ca: DemoCa) -> None:
        demo_ca_backend_install()
        self.ca = ca
        self._version: int | None = None
        self._animator: Animator | None = None
        self._lock = threading.Lock()

    def _current(self) -> Animator:
        with self._lock:
            version = self.ca.config_path.stat().st_mtime_ns
            if self._animator is None or version != self._version:
                store = AnimatorArchStore({ArchLabel(ARCH): self.ca.arch()})
                self._animator = Animator(store, with_web_ui=False)
                self._version = version
            return self._animator

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        return self._current()(environ, start_response)


# How often a served thread looks for stop(): the default half second made every command that
# serves the demo CA for its own duration (demo_request) wait that long to end.
STOP_POLL_SECONDS = 0.05


@dataclass
class PkiService:
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://{DEFAULT_HOST}:{self.server.server_port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def pki_server_make(*, ca: DemoCa, port: int, host: str = DEFAULT_HOST) -> BaseWSGIServer:
    return make_server(host, port, ReloadingAnimator(ca), threaded=True)


def serve_until_interrupted(server: BaseWSGIServer) -> None:
    """Serve in the foreground until Ctrl-C or SIGTERM's KeyboardInterrupt (the commands)."""
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def pki_service_start(*, ca: DemoCa, port: int, host: str = DEFAULT_HOST) -> PkiService:
    """Serve the demo CA's services in a daemon thread of this process."""
    return pki_service_serve(server=pki_server_make(ca=ca, port=port, host=host), ca=ca)


def port_bind_free(host: str = DEFAULT_HOST) -> BaseWSGIServer:
    """A server bound to a free port before any CA exists (the CA's certificates carry the
    address of its services); give it an app with `server.app = ...` before serving."""
    return make_server(host, 0, _not_ready, threaded=True)


def _not_ready(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"demo PKI not ready"]


def pki_service_serve(*, server: BaseWSGIServer, ca: DemoCa) -> PkiService:
    server.app = ReloadingAnimator(ca)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": STOP_POLL_SECONDS},
        name="demo-pki",
        daemon=True,
    )
    thread.start()
    return PkiService(server=server, thread=thread)


@contextmanager
def demo_services_running() -> Iterator[None]:
    """For a standalone command (demo_request): when letters are timestamped by the demo CA and
    nothing answers at its address, serve the demo CA in this process for the duration."""
    from django.conf import settings

    from .demo_ca import demo_ca_current

    ca = demo_ca_current()
    tsa_url = settings.AUTENTIKA_TSA_URL
    if not tsa_url.startswith(ca.url_prefix) or pki_service_reachable(ca.url_prefix):
        yield
        return
    service = pki_service_start(ca=ca, port=urlsplit(ca.url_prefix).port or 80)
    try:
        yield
    finally:
        service.stop()


def pki_service_reachable(url_prefix: str, *, timeout: float = 2.0) -> bool:
    """Whether something answers HTTP at the demo CA's service address."""
    parts = urlsplit(url_prefix)
    try:
        with urllib.request.urlopen(f"{parts.scheme}://{parts.netloc}/", timeout=timeout):
            return True
    except urllib.error.HTTPError:
        return True
    except (OSError, ValueError):
        return False
