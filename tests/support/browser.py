import shutil

from playwright.sync_api import BrowserContext

from tests.live_server import live_server_quiet_wait

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def context_close_when_idle(context: BrowserContext) -> None:
    """Close the browser's context, then wait until the live server has answered every request
    the page sent: the test database is emptied right after the test, and a request the live
    server is still answering would hold locks the emptying waits for (PostgreSQL called it a
    deadlock). Closing first means no new request can start while waiting."""
    context.close()
    live_server_quiet_wait()
