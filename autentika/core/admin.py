from typing import Any

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.http import HttpRequest

from autentika.core.audit import audit_record
from autentika.core.login_lockout import login_lockout_remaining, login_unlock
from autentika.core.models import AuditEvent, AuditEventType


def _office_of(obj: Any) -> Any:
    for path in ("office", "position.office", "chain.office", "election.office"):
        value = obj
        for name in path.split("."):
            value = getattr(value, name, None)
        if value is not None:
            return value
    return obj if obj._meta.label_lower == "organization.office" else None


class AuditedModelAdmin(admin.ModelAdmin):
    """Office settings changed in the admin leave the same audit trail as the steps."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            event_type=AuditEventType.ADMIN_CHANGED if change else AuditEventType.ADMIN_CREATED,
            office=_office_of(obj),
            actor=request.user,
            target=obj,
            data={"object": str(obj), "changed": list(form.changed_data)},
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        office, label, pk = _office_of(obj), str(obj), obj.pk
        super().delete_model(request, obj)
        audit_record(
            event_type=AuditEventType.ADMIN_DELETED,
            office=office,
            actor=request.user,
            data={"object": label, "model": obj._meta.label_lower, "pk": pk},
        )

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = [
        "occurred_at",
        "event_type",
        "actor",
        "acting_position",
        "target_type",
        "target_id",
    ]
    list_filter = ["event_type", "office"]
    search_fields = ["target_id", "actor__username"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class UnlockingUserAdmin(UserAdmin):
    """Django's user admin with the audited end of a login lockout (core/login_lockout.py)."""

    actions = ["login_unlock_selected"]
    list_display = ["username", "email", "first_name", "last_name", "is_staff", "login_locked"]

    @admin.display(description="Kunci masuk")
    def login_locked(self, obj: Any) -> str:
        wait = login_lockout_remaining(username=obj.get_username())
        return f"terkunci {max(1, (wait + 59) // 60)} menit lagi" if wait else "-"

    @admin.action(description="Buka kunci masuk akun terpilih", permissions=["change"])
    def login_unlock_selected(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        names = []
        for user in queryset:
            login_unlock(actor=request.user, user=user)
            names.append(user.get_username())
        self.message_user(
            request,
            f"Kunci masuk dibuka untuk {', '.join(names)}; tercatat di jejak audit.",
            messages.SUCCESS,
        )


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), UnlockingUserAdmin)
