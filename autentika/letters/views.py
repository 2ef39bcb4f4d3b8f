import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from autentika.cases.selectors import cases_of_office
from autentika.cases.workflow import case_steps
from autentika.core.downloads import document_access_record, upload_response
from autentika.core.permissions import Action
from autentika.letters import backends, drafting, review, services
from autentika.letters.archive_copy import letter_archive_copy_pdf
from autentika.letters.figures import version_preview
from autentika.letters.forms import DraftEditForm, DraftStartForm, ReturnForm, SignForm
from autentika.letters.models import Draft, DraftVersion, SignedLetter
from autentika.letters.selectors import version_diff, version_previous
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest


def _draft(request: OfficeRequest, pk: int) -> Draft:
    cases = cases_of_office(office=request.office)
    return get_object_or_404(Draft.objects.filter(case__in=cases).select_related("case"), pk=pk)


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _attempt(request: OfficeRequest, action: Callable[[], Any], success: str) -> bool:
    """Run a service; show its refusal as a message instead of an error page."""
    try:
        action()
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return False
    if success:
        messages.success(request, success)
    return True


@require_POST
@office_permission_required(Action.CASE_VIEW)
def draft_start(request: OfficeRequest, case_pk: int) -> HttpResponse:
    case = get_object_or_404(cases_of_office(office=request.office), pk=case_pk)
    form = DraftStartForm(request.POST)
    if form.is_valid() and _attempt(
        request,
        lambda: drafting.draft_create(
            case=case, actor=request.user, kind=form.cleaned_data["kind"]
        ),
        "Konsep balasan dibuat dari templat; angka diambil dari arsip keputusan.",
    ):
        return redirect("letters:draft", pk=case.draft.pk)
    return redirect("cases:detail", pk=case.pk)


@office_permission_required(Action.CASE_VIEW)
def draft_view(request: OfficeRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    case = draft.case
    version = draft.current_version
    steps = case_steps(request.user, case)
    may_edit = "revise" in steps
    form = DraftEditForm(
        request.POST or None,
        initial={
            "kind": version.kind,
            "nature": version.nature,
            "attachment": version.attachment,
            "subject": version.subject,
            "body": version.body,
            "closing": version.closing,
            "copies": version.copies,
        },
    )
    if request.method == "POST" and may_edit and form.is_valid():
        data = form.cleaned_data
        before = version.number
        saved: dict[str, DraftVersion] = {}

        def save() -> None:
            saved["version"] = drafting.draft_revise(draft=draft, actor=request.user, **data)

        if _attempt(request, save, ""):
            if saved["version"].number == before:
                messages.info(request, "Tidak ada perubahan; tidak ada versi baru yang dicatat.")
            else:
                messages.success(
                    request, f"Versi baru konsep disimpan (versi {saved['version'].number})."
                )
            return redirect("letters:draft", pk=draft.pk)
    return render(
        request,
        "letters/draft.html",
        {
            "draft": draft,
            "case": case,
            "version": version,
            "form": form,
            "may_edit": may_edit,
            "may_submit": "submit" in steps,
            "may_review": "approve" in steps,
            "may_return": "return" in steps,
            "may_sign": "sign" in steps,
            "diff": version_diff(version_previous(version), version),
            "versions": draft.versions.order_by("-number"),
            "reviews": draft.reviews.order_by("created_at", "id"),
            "return_form": ReturnForm(),
            "letter": SignedLetter.objects.filter(draft=draft).first(),
            "preview": version_preview(version=version),
        },
    )


@office_permission_required(Action.CASE_VIEW)
def draft_preview(request: OfficeRequest, pk: int) -> HttpResponse:
    """The letter as it would look with the text being typed, without saving it."""
    draft = _draft(request, pk)
    form = DraftEditForm(request.POST)
    version = draft.current_version
    if form.is_valid():
        version = DraftVersion(
            draft=draft,
            number=version.number,
            tables=version.tables,
            absences=version.absences,
            is_specimen=version.is_specimen,
            **form.cleaned_data,
        )
    preview = version_preview(version=version)
    return render(
        request,
        "letters/_preview.html",
        {"version": version, "case": draft.case, "preview": preview},
    )


@office_permission_required(Action.CASE_VIEW)
def version_pdf(request: OfficeRequest, pk: int, number: int) -> HttpResponse:
    draft = _draft(request, pk)
    version = get_object_or_404(DraftVersion, draft=draft, number=number)
    content = drafting.draft_preview_pdf(draft=draft, version=version)
    document_access_record(request, document="draft_pdf", office=request.office, target=version)
    return _pdf(
        content, f"konsep-{draft.case.agenda_year}-{draft.case.agenda_number}-v{number}.pdf"
    )


@require_POST
@office_permission_required(Action.CASE_VIEW)
def draft_submit(request: OfficeRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    # The button sits in the editor's form: edits not yet saved become a version first, so
    # what goes up the chain is what the drafter sees; an untouched form records no version.
    if "body" not in request.POST:
        _attempt(
            request,
            lambda: review.draft_submit(draft=draft, actor=request.user),
            "Konsep diajukan untuk paraf berjenjang.",
        )
        return redirect("letters:draft", pk=draft.pk)
    form = DraftEditForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Konsep belum diajukan: periksa isian konsep.")
        return redirect("letters:draft", pk=draft.pk)
    result: dict[str, Any] = {}

    def submit() -> None:
        result["version"], _ = drafting.draft_save_and_submit(
            draft=draft, actor=request.user, edits=form.cleaned_data
        )

    if _attempt(request, submit, "Konsep diajukan untuk paraf berjenjang.") and result["version"]:
        number = result["version"].number
        messages.info(request, f"Perubahan yang belum disimpan dijadikan versi {number}.")
    return redirect("letters:draft", pk=draft.pk)


@require_POST
@office_permission_required(Action.CASE_VIEW)
def draft_approve(request: OfficeRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    _attempt(
        request,
        lambda: review.draft_approve(draft=draft, actor=request.user),
        "Konsep diparaf dan diteruskan.",
    )
    return redirect("letters:draft", pk=draft.pk)


@require_POST
@office_permission_required(Action.CASE_VIEW)
def draft_return(request: OfficeRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tulis catatan perbaikan sebelum mengembalikan konsep.")
    else:
        _attempt(
            request,
            lambda: review.draft_return(
                draft=draft, actor=request.user, note=form.cleaned_data["note"]
            ),
            "Konsep dikembalikan kepada penyusun dengan catatan.",
        )
    return redirect("letters:draft", pk=draft.pk)


@never_cache
@sensitive_post_parameters("password", "passphrase")
@office_permission_required(Action.CASE_VIEW)
def draft_sign(request: OfficeRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result: dict[str, SignedLetter] = {}

        def sign() -> None:
            result["letter"] = services.letter_sign(
                draft=draft, actor=request.user, **form.cleaned_data
            )

        if _attempt(request, sign, "Surat ditandatangani secara elektronik."):
            messages.info(request, f"Nomor surat: {result['letter'].number}.")
            return redirect("letters:draft", pk=draft.pk)
    may_sign = "sign" in case_steps(request.user, draft.case)
    # A remote provider's word on the signer (e.g. BSrE: certificate expired) comes before
    # the passphrase is asked for.
    status = backends.signer_status(office=request.office, user=request.user) if may_sign else None
    if status and status.passphrase_label:
        form.fields["passphrase"].label = status.passphrase_label
    return render(
        request,
        "letters/sign.html",
        {
            "draft": draft,
            "case": draft.case,
            "version": draft.current_version,
            "form": form,
            "may_sign": may_sign,
            "provider": status,
            "letter": SignedLetter.objects.filter(draft=draft).first(),
        },
    )


def _letter(request: OfficeRequest, pk: int) -> SignedLetter:
    """A signed letter of the user's office (the same check for the PDF and its preview)."""
    return get_object_or_404(SignedLetter, pk=pk, office=request.office)


def _letter_name(letter: SignedLetter) -> str:
    return f"surat-{letter.year}-{letter.sequence}.pdf"


@office_permission_required(Action.CASE_VIEW)
def letter_pdf(request: OfficeRequest, pk: int) -> HttpResponse:
    letter = _letter(request, pk)
    document_access_record(request, document="letter_pdf", office=request.office, target=letter)
    return _pdf(bytes(letter.pdf), _letter_name(letter))


def letter_preview_response(
    request: HttpRequest, letter: SignedLetter, *, filename: str
) -> FileResponse:
    """The signed letter inline, for a frame of this site; the caller has checked access (the
    staff's letter page here, the party's case page in the portal)."""
    return upload_response(
        request,
        io.BytesIO(bytes(letter.pdf)),
        content_type="application/pdf",
        filename=filename,
        document="letter_pdf",
        office=letter.office,
        target=letter,
        inline=True,
    )


@office_permission_required(Action.CASE_VIEW)
def letter_preview(request: OfficeRequest, pk: int) -> FileResponse:
    """The signed letter shown inline in the letter's page (framed by this site only)."""
    letter = _letter(request, pk)
    return letter_preview_response(request, letter, filename=_letter_name(letter))


@office_permission_required(Action.CASE_VIEW)
def letter_archive_pdf(request: OfficeRequest, pk: int) -> HttpResponse:
    """Salinan arsip: rendered anew, unsigned, with the paraf table (letters/archive_copy.py)."""
    letter = _letter(request, pk)
    document_access_record(
        request, document="letter_archive_copy", office=request.office, target=letter
    )
    return _pdf(
        letter_archive_copy_pdf(letter=letter),
        f"surat-{letter.year}-{letter.sequence}-salinan-arsip.pdf",
    )
