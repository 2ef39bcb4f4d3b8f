from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from autentika.cases import books
from autentika.cases.documents import disposition_sheet_pdf, intake_receipt_pdf
from autentika.cases.forms import AssignForm, DisposeForm, PeriodForm
from autentika.cases.kip import kip_is_past_due
from autentika.cases.models import Case, CaseDocument, CaseState, Disposition
from autentika.cases.register_paging import RegisterPage, register_page
from autentika.cases.selectors import (
    CASE_FACTS,
    case_active_disposition,
    case_completeness,
    case_disposition_list,
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
from autentika.cases.workflow import CASE_WORKFLOW, case_steps
from autentika.core.audit import audit_trail
from autentika.core.downloads import document_access_record, upload_response
from autentika.core.forms import form_errors_add
from autentika.core.permissions import Action
from autentika.core.registry import case_panels, overdue_ids
from autentika.core.workflow import StaleState
from autentika.organization.access import user_may
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest
from autentika.organization.workdays import office_today


def _case(request: OfficeRequest, pk: int) -> Case:
    cases = cases_of_office(office=request.office).select_related("office", "current_position")
    return get_object_or_404(cases.prefetch_related("elections"), pk=pk)


@office_permission_required(Action.CASE_VIEW)
def inbox_view(request: OfficeRequest) -> HttpResponse:
    # The reply draft rides along (one query), for the row's link to the page to act on.
    cases = list(inbox(user=request.user, office=request.office).select_related("draft"))
    today = timezone.localdate()
    late = overdue_ids(request.office, cases) | {
        case.pk for case in cases if case.due_on and case.due_on < today
    }
    rows = [(case, _where_to_act(case), reverse("cases:detail", args=[case.pk])) for case in cases]
    context = {"rows": rows, "late": late, "kip_late": _kip_late(cases)}
    return render(request, "cases/inbox.html", context)


def _kip_late(cases: list[Case]) -> set[int]:
    """The cases past their legal deadline (UU 14/2008 art. 22), each at its office's date."""
    return {c.pk for c in cases if kip_is_past_due(case=c, today=office_today(c.office))}


def _where_to_act(case: Case) -> str:
    """The page on which the case's next step is taken, so an inbox row opens it directly."""
    draft = getattr(case, "draft", None)
    if case.state == CaseState.SIGNED:
        return reverse("handover:create", args=[case.pk])
    if draft is not None and case.state == CaseState.SIGNING:
        return reverse("letters:sign", args=[draft.pk])
    if draft is not None and case.state in (CaseState.DRAFTING, CaseState.REVIEW):
        return reverse("letters:draft", args=[draft.pk])
    return reverse("cases:detail", args=[case.pk])


@office_permission_required(Action.CASE_VIEW)
def register_view(request: OfficeRequest) -> HttpResponse:
    form = PeriodForm(request.GET)
    page = RegisterPage(rows=[], next_key="", previous_key="")
    if form.is_valid():
        data = form.cleaned_data
        cases = register_search(
            office=request.office,
            period=data["period"],
            query=data.get("q", ""),
            state=data.get("state", ""),
        )
        page = register_page(
            cases, after=request.GET.get("setelah", ""), before=request.GET.get("sebelum", "")
        )
    filters = request.GET.copy()
    for paging in ("setelah", "sebelum"):
        filters.pop(paging, None)
    return render(
        request,
        "cases/register_list.html",
        {
            "form": form,
            "cases": page.rows,
            "page": page,
            "filters": filters.urlencode(),
            "query": filters.urlencode(),
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
    # The book printed is the list on the page: the same search and state filters.
    filters = {"query": form.cleaned_data.get("q", ""), "state": form.cleaned_data.get("state", "")}
    if fmt == "pdf":
        content = books.register_book_pdf(office=office, period=period, **filters)
        mime = "application/pdf"
    else:
        content = books.register_book_xlsx(office=office, period=period, **filters)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    document_access_record(
        request,
        document=f"register_book_{fmt}",
        office=office,
        data={"period": str(period), **filters},
    )
    response = HttpResponse(content, content_type=mime)
    name = f"buku-registrasi-{office.code}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _withdrawable(case: Case) -> list[Disposition]:
    """For a user the table lets withdraw: the disposition that brought the case to its desk
    (the step's requirement and condition say it is unread and theirs)."""
    active = case_active_disposition(case=case)
    return [active] if active is not None else []


def _dispose_initial(case: Case) -> dict[str, object]:
    """What was set above carries down: the form starts from the disposition received."""
    above = case_active_disposition(case=case)
    if above is None:
        return {}
    return {
        "instruction": above.instruction,
        "urgency": above.urgency,
        "security_class": above.security_class,
        "due_on": case.due_on,
    }


@CASE_FACTS.scope()  # drawn after the request's writes: each fact of the case read once
def _case_page(
    request: OfficeRequest,
    case: Case,
    *,
    dispose_form: DisposeForm | None = None,
    stale: StaleState | None = None,
    kept: dict[str, object] | None = None,
) -> HttpResponse:
    """The case page. `stale` and `kept`: a step refused because the case moved since the
    user's page was drawn, and what they had typed, shown again and never dropped."""
    steps = case_steps(request.user, case)
    may_dispose = "dispose" in steps
    targets, allow_skip = disposition_targets(case=case) if may_dispose else ([], False)
    if dispose_form is None and may_dispose and targets:
        initial = {**_dispose_initial(case), "based_on": CASE_WORKFLOW.stamp(case)}
        if kept:
            initial["note"] = kept.get("note", "")
        dispose_form = DisposeForm(targets=targets, initial=initial)
    dispositions = case_disposition_list(case=case)
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "documents": case.documents.all(),
            "dispositions": dispositions,
            "completeness": case_completeness(case=case),
            "dispose_form": dispose_form if may_dispose else None,
            "allow_skip": allow_skip,
            "withdrawable": _withdrawable(case) if "withdraw" in steps else [],
            "may_recheck": "recheck" in steps,
            "may_extend": "extend" in steps,
            "kip_late": _kip_late([case]),
            "assign_form": (
                AssignForm(position=case.current_position)
                if "assign" in steps and case.current_position
                else None
            ),
            "events": audit_trail(case),
            "panels": case_panels(request, case),
            "stale": " ".join(stale.messages) if stale else "",
            "kept_note": (kept or {}).get("note", "") if not may_dispose else "",
        },
        status=409 if stale else (400 if dispose_form is not None and dispose_form.errors else 200),
    )


@office_permission_required(Action.CASE_VIEW)
def case_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    case_open(case=case, actor=request.user)
    return _case_page(request, case)


@require_POST
@office_permission_required(Action.CASE_VIEW)
def case_dispose_view(request: OfficeRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    try:
        # Before the form: a page drawn at another desk offers targets that are no longer.
        CASE_WORKFLOW.stale_check(case, request.POST.get("based_on") or None)
    except StaleState as error:
        return _case_page(request, case, stale=error, kept={"note": request.POST.get("note", "")})
    targets, _ = disposition_targets(case=case)
    form = DisposeForm(request.POST, targets=targets)
    if not form.is_valid():
        # Shown again with every value kept and each message at its field.
        return _case_page(request, case, dispose_form=form)
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
            based_on=data["based_on"] or None,
        )
    except StaleState as error:
        # Drawn before the case moved (another tab, another holder): say what happened and
        # keep the note typed.
        return _case_page(request, _case(request, pk), stale=error, kept=data)
    except ValidationError as error:
        form_errors_add(form, error)
        return _case_page(request, case, dispose_form=form)
    except PermissionDenied as error:
        messages.error(request, str(error))
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


def _document_file(
    request: OfficeRequest, pk: int, document_pk: int, *, inline: bool
) -> FileResponse:
    """A scan of the request, to staff of the case's office: downloaded, or previewed inline."""
    case = _case(request, pk)
    document = get_object_or_404(CaseDocument, pk=document_pk, case=case)
    return upload_response(
        request,
        document.file.open("rb"),
        content_type=document.content_type,
        # from the record, never the uploader's name (core.downloads.download_name)
        filename=f"{document.get_kind_display()}-agenda-{case.agenda_number}-{case.agenda_year}"
        f"-{document.pk}",
        document="case_document",
        office=case.office,
        target=document,
        inline=inline,
    )


@office_permission_required(Action.CASE_VIEW)
def document_download(request: OfficeRequest, pk: int, document_pk: int) -> FileResponse:
    return _document_file(request, pk, document_pk, inline=False)


@office_permission_required(Action.CASE_VIEW)
def document_preview(request: OfficeRequest, pk: int, document_pk: int) -> FileResponse:
    return _document_file(request, pk, document_pk, inline=True)


@office_permission_required(Action.CASE_VIEW)
def intake_receipt(request: OfficeRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    document_access_record(request, document="intake_receipt", office=request.office, target=case)
    response = HttpResponse(intake_receipt_pdf(case=case), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="tanda-terima-agenda-{case.agenda_year}-{case.agenda_number}.pdf"'
    )
    return response


@office_permission_required(Action.CASE_VIEW)
def disposition_sheet(request: OfficeRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    response = HttpResponse(disposition_sheet_pdf(case=case), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="lembar-disposisi-{case.agenda_year}-{case.agenda_number}.pdf"'
    )
    return response
