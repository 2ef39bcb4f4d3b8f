from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from autentika.core.admin import AuditedModelAdmin
from autentika.results.explanations import (
    explanation_state_label,
    figure_explanation_confirm,
)
from autentika.results.models import (
    Dapil,
    Decision,
    Election,
    FigureExplanation,
    Party,
    PartyLink,
    PoliticalParty,
    ResultVersion,
)


class ReadOnlyInline(admin.TabularInline):
    """Dapil and parties come from imported files; the admin only shows them."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class DapilInline(ReadOnlyInline):
    model = Dapil
    fields = ["name", "code", "seats", "voters"]


class PartyInline(ReadOnlyInline):
    model = Party
    fields = ["number", "short_name", "full_name", "political_party"]


class ParticipationInline(ReadOnlyInline):
    model = Party
    fk_name = "political_party"
    fields = ["election", "number", "short_name", "full_name"]


@admin.register(PoliticalParty)
class PoliticalPartyAdmin(AuditedModelAdmin):
    """One party across elections; its participations come from the imports."""

    list_display = ["short_name", "full_name", "code"]
    search_fields = ["short_name", "full_name", "aliases", "code"]
    inlines = [ParticipationInline]


@admin.register(PartyLink)
class PartyLinkAdmin(AuditedModelAdmin):
    """Renames carry a party's own figures across elections; mergers never do."""

    list_display = ["predecessor", "successor", "kind", "effective_date"]
    list_filter = ["kind"]


@admin.register(FigureExplanation)
class FigureExplanationAdmin(admin.ModelAdmin):
    """Recorded through `manage.py explain_difference` (audited); shown, never edited. A total
    above the decision's is confirmed here (or `confirm_explanation`) by a second person."""

    list_display = [
        "version",
        "party",
        "figure",
        "dapil_sum",
        "printed_total",
        "certified",
        "document_number",
        "document_date",
        "state",
    ]
    actions = ["confirm"]

    @admin.display(description="keadaan")
    def state(self, obj: FigureExplanation) -> str:
        return explanation_state_label(obj)

    @admin.action(description="Konfirmasi penjelasan (orang kedua, empat mata)")
    def confirm(self, request: HttpRequest, queryset: QuerySet[FigureExplanation]) -> None:
        for item in queryset:
            try:
                figure_explanation_confirm(explanation=item, actor=request.user)
            except (PermissionDenied, ValidationError) as error:
                text = "; ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{item}: {text}", messages.ERROR)
            else:
                self.message_user(request, f"{item}: dikonfirmasi.", messages.SUCCESS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Election)
class ElectionAdmin(AuditedModelAdmin):
    list_display = ["name", "code", "office", "year", "legislature", "threshold_percent"]
    list_filter = ["office", "legislature"]
    inlines = [DapilInline, PartyInline]


@admin.register(Decision)
class DecisionAdmin(AuditedModelAdmin):
    """The status is chosen when a decision is recorded; afterwards it is only shown (the one
    change, provisional to official, is `manage.py decision_status`, audited)."""

    list_display = ["number", "date", "election", "status"]
    list_filter = ["status", "election__office"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields.append("status")
        return fields


@admin.register(ResultVersion)
class ResultVersionAdmin(admin.ModelAdmin):
    """Figures are never typed here: a correction is a new import, which makes a new version."""

    list_display = ["election", "number", "decision", "created_at", "source_name"]
    list_filter = ["election__office"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
