from django.contrib import admin

from autentika.core.admin import AuditedModelAdmin
from autentika.reports.models import ArchiveRule, StepTarget


@admin.register(StepTarget)
class StepTargetAdmin(AuditedModelAdmin):
    list_display = ("office", "step", "amount", "unit")
    list_filter = ("office",)


@admin.register(ArchiveRule)
class ArchiveRuleAdmin(AuditedModelAdmin):
    list_display = (
        "office",
        "letter_kind",
        "classification",
        "active_years",
        "inactive_years",
        "disposition",
    )
    list_filter = ("office",)
