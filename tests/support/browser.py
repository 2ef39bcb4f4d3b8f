import shutil

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

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


def context_close_when_idle(context: BrowserContext, page: Page) -> None:
    """Close the browser's context once the page has no request in flight: the test database
    is emptied right after the test, and a request the live server is still answering would
    hold locks the emptying waits for (PostgreSQL called it a deadlock)."""
    try:
        page.wait_for_load_state("networkidle", timeout=15_000)
    except PlaywrightError:
        pass  # a page that polls is never idle; it is closed all the same
    finally:
        context.close()
