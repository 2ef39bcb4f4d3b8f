"""The draft's pages: the editor with its live preview, the reviewers' paraf and return, and
what a refused step shows instead of dropping what was typed (#28): the conflict page of a
save over a newer version, and the kept note of a step the case has moved past."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from autentika.cases.selectors import CASE_FACTS, cases_of_office
from autentika.cases.workflow import CASE_WORKFLOW, case_steps
from autentika.core.permissions import Action
from autentika.core.workflow import StaleState
from autentika.letters import drafting, review, unsaved
from autentika.letters.errors import DraftConflict
from autentika.letters.figures import version_preview
from autentika.letters.forms import DraftEditForm, ReturnForm, StepBasisForm
from autentika.letters.models import Draft, DraftVersion, LetterKind, SignedLetter
from autentika.letters.rendering import ATTACHMENT_LINE
from autentika.letters.selectors import version_diff, version_previous
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest


def edit_form(
    draft: Draft, data: Any = None, *, initial: dict[str, Any] | None = None
) -> DraftEditForm:
    """The editor's form; a letter with a data table shows the Lampiran line it prints."""
    tables = draft.current_version.tables
    return DraftEditForm(
        data, initial=initial, printed_attachment=ATTACHMENT_LINE if tables else ""
    )


def draft_of_office(request: OfficeRequest, pk: int) -> Draft:
    cases = cases_of_office(office=request.office)
    return get_object_or_404(Draft.objects.filter(case__in=cases).select_related("case"), pk=pk)


def attempt(request: OfficeRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service; show its refusal as a message instead of an error page."""
    try:
        action()
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return False
    if success:
        messages.success(request, success)
    return True


def _basis(draft: Draft, version: DraftVersion) -> dict[str, Any]:
    return {"based_on": CASE_WORKFLOW.stamp(draft.case), "based_on_version": version.number}


@CASE_FACTS.scope()  # drawn after the request's writes: each fact of the case read once
def draft_page(
    request: OfficeRequest,
    draft: Draft,
    *,
    form: DraftEditForm | None = None,
    stale: str = "",
    kept_note: str = "",
) -> HttpResponse:
    case = draft.case
    version = draft.current_version
    steps = case_steps(request.user, case)
    kept = unsaved.unsaved_of(draft=draft, user=request.user)
    if form is None and kept is not None and request.GET.get("pulihkan"):
        # The text kept when the session ended, back in the editor, based on the version it
        # was typed over (a newer one since answers the conflict page on saving).
        form = edit_form(draft, initial={**kept.texts, "based_on": kept.based_on})
    if form is None:
        form = edit_form(
            draft,
            initial={
                "kind": version.kind,
                "nature": version.nature,
                "attachment": version.attachment,
                "subject": version.subject,
                "body": version.body,
                "closing": version.closing,
                "copies": version.copies,
                "based_on": version.number,
            },
        )
    basis = _basis(draft, version)
    may_return = "return" in steps
    return render(
        request,
        "letters/draft.html",
        {
            "draft": draft,
            "case": case,
            "version": version,
            "form": form,
            "may_edit": "revise" in steps,
            "may_submit": "submit" in steps,
            "may_review": "approve" in steps,
            "may_return": may_return,
            "may_sign": "sign" in steps,
            "diff": version_diff(version_previous(version), version),
            "versions": draft.versions.order_by("-number"),
            "reviews": draft.reviews.order_by("created_at", "id"),
            "basis_form": StepBasisForm(initial=basis),
            "return_form": ReturnForm(initial={**basis, "note": kept_note}),
            "stale": stale,
            "unsaved": kept,
            "idle_minutes": settings.AUTENTIKA_SESSION_IDLE_MINUTES,
            "kept_note": kept_note if not may_return else "",
            "letter": SignedLetter.objects.filter(draft=draft).first(),
            "preview": version_preview(version=version),
        },
        status=409 if stale else 200,
    )


FIELD_LABELS = [(name, str(DraftEditForm.base_fields[name].label)) for name in drafting.TEXT_FIELDS]


def conflict_page(
    request: OfficeRequest, draft: Draft, *, typed: dict[str, Any], message: str
) -> HttpResponse:
    """The drafter's text beside the version stored since, never dropped: "Simpan teks saya"
    posts the typed text (editable, to merge) over the newer version; "Pakai versi tersimpan"
    opens the editor on it. When the draft is no longer with the drafter, the text is shown
    to be copied."""
    current = draft.current_version
    editable = "revise" in case_steps(request.user, draft.case)
    rows = [("Jenis surat", LetterKind(typed["kind"]).label, current.get_kind_display())] + [
        (
            label,
            drafting.text_normalised(str(typed.get(name, getattr(current, name)) or "")),
            getattr(current, name),
        )
        for name, label in FIELD_LABELS
    ]
    form = edit_form(draft, initial={**typed, "based_on": current.number}) if editable else None
    return render(
        request,
        "letters/draft_conflict.html",
        {
            "draft": draft,
            "case": draft.case,
            "current": current,
            "message": message,
            "rows": rows,
            "form": form,
        },
        status=409,
    )


@office_permission_required(Action.CASE_VIEW)
def draft_view(request: OfficeRequest, pk: int) -> HttpResponse:
    draft = draft_of_office(request, pk)
    if request.method != "POST":
        return draft_page(request, draft)
    form = edit_form(draft, request.POST)
    if not form.is_valid():
        return draft_page(request, draft, form=form)
    data = form.edits()
    before = draft.current_version.number
    try:
        version = drafting.draft_revise(draft=draft, actor=request.user, **data)
    except DraftConflict as error:
        return conflict_page(request, draft, typed=data, message=error.messages[0])
    except (ValidationError, PermissionDenied) as error:
        return _save_refused(request, draft, form=form, typed=data, error=error)
    unsaved.unsaved_discard(draft=draft, user=request.user)
    if version.number == before:
        messages.info(request, "Tidak ada perubahan; tidak ada versi baru yang dicatat.")
    else:
        messages.success(request, f"Versi baru konsep disimpan (versi {version.number}).")
    return redirect("letters:draft", pk=draft.pk)


@office_permission_required(Action.CASE_VIEW)
def draft_preview(request: OfficeRequest, pk: int) -> HttpResponse:
    """The letter as it would look with the text being typed, without saving it."""
    draft = draft_of_office(request, pk)
    form = edit_form(draft, request.POST)
    version = draft.current_version
    if form.is_valid():
        fields = {k: v for k, v in form.edits().items() if k != "based_on"}
        fields.setdefault("attachment", version.attachment)
        version = DraftVersion(
            draft=draft,
            number=version.number,
            tables=version.tables,
            absences=version.absences,
            is_specimen=version.is_specimen,
            **fields,
        )
    preview = version_preview(version=version)
    return render(
        request,
        "letters/_preview.html",
        {"version": version, "case": draft.case, "preview": preview},
    )


@require_POST
@office_permission_required(Action.CASE_VIEW)
def draft_submit(request: OfficeRequest, pk: int) -> HttpResponse:
    draft = draft_of_office(request, pk)
    # The button sits in the editor's form: edits not yet saved become a version first, so
    # what goes up the chain is what the drafter sees; an untouched form records no version.
    if "body" not in request.POST:
        attempt(
            request,
            lambda: review.draft_submit(draft=draft, actor=request.user),
            "Konsep diajukan untuk paraf berjenjang.",
        )
        return redirect("letters:draft", pk=draft.pk)
    form = edit_form(draft, request.POST)
    if not form.is_valid():
        messages.error(request, "Konsep belum diajukan: periksa isian konsep.")
        return draft_page(request, draft, form=form)
    data = form.edits()
    try:
        version, _ = drafting.draft_save_and_submit(draft=draft, actor=request.user, edits=data)
    except DraftConflict as error:
        return conflict_page(request, draft, typed=data, message=error.messages[0])
    except (ValidationError, PermissionDenied) as error:
        return _save_refused(request, draft, form=form, typed=data, error=error)
    unsaved.unsaved_discard(draft=draft, user=request.user)
    messages.success(request, "Konsep diajukan untuk paraf berjenjang.")
    if version is not None:
        messages.info(request, f"Perubahan yang belum disimpan dijadikan versi {version.number}.")
    return redirect("letters:draft", pk=draft.pk)


@require_POST
@office_permission_required(Action.CASE_VIEW)
def draft_approve(request: OfficeRequest, pk: int) -> HttpResponse:
    draft = draft_of_office(request, pk)
    basis = StepBasisForm(request.POST)
    basis.is_valid()
    try:
        review.draft_approve(
            draft=draft,
            actor=request.user,
            based_on=basis.cleaned_data.get("based_on") or None,
            based_on_version=basis.cleaned_data.get("based_on_version"),
        )
    except StaleState as error:
        return draft_page(request, draft_of_office(request, pk), stale=error.messages[0])
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "Konsep diparaf dan diteruskan.")
    return redirect("letters:draft", pk=draft.pk)


@require_POST
@office_permission_required(Action.CASE_VIEW)
def draft_return(request: OfficeRequest, pk: int) -> HttpResponse:
    draft = draft_of_office(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tulis catatan perbaikan sebelum mengembalikan konsep.")
        return redirect("letters:draft", pk=draft.pk)
    data = form.cleaned_data
    try:
        review.draft_return(
            draft=draft,
            actor=request.user,
            note=data["note"],
            based_on=data.get("based_on") or None,
            based_on_version=data.get("based_on_version"),
        )
    except StaleState as error:
        # The note typed is kept: in the form again when returning is still possible, else
        # shown to be copied.
        return draft_page(
            request, draft_of_office(request, pk), stale=error.messages[0], kept_note=data["note"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "Konsep dikembalikan kepada penyusun dengan catatan.")
    return redirect("letters:draft", pk=draft.pk)


@require_POST
@office_permission_required(Action.CASE_VIEW)
def unsaved_discard(request: OfficeRequest, pk: int) -> HttpResponse:
    """The user throws away the text kept for them when their session ended."""
    draft = draft_of_office(request, pk)
    unsaved.unsaved_discard(draft=draft, user=request.user)
    messages.info(request, "Teks yang belum tersimpan dibuang.")
    return redirect("letters:draft", pk=draft.pk)


@office_permission_required(Action.CASE_VIEW)
def session_keepalive(request: OfficeRequest, pk: int) -> HttpResponse:
    """ "Perpanjang sesi" in the editor's warning: any request counts as activity."""
    draft_of_office(request, pk)
    return HttpResponse(status=204)


def _save_refused(
    request: Any, draft: Any, *, form: Any, typed: dict[str, Any], error: Exception
) -> HttpResponse:
    """A refused save: when the draft moved on (submitted from another tab) the typed text
    stays in view on the conflict page; otherwise the editor with the refusal."""
    text = " ".join(getattr(error, "messages", [str(error)]))
    if "revise" not in case_steps(request.user, draft.case):
        return conflict_page(
            request, draft, typed=typed, message=f"{text} Teks Anda belum disimpan."
        )
    messages.error(request, text)
    return draft_page(request, draft, form=form)
