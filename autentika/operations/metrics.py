"""What `/metrics` adds to the metrics the parts record as they go (core/metrics.py): the
letters signed, counted on the committed audit event, and the task queue, read at scrape time."""

import ipaddress
import logging
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from autentika.core.client import client_address
from autentika.core.metrics import LETTERS_SIGNED
from autentika.core.models import AuditEventType
from autentika.operations.selectors import task_queue_states

logger = logging.getLogger(__name__)


def letters_signed_count(event: Any) -> None:
    """The audit listener `operations.metrics` (after commit): one more letter signed through
    the backend the event names."""
    if event.event_type == AuditEventType.LETTER_SIGNED:
        LETTERS_SIGNED.labels(backend=str(event.data.get("backend") or "unknown")).inc()


class TaskQueueCollector(Collector):
    """Tasks waiting to run and the oldest one's age, per queue, read when scraped (a gauge
    kept up to date by the worker would be wrong as soon as the worker stops)."""

    def describe(self) -> Iterator[GaugeMetricFamily]:
        """The names only: registering the collector reads no database."""
        yield from self._families()

    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth, age = self._families()
        try:
            states = task_queue_states()
        except DatabaseError:  # the scrape still answers; /sehat/ says what is wrong
            logger.warning("task queue not readable for /metrics", exc_info=True)
            states = []
        for state in states:
            depth.add_metric([state.queue], state.waiting)
            age.add_metric([state.queue], state.oldest_age_seconds)
        yield depth
        yield age

    @staticmethod
    def _families() -> tuple[GaugeMetricFamily, GaugeMetricFamily]:
        return (
            GaugeMetricFamily(
                "autentika_task_queue_depth",
                "Tasks waiting to run now, per queue.",
                labels=["queue"],
            ),
            GaugeMetricFamily(
                "autentika_task_queue_oldest_age_seconds",
                "How long the oldest task waiting has waited, per queue.",
                labels=["queue"],
            ),
        )


def metrics_client_allowed(request: Any) -> bool:
    """Is the client (as the throttles see it, behind AUTENTIKA_TRUSTED_PROXIES) in one of
    AUTENTIKA_METRICS_ALLOWED_NETWORKS? A forwarded request with no proxy configured is not:
    its REMOTE_ADDR is a proxy's (nginx on the same host: loopback), not the client's."""
    if settings.AUTENTIKA_TRUSTED_PROXIES <= 0 and request.META.get("HTTP_X_FORWARDED_FOR"):
        return False
    address = ipaddress.ip_address(client_address(request))
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.AUTENTIKA_METRICS_ALLOWED_NETWORKS
    )
