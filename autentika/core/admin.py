from django.contrib import admin
from django.http import HttpRequest

from autentika.core.models import AuditEvent


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
