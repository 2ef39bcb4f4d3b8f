"""The client's address, as the throttles (verification misses, login lockout) see it.

Behind `AUTENTIKA_TRUSTED_PROXIES` = n reverse proxies, each appending the address it received
the request from to X-Forwarded-For, the client is the n-th entry from the right: entries
further left were written by the client itself and prove nothing. With 0 (the default, no
proxy) X-Forwarded-For is ignored and REMOTE_ADDR is the client. A request with fewer entries
than proxies did not come through them all: its REMOTE_ADDR is used."""

import ipaddress
from typing import Any

from django.conf import settings

# No usable address (a test client, a unix socket without a proxy): still a valid IP, because
# django-axes stores it in an IP-address column (PostgreSQL's inet refuses anything else).
UNKNOWN_ADDRESS = "0.0.0.0"


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: Any) -> str:
    remote = _valid(str(request.META.get("REMOTE_ADDR", "") or "")) or UNKNOWN_ADDRESS
    proxies = int(settings.AUTENTIKA_TRUSTED_PROXIES)
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return _valid(forwarded[-proxies]) or remote


def axes_username(request: Any, credentials: dict[str, Any] | None) -> str:
    """The username axes records for a login attempt, cut to the username field's length
    (150): a 10,000-character name must not overflow axes' varchar(255) on PostgreSQL."""
    if credentials and credentials.get("username") is not None:
        username = credentials["username"]
    else:
        username = getattr(request, "POST", {}).get("username", "") if request else ""
    return str(username)[:150]
