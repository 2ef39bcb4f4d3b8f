from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.core.permissions import Duty
from autentika.organization.models import Assignment, Chain, ChainLink, Office, Position


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "region_code", "city", "training_mode"]
    search_fields = ["code", "name"]


class PositionForm(forms.ModelForm):
    duties = forms.MultipleChoiceField(
        label="Tugas dalam SOP",
        choices=Duty.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Position
        fields = ["office", "code", "title", "reports_to", "duties"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    form = PositionForm
    list_display = ["title", "code", "office", "reports_to"]
    list_filter = ["office"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["position", "user", "kind", "starts_on", "ends_on"]
    list_filter = ["position__office", "kind"]
    autocomplete_fields = ["user"]

    def save_model(self, request: HttpRequest, obj: Assignment, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            event_type=AuditEventType.ASSIGNMENT_ENDED
            if change
            else AuditEventType.ASSIGNMENT_CREATED,
            office=obj.position.office,
            actor=request.user,
            target=obj,
            data={"via": "admin", "changed": list(form.changed_data)},
        )


class ChainLinkInline(admin.TabularInline):
    model = ChainLink
    extra = 0


@admin.register(Chain)
class ChainAdmin(admin.ModelAdmin):
    list_display = ["office", "purpose", "allow_skip"]
    inlines = [ChainLinkInline]
