"""`/sehat/` and `/metrics`: both answer without a login; the metrics only to allowed clients."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from autentika.operations.health import health_report
from autentika.operations.metrics import TaskQueueCollector, metrics_client_allowed


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    healthy, body = health_report()
    return JsonResponse(
        body, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False}
    )


@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    if not metrics_client_allowed(request):
        raise Http404
    registry = REGISTRY
    if settings.PROMETHEUS_MULTIPROC_DIR:
        # prometheus_client's multi-process mode: every process of this host writes its values
        # under that folder; they are summed here (the queue is read from the database)
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        registry.register(TaskQueueCollector())
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
