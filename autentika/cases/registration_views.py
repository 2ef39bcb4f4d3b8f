"""Tata Usaha's registration form. The scans of a refused attempt are kept for the user
(core/kept_uploads.py) and used when the corrected form is sent."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from autentika.cases.forms import RegisterForm, letter_fields
from autentika.cases.registration import DuplicateRequestError, case_register
from autentika.core.forms import form_errors_add
from autentika.core.kept_uploads import KeptScans
from autentika.core.permissions import Action
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest

SCAN_FIELDS = {"letter_scan": "Surat permohonan", "attachments": "Lampiran"}


@office_permission_required(Action.CASE_REGISTER)
def register_create(request: OfficeRequest) -> HttpResponse:
    office = request.office
    scans = KeptScans(request, form="cases.register", fields=SCAN_FIELDS, several=["attachments"])
    form = RegisterForm(request.POST or None, request.FILES or None, office=office)
    duplicate_warning = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_register(
                office=office,
                actor=request.user,
                **letter_fields(data),
                channel=data["channel"],
                received_at=data["received_at"],
                letter_scan=scans.first("letter_scan"),
                attachments=scans.uploads("attachments"),
                duplicate_reason=data["duplicate_reason"],
            )
        except DuplicateRequestError as error:
            duplicate_warning = " ".join(error.messages)
        except ValidationError as error:
            form_errors_add(form, error)  # each at its field (the missing scan at the scan)
        else:
            scans.discard()
            messages.success(
                request,
                f"Permohonan dicatat dengan nomor agenda {case.agenda_label} dan "
                f"diteruskan kepada {case.current_desk}.",
            )
            return redirect("cases:detail", pk=case.pk)
    if request.method == "POST":
        scans.keep(form)
    return render(
        request,
        "cases/register_form.html",
        {"form": form, "duplicate_warning": duplicate_warning, "kept": scans.kept},
    )
