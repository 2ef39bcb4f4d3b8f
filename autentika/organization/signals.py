from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from autentika.core.audit import audit_record
from autentika.core.client import client_address
from autentika.core.models import AuditEventType


def _address(request: Any) -> str:
    return client_address(request) if request is not None else ""


@receiver(user_logged_in)
def audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(
        event_type=AuditEventType.LOGIN_SUCCEEDED, actor=user, data={"address": _address(request)}
    )


@receiver(user_login_failed)
def audit_login_failure(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    audit_record(
        event_type=AuditEventType.LOGIN_FAILED,
        data={"username": str(credentials.get("username", ""))[:150], "address": _address(request)},
    )
