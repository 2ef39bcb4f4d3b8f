"""Start-up check of the operations settings: a network `/metrics` cannot parse stops the start
(E016) instead of answering 500 to Prometheus."""

import ipaddress
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register


@register()
def metrics_networks_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    for network in settings.AUTENTIKA_METRICS_ALLOWED_NETWORKS:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            problems.append(
                Error(
                    f"AUTENTIKA_METRICS_ALLOWED_NETWORKS: {network!r} is not a network.",
                    hint="Comma-separated addresses or networks, e.g. 127.0.0.1/32,10.20.0.0/16.",
                    id="autentika.E016",
                )
            )
    return problems
