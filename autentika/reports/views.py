from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from autentika.cases.models import Case, CaseState
from autentika.cases.selectors import inbox
from autentika.core.downloads import document_access_record
from autentika.core.permissions import Action
from autentika.handover.forms import ReceiptSearchForm
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest
from autentika.organization.selectors import user_active_assignments
from autentika.reports import books
from autentika.reports.charts import report_chart
from autentika.reports.hooks import dashboard_counters
from autentika.reports.selectors import overdue_cases_of, report_compute

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@office_permission_required(Action.CASE_VIEW)
def report_view(request: OfficeRequest) -> HttpResponse:
    form = ReceiptSearchForm(request.GET)
    context: dict[str, Any] = {"form": form, "query": request.GET.urlencode(), "report": None}
    if form.is_valid():
        report = report_compute(office=request.office, period=form.cleaned_data["period"])
        context.update(report=report, chart=report_chart(report))
    return render(request, "reports/report.html", context)


@office_permission_required(Action.CASE_VIEW)
def report_export(request: OfficeRequest, fmt: str) -> HttpResponse:
    if fmt not in {"pdf", "xlsx"}:
        raise Http404("Format laporan tidak dikenal.")
    form = ReceiptSearchForm(request.GET)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()))
        return redirect("reports:report")
    period = form.cleaned_data["period"]
    document_access_record(
        request, document=f"report_{fmt}", office=request.office, data={"period": str(period)}
    )
    exporter = books.report_pdf if fmt == "pdf" else books.report_xlsx
    response = HttpResponse(
        exporter(office=request.office, period=period),
        content_type="application/pdf" if fmt == "pdf" else XLSX,
    )
    name = f"laporan-{request.office.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@office_permission_required(Action.VIEW_HOME)
def dashboard(request: OfficeRequest) -> HttpResponse:
    office = request.office
    waiting = list(inbox(user=request.user, office=office))
    late_ids = overdue_cases_of(office=office, cases=waiting)
    today = timezone.localdate()
    overdue: list[Case] = [
        c for c in waiting if c.pk in late_ids or (c.due_on is not None and c.due_on < today)
    ]
    return render(
        request,
        "reports/dashboard.html",
        {
            "counters": dashboard_counters(request.user, office),
            "overdue": overdue,
            "positions": [
                a.position.title for a in user_active_assignments(user=request.user, office=office)
            ],
            "states": CaseState,
        },
    )
