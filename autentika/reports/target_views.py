"""Pengaturan kantor, target waktu tiap tahap: `/laporan/target/<code>/` (issue #31). One form
per step; `targets.step_target_set` decides and audits."""

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from autentika.organization.models import Office
from autentika.organization.settings_views import _attempt, office_managed
from autentika.reports.models import TARGET_STEPS, TargetUnit
from autentika.reports.targets import step_target_set, targets_of


class StepTargetForm(forms.Form):
    step = forms.ChoiceField(choices=TARGET_STEPS, widget=forms.HiddenInput)
    amount = forms.IntegerField(
        label="Target", required=False, help_text="Kosongkan untuk menghapus target tahap ini."
    )
    unit = forms.ChoiceField(label="Satuan", choices=TargetUnit.choices)


def _forms(office: Office) -> dict[str, StepTargetForm]:
    targets = targets_of(office)
    return {
        step: StepTargetForm(
            prefix=step,
            initial={
                "step": step,
                "amount": targets[step].amount if step in targets else None,
                "unit": targets[step].unit if step in targets else TargetUnit.WORKING_DAYS,
            },
        )
        for step, _ in TARGET_STEPS
    }


@office_managed
def targets_page(request: HttpRequest, office: Office) -> HttpResponse:
    step_forms = _forms(office)
    status = 200
    if request.method == "POST":
        step = request.POST.get("step_name", "")
        if step in step_forms:
            form = StepTargetForm(request.POST, prefix=step)
            if _attempt(
                form,
                lambda data: step_target_set(
                    office=office,
                    actor=request.user,
                    step=data["step"],
                    amount=data["amount"],
                    unit=data["unit"],
                ),
            ):
                messages.success(request, "Target waktu disimpan.")
                return redirect("reports:targets", code=office.code)
            step_forms[step] = form
            status = 400
    rows = [(label, step, step_forms[step]) for step, label in TARGET_STEPS]
    return render(request, "reports/targets.html", {"office": office, "rows": rows}, status=status)
