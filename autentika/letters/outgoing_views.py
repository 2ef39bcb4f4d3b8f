"""The outgoing-letter register's page and its PDF/XLSX (Buku Agenda Surat Keluar)."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from autentika.cases.forms import PeriodForm
from autentika.core.downloads import document_access_record
from autentika.core.permissions import Action
from autentika.letters.books import outgoing_book_pdf, outgoing_book_xlsx, outgoing_search
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest


class OutgoingSearchForm(PeriodForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["state"]


@office_permission_required(Action.CASE_VIEW)
def outgoing_list(request: OfficeRequest) -> HttpResponse:
    form = OutgoingSearchForm(request.GET)
    letters: Any = []
    if form.is_valid():
        data = form.cleaned_data
        letters = outgoing_search(office=request.office, period=data["period"], query=data["q"])
    return render(
        request,
        "letters/outgoing.html",
        {"form": form, "letters": letters, "query": request.GET.urlencode()},
    )


@office_permission_required(Action.CASE_VIEW)
def outgoing_export(request: OfficeRequest, fmt: str) -> HttpResponse:
    if fmt not in {"pdf", "xlsx"}:
        raise Http404("Format buku tidak dikenal.")
    form = OutgoingSearchForm(request.GET)
    if not form.is_valid():
        messages.error(
            request, " ".join(str(e) for e in form.non_field_errors()) or "Periode tidak sah."
        )
        return redirect("letters:outgoing")
    period, query = form.cleaned_data["period"], form.cleaned_data["q"]
    office = request.office
    if fmt == "pdf":
        content = outgoing_book_pdf(office=office, period=period, query=query)
        mime = "application/pdf"
    else:
        content = outgoing_book_xlsx(office=office, period=period, query=query)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    document_access_record(
        request,
        document=f"outgoing_book_{fmt}",
        office=office,
        data={"period": str(period), "query": query},
    )
    response = HttpResponse(content, content_type=mime)
    name = f"buku-surat-keluar-{office.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
