from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "autentika.operations"
    label = "operations"
    verbose_name = "Operasional"

    def ready(self) -> None:
        from prometheus_client import REGISTRY

        from autentika.core.registry import ListenerWhen, register_audit_listener
        from autentika.operations import checks  # noqa: F401 (checks register themselves)
        from autentika.operations.metrics import TaskQueueCollector, letters_signed_count

        register_audit_listener(
            "operations.metrics", letters_signed_count, when=ListenerWhen.COMMIT
        )
        REGISTRY.register(TaskQueueCollector())
