from django.contrib import admin

from autentika.core.admin import AuditedModelAdmin
from autentika.portal.models import OnlineSubmission, PartyAccount, PartyApiToken


@admin.register(PartyAccount)
class PartyAccountAdmin(AuditedModelAdmin):
    list_display = ("user", "party_short_name", "party_level", "office", "is_active")
    list_filter = ("office", "is_active", "party_short_name")
    search_fields = ("user__username", "user__first_name", "user__last_name", "party_short_name")
    raw_id_fields = ("user", "created_by")
    readonly_fields = ("created_at",)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        from django.utils import timezone

        if not change:
            obj.created_by = request.user
            obj.created_at = timezone.now()
        super().save_model(request, obj, form, change)

    def get_exclude(self, request, obj=None):  # type: ignore[no-untyped-def]
        return ("created_by",) if obj is None else ()


@admin.register(OnlineSubmission)
class OnlineSubmissionAdmin(admin.ModelAdmin):
    list_display = ("party", "letter_number", "office", "state", "submitted_at", "case")
    list_filter = ("office", "state")
    search_fields = ("letter_number", "party__short_name")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(PartyApiToken)
class PartyApiTokenAdmin(admin.ModelAdmin):
    list_display = ("prefix", "account", "label", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("digest", "prefix", "created_at", "last_used_at")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False
