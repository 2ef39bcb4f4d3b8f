"""The extension of a request's legal deadline, posted from the case page (issue #31)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from autentika.cases.kip_services import case_deadline_extend
from autentika.cases.selectors import cases_of_office
from autentika.core.permissions import Action
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label="Alasan perpanjangan (disampaikan kepada pemohon)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


@require_POST
@office_permission_required(Action.CASE_VIEW)
def case_extend_view(request: OfficeRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(cases_of_office(office=request.office), pk=pk)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan alasan perpanjangan.")
        return redirect("cases:detail", pk=case.pk)
    try:
        case = case_deadline_extend(
            case=case, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "Batas waktu jawaban diperpanjang 7 hari kerja.")
    return redirect("cases:detail", pk=case.pk)
