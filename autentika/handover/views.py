from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from autentika.cases.selectors import awaiting_hand_over, cases_of_office
from autentika.core.audit import audit_record
from autentika.core.downloads import document_access_record, upload_response
from autentika.core.forms import form_errors_add
from autentika.core.models import AuditEventType
from autentika.core.permissions import Action
from autentika.core.uploads import Upload
from autentika.handover import books
from autentika.handover.documents import case_file_zip, receipt_pdf
from autentika.handover.forms import HandoverForm, ReceiptSearchForm, ScanForm
from autentika.handover.models import Receipt
from autentika.handover.selectors import case_signed_letter, receipts_search
from autentika.handover.services import handover_may, handover_record, receipt_scan_attach
from autentika.organization.access import user_may
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _receipt(request: OfficeRequest, pk: int) -> Receipt:
    return get_object_or_404(
        Receipt.objects.select_related("case__party", "letter", "office"),
        pk=pk,
        office=request.office,
    )


@office_permission_required(Action.CASE_VIEW)
def receipt_list(request: OfficeRequest) -> HttpResponse:
    form = ReceiptSearchForm(request.GET)
    receipts = Receipt.objects.none()
    if form.is_valid():
        receipts = receipts_search(
            office=request.office, period=form.cleaned_data["period"], query=form.cleaned_data["q"]
        )
    may_hand_over = user_may(request.user, Action.LETTER_HAND_OVER, office=request.office)
    return render(
        request,
        "handover/receipt_list.html",
        {
            "form": form,
            "receipts": receipts,
            "query": request.GET.urlencode(),
            "waiting": awaiting_hand_over(office=request.office) if may_hand_over else [],
        },
    )


@office_permission_required(Action.CASE_VIEW)
def receipt_book_export(request: OfficeRequest, fmt: str) -> HttpResponse:
    if fmt not in {"pdf", "xlsx"}:
        raise Http404("Format buku tidak dikenal.")
    form = ReceiptSearchForm(request.GET)
    if not form.is_valid():
        messages.error(
            request, " ".join(str(e) for e in form.non_field_errors()) or "Periode tidak sah."
        )
        return redirect("handover:list")
    period = form.cleaned_data["period"]
    document_access_record(
        request, document=f"receipt_book_{fmt}", office=request.office, data={"period": str(period)}
    )
    exporter = books.receipts_book_pdf if fmt == "pdf" else books.receipts_book_xlsx
    response = HttpResponse(
        exporter(office=request.office, period=period),
        content_type="application/pdf" if fmt == "pdf" else XLSX,
    )
    name = f"buku-tanda-terima-{request.office.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@office_permission_required(Action.CASE_VIEW)
def handover_create(request: OfficeRequest, case_pk: int) -> HttpResponse:
    case = get_object_or_404(cases_of_office(office=request.office), pk=case_pk)
    if not handover_may(actor=request.user, case=case):
        raise PermissionDenied(
            "Hanya Tata Usaha (tugas menyerahkan surat) yang dapat menyerahkan surat."
        )
    letter = case_signed_letter(case=case)
    form = HandoverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            receipt = handover_record(
                letter=letter, actor=request.user, case=case, **form.cleaned_data
            )
        except ValidationError as error:
            form_errors_add(form, error)  # at the field it names (the NIK), else above
        else:
            messages.success(
                request, f"Penyerahan dicatat: tanda terima Nomor {receipt.number_label}."
            )
            return redirect("cases:detail", case.pk)
    return render(
        request, "handover/handover_form.html", {"form": form, "case": case, "letter": letter}
    )


@office_permission_required(Action.CASE_VIEW)
def receipt_download(request: OfficeRequest, pk: int) -> HttpResponse:
    receipt = _receipt(request, pk)
    document_access_record(request, document="receipt_pdf", office=request.office, target=receipt)
    response = HttpResponse(receipt_pdf(receipt=receipt), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="tanda-terima-{receipt.sequence}-{receipt.year}.pdf"'
    )
    return response


@office_permission_required(Action.CASE_VIEW)
@require_POST
def receipt_scan_upload(request: OfficeRequest, pk: int) -> HttpResponse:
    receipt = _receipt(request, pk)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Pilih berkas pindaian tanda terima.")
    else:
        file = form.cleaned_data["scan"]
        try:
            receipt_scan_attach(
                receipt=receipt,
                actor=request.user,
                upload=Upload(file.name or "pindaian", file.read()),
                case=receipt.case,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Pindaian tanda terima bertanda tangan disimpan.")
    return redirect("cases:detail", receipt.case_id)


@office_permission_required(Action.CASE_VIEW)
def receipt_scan_download(request: OfficeRequest, pk: int) -> FileResponse:
    receipt = _receipt(request, pk)
    if not receipt.scan:
        raise Http404("Belum ada pindaian.")
    return upload_response(
        request,
        receipt.scan.open("rb"),
        content_type=receipt.scan_content_type,
        filename=f"pindaian-tanda-terima-{receipt.sequence}-{receipt.year}",
        document="receipt_scan",
        office=request.office,
        target=receipt,
    )


@office_permission_required(Action.CASE_VIEW)
def case_file_download(request: OfficeRequest, case_pk: int) -> HttpResponse:
    case = get_object_or_404(cases_of_office(office=request.office), pk=case_pk)
    content = case_file_zip(case=case)
    audit_record(
        event_type=AuditEventType.CASE_FILE_EXPORTED,
        office=case.office,
        actor=request.user,
        target=case,
        data={"bytes": len(content)},
    )
    response = HttpResponse(content, content_type="application/zip")
    name = f"berkas-{case.office.code}-agenda-{case.agenda_number}-{case.agenda_year}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
