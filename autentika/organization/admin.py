from django import forms
from django.contrib import admin

from autentika.core.admin import AuditedModelAdmin
from autentika.core.permissions import Duty
from autentika.organization.models import Assignment, Chain, ChainLink, Office, Position


@admin.register(Office)
class OfficeAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "level", "region_code", "city", "training_mode"]
    search_fields = ["code", "name"]
    # The logo is uploaded on the settings page, where its content is checked; the calendar
    # (time zone, working hours) is set there too, where its rules apply (calendar_services).
    readonly_fields = ["logo", "time_zone", "work_starts", "work_ends"]


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
class PositionAdmin(AuditedModelAdmin):
    form = PositionForm
    list_display = ["title", "code", "office", "reports_to"]
    list_filter = ["office"]


@admin.register(Assignment)
class AssignmentAdmin(AuditedModelAdmin):
    list_display = ["position", "user", "kind", "starts_on", "ends_on"]
    list_filter = ["position__office", "kind"]
    autocomplete_fields = ["user"]


class ChainLinkInline(admin.TabularInline):
    model = ChainLink
    extra = 0


@admin.register(Chain)
class ChainAdmin(AuditedModelAdmin):
    list_display = ["office", "purpose", "allow_skip"]
    inlines = [ChainLinkInline]
