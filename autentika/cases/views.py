from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from autentika.cases import books
from autentika.cases.documents import disposition_sheet_pdf
from autentika.cases.forms import AssignForm, DisposeForm, PeriodForm, RegisterForm
from autentika.cases.models import Case, CaseDocument, Disposition
from autentika.cases.registration import DuplicateRequestError, case_register
from autentika.cases.selectors import (
    case_active_disposition,
    case_completeness,
    case_dispositions,
    cases_of_office,
    disposition_targets,
    inbox,
    register_search,
)
from autentika.cases.services import (
    case_assign,
    case_completeness_recheck,
    case_dispose,
    case_open,
    disposition_withdraw,
)
from autentika.cases.workflow import case_steps
from autentika.core.audit import audit_trail
from autentika.core.downloads import document_access_record, upload_response
from autentika.core.permissions import Action
from autentika.core.registry import case_panels, overdue_ids
from autentika.core.uploads import Upload
from autentika.organization.access import user_may
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest


def _case(request: OfficeRequest, pk: int) -> Case:
    return get_object_or_404(cases_of_office(office=request.office), pk=pk)


def _upload(file: UploadedFile) -> Upload:
    return Upload(name=file.name or "berkas", content=file.read())


@office_permission_required(Action.CASE_VIEW)
def inbox_view(request: OfficeRequest) -> HttpResponse:
    cases = list(inbox(user=request.user, office=request.office))
    today = timezone.localdate()
    late = overdue_ids(request.office, cases) | {
        case.pk for case in cases if case.due_on and case.due_on < today
    }
    return render(request, "cases/inbox.html", {"cases": cases, "late": late})


@office_permission_required(Action.CASE_VIEW)
def register_view(request: OfficeRequest) -> HttpResponse:
    form = PeriodForm(request.GET)
    cases = Case.objects.none()
    if form.is_valid():
        data = form.cleaned_data
        cases = register_search(
            office=request.office,
            period=data["period"],
            query=data.get("q", ""),
            state=data.get("state", ""),
        )
    return render(
        request,
        "cases/register_list.html",
        {
            "form": form,
            "cases": cases,
            "query": request.GET.urlencode(),
            "may_register": user_may(request.user, Action.CASE_REGISTER, office=request.office),
        },
    )


@office_permission_required(Action.CASE_VIEW)
def register_export(request: OfficeRequest, fmt: str) -> HttpResponse:
    if fmt not in {"pdf", "xlsx"}:
        raise Http404("Format buku tidak dikenal.")
    form = PeriodForm(request.GET)
    if not form.is_valid():
        messages.error(
            request, " ".join(str(e) for e in form.non_field_errors()) or "Periode tidak sah."
        )
        return redirect("cases:register")
    period = form.cleaned_data["period"]
    office = request.office
    if fmt == "pdf":
        content, mime = books.register_book_pdf(office=office, period=period), "application/pdf"
    else:
        content = books.register_book_xlsx(office=office, period=period)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    document_access_record(
        request, document=f"register_book_{fmt}", office=office, data={"period": str(period)}
    )
    response = HttpResponse(content, content_type=mime)
    name = f"buku-registrasi-{office.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@office_permission_required(Action.CASE_REGISTER)
def register_create(request: OfficeRequest) -> HttpResponse:
    office = request.office
    form = RegisterForm(request.POST or None, request.FILES or None, office=office)
    duplicate_warning = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_register(
                office=office,
                actor=request.user,
                party=data["party"],
                party_level=data["party_level"],
                letter_number=data["letter_number"],
                letter_date=data["letter_date"],
                subject=data["subject"],
                elections=list(data["elections"]),
                purpose=data["purpose"],
                purpose_note=data["purpose_note"],
                channel=data["channel"],
                received_at=data["received_at"],
                letter_scan=_upload(data["letter_scan"]) if data["letter_scan"] else None,
                attachments=[_upload(f) for f in data["attachments"]],
                duplicate_reason=data["duplicate_reason"],
            )
        except DuplicateRequestError as error:
            duplicate_warning = " ".join(error.messages)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Permohonan dicatat dengan nomor agenda {case.agenda_label} dan "
                f"diteruskan kepada {case.current_desk}.",
            )
            return redirect("cases:detail", pk=case.pk)
    return render(
        request, "cases/register_form.html", {"form": form, "duplicate_warning": duplicate_warning}
    )


def _withdrawable(case: Case, user: object) -> list[Disposition]:
    """Only the disposition that brought the case to its desk, unread, by its author."""
    active = case_active_disposition(case=case)
    if (
        active is None
        or active.read_at is not None
        or active.from_user_id != getattr(user, "pk", None)
    ):
        return []
    return [active]


@office_permission_required(Action.CASE_VIEW)
def case_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    case_open(case=case, actor=request.user)
    steps = case_steps(request.user, case)
    may_dispose = "dispose" in steps
    targets, allow_skip = disposition_targets(case=case) if may_dispose else ([], False)
    dispositions = list(case_dispositions(case=case))
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "documents": case.documents.all(),
            "dispositions": dispositions,
            "completeness": case_completeness(case=case),
            "dispose_form": DisposeForm(targets=targets) if may_dispose and targets else None,
            "allow_skip": allow_skip,
            "withdrawable": _withdrawable(case, request.user) if "withdraw" in steps else [],
            "may_recheck": "recheck" in steps,
            "assign_form": (
                AssignForm(position=case.current_position)
                if "assign" in steps and case.current_position
                else None
            ),
            "events": audit_trail(case),
            "panels": case_panels(request, case),
        },
    )


@require_POST
@office_permission_required(Action.CASE_VIEW)
def case_dispose_view(request: OfficeRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    targets, _ = disposition_targets(case=case)
    form = DisposeForm(request.POST, targets=targets)
    if not form.is_valid():
        messages.error(
            request,
            "Disposisi belum lengkap: "
            + "; ".join(
                f"{form.fields[f].label}: {' '.join(str(m) for m in e)}"
                for f, e in form.errors.items()
            ),
        )
        return redirect("cases:detail", pk=case.pk)
    data = form.cleaned_data
    try:
        disposition = case_dispose(
            case=case,
            actor=request.user,
            to_position=data["to_position"],
            instruction=data["instruction"],
            urgency=data["urgency"],
            security_class=data["security_class"],
            note=data["note"],
            due_on=data["due_on"],
            to_user=data["to_user"].user if data.get("to_user") else None,
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        to_whom = disposition.to_position_title
        if disposition.to_user_name:
            to_whom += f" ({disposition.to_user_name})"
        messages.success(request, f"Didisposisikan kepada {to_whom}.")
    return redirect("cases:detail", pk=case.pk)


@require_POST
@office_permission_required(Action.CASE_VIEW)
def disposition_withdraw_view(request: OfficeRequest, pk: int, disposition_pk: int) -> HttpResponse:
    case = _case(request, pk)
    disposition = get_object_or_404(Disposition, pk=disposition_pk, case=case)
    try:
        disposition_withdraw(disposition=disposition, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "Disposisi ditarik kembali.")
    return redirect("cases:detail", pk=case.pk)


@require_POST
@office_permission_required(Action.CASE_VIEW)
def case_assign_view(request: OfficeRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    if case.current_position is None:
        messages.error(request, "Permohonan ini tidak sedang menunggu di jabatan mana pun.")
        return redirect("cases:detail", pk=case.pk)
    form = AssignForm(request.POST, position=case.current_position)
    if not form.is_valid():
        messages.error(request, "Pilih staf yang memegang jabatan ini.")
        return redirect("cases:detail", pk=case.pk)
    try:
        case = case_assign(case=case, actor=request.user, member=form.cleaned_data["member"].user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"Ditugaskan: {case.current_desk}.")
    return redirect("cases:detail", pk=case.pk)


@require_POST
@office_permission_required(Action.CASE_VIEW)
def case_recheck_view(request: OfficeRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    try:
        case = case_completeness_recheck(case=case, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, f"Tahap permohonan: {case.get_state_display()}.")
    return redirect("cases:detail", pk=case.pk)


@office_permission_required(Action.CASE_VIEW)
def document_download(request: OfficeRequest, pk: int, document_pk: int) -> FileResponse:
    case = _case(request, pk)
    document = get_object_or_404(CaseDocument, pk=document_pk, case=case)
    return upload_response(
        request,
        document.file.open("rb"),
        content_type=document.content_type,
        filename=document.original_name,
        document="case_document",
        office=case.office,
        target=document,
    )


@office_permission_required(Action.CASE_VIEW)
def disposition_sheet(request: OfficeRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    response = HttpResponse(disposition_sheet_pdf(case=case), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="lembar-disposisi-{case.agenda_year}-{case.agenda_number}.pdf"'
    )
    return response
