"""Pengaturan kantor, kalender kerja: `/kantor/<code>/pengaturan/kalender/` (issue #31). The
office's hours, time zone and closures, with the national holidays of the year shown for
reference. Thin: the services in `calendar_services.py` decide."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from autentika.organization import calendar_services
from autentika.organization.calendar_forms import OfficeClosureForm, OfficeHoursForm
from autentika.organization.models import Office, OfficeClosure
from autentika.organization.settings_views import _attempt, office_managed
from autentika.organization.workdays import national_holidays


def _page(request: HttpRequest, office: Office, *, status: int = 200, **forms: Any) -> HttpResponse:
    year = timezone.localdate().year
    context = {
        "office": office,
        "hours_form": OfficeHoursForm.for_office(office),
        "closure_form": OfficeClosureForm(),
        **forms,
        "closures": OfficeClosure.objects.filter(office=office).order_by("-starts_on"),
        "year": year,
        "holidays": sorted(national_holidays(year).items()),
    }
    return render(request, "organization/calendar.html", context, status=status)


def _done(request: HttpRequest, office: Office, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("organization:calendar", code=office.code)


@office_managed
def calendar_page(request: HttpRequest, office: Office) -> HttpResponse:
    return _page(request, office)


@require_POST
@office_managed
def hours_change(request: HttpRequest, office: Office) -> HttpResponse:
    form = OfficeHoursForm.for_office(office, request.POST)
    if _attempt(
        form,
        lambda data: calendar_services.office_hours_change(
            office=office, actor=request.user, **data
        ),
    ):
        return _done(request, office, "Jam kerja dan zona waktu disimpan.")
    return _page(request, office, status=400, hours_form=form)


@require_POST
@office_managed
def closure_add(request: HttpRequest, office: Office) -> HttpResponse:
    form = OfficeClosureForm(request.POST)
    if _attempt(
        form,
        lambda data: calendar_services.office_closure_add(
            office=office, actor=request.user, **data
        ),
    ):
        return _done(request, office, "Hari tutup kantor dicatat.")
    return _page(request, office, status=400, closure_form=form)


@require_POST
@office_managed
def closure_remove(request: HttpRequest, office: Office, pk: int) -> HttpResponse:
    closure = get_object_or_404(OfficeClosure, pk=pk, office=office)
    try:
        calendar_services.office_closure_remove(office=office, actor=request.user, closure=closure)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("organization:calendar", code=office.code)
    return _done(request, office, "Hari tutup kantor dihapus.")
