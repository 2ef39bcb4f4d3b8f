"""A Cloud Signature Consortium (CSC API v1) test service: `certomancer-csc-dummy` over the demo
PKI, in a thread of this process with its own event loop (tests, demo_request), or standalone
with `certomancer-csc <demo-ca>/certomancer.yml PORT 2`. It signs with any key of the demo
CA's keyset; the remote signers of the BSrE test intermediate are the credentials
"demo/bsre-<nik>" (bsre_test_ca.py). SCAL 2: the authorisation is bound to the hashes.
It ignores the bearer token: real providers need an OAuth2 flow (docs/SIGNING_BACKENDS.md).

`on_demand.failures` gives a failure per endpoint (e.g. {"signatures/signHash": "500"}):
"500" answers HTTP 500, "slow" holds the answer until `on_demand.released` is set (at most
`on_demand.slow_seconds`), so a client's timeout passes whatever the machine's load.
"""

import asyncio
import threading
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from csc_dummy.csc_dummy_server import CSCWithCertomancer, DummyServiceParams

from .demo_ca import DemoCa


class ReloadingCsc(CSCWithCertomancer):
    """The dummy CSC service over the demo CA's current config (signers are added at runtime)."""

    def __init__(self, ca: DemoCa) -> None:
        super().__init__(ca.config(), service_params=DummyServiceParams())
        self.ca = ca

    @property
    def certomancer_config(self) -> Any:
        return self.ca.config()


@dataclass
class OnDemand:
    failures: dict[str, str] = field(default_factory=dict)
    slow_seconds: float = 120.0
    released: threading.Event = field(default_factory=threading.Event)


@dataclass
class CscService:
    url: str
    loop: asyncio.AbstractEventLoop
    runner: web.AppRunner
    thread: threading.Thread
    on_demand: OnDemand

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)


def csc_service_start(*, ca: DemoCa, port: int = 0, host: str = "127.0.0.1") -> CscService:
    csc = ReloadingCsc(ca)
    csc.register_routes()
    on_demand = OnDemand()

    @web.middleware
    async def failing(request: web.Request, handler: Any) -> web.StreamResponse:
        failures = on_demand.failures.items()
        failure = next((f for path, f in failures if request.path.endswith(path)), "")
        if failure == "500":
            return web.json_response({"error": "server_error"}, status=500)
        if failure == "slow":
            await asyncio.get_running_loop().run_in_executor(
                None, on_demand.released.wait, on_demand.slow_seconds
            )
        return await handler(request)

    csc.app.middlewares.append(failing)
    loop = asyncio.new_event_loop()
    runner = web.AppRunner(csc.app)
    started = threading.Event()
    holder: dict[str, Any] = {}

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, host, port)
        loop.run_until_complete(site.start())
        holder["port"] = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="csc-service", daemon=True)
    thread.start()
    if not started.wait(timeout=10):
        raise RuntimeError("the CSC test service did not start")
    service = CscService(
        url=f"http://{host}:{holder['port']}",
        loop=loop,
        runner=runner,
        thread=thread,
        on_demand=on_demand,
    )
    return service
