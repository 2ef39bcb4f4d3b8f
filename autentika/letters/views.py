import io
from typing import Any

from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from autentika.cases.selectors import cases_of_office
from autentika.cases.workflow import case_steps
from autentika.core.downloads import document_access_record, upload_response
from autentika.core.page_images import pdf_page_count, pdf_page_png
from autentika.core.permissions import Action
from autentika.core.registry import signing_queuer
from autentika.letters import drafting
from autentika.letters.archive_copy import letter_archive_copy_pdf
from autentika.letters.desks import signer_position
from autentika.letters.draft_views import attempt as _attempt
from autentika.letters.draft_views import draft_of_office as _draft
from autentika.letters.figures import version_preview
from autentika.letters.forms import DraftStartForm, SignForm
from autentika.letters.models import Draft, DraftVersion, SignedLetter
from autentika.letters.snapshot import table_stated
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest
from autentika.signing import backends


def _pdf(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


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


def _version_pdf_kept(draft: Draft, version: DraftVersion) -> bytes:
    """The version's rendering, kept a while for its page images (a page each request); the
    key names what the rendering shows: the version and the initials given so far."""
    key = f"draft-pdf:{version.pk}:{draft.reviews.count()}"
    content = cache.get(key)
    if content is None:
        content = drafting.draft_preview_pdf(draft=draft, version=version)
        cache.set(key, content, 10 * 60)
    return bytes(content)


@office_permission_required(Action.CASE_VIEW)
def version_page(request: OfficeRequest, pk: int, number: int, page: int) -> HttpResponse:
    """One page of a version as an image, for the signing page's letter in plain view."""
    draft = _draft(request, pk)
    version = get_object_or_404(DraftVersion, draft=draft, number=number)
    try:
        image = pdf_page_png(_version_pdf_kept(draft, version), page=page)
    except ValueError as error:
        raise Http404("Halaman tidak ada.") from error
    document_access_record(
        request, document="draft_page", office=request.office, target=version, data={"page": page}
    )
    return HttpResponse(image, content_type="image/png")


@office_permission_required(Action.CASE_VIEW)
def version_pdf(request: OfficeRequest, pk: int, number: int) -> HttpResponse:
    draft = _draft(request, pk)
    version = get_object_or_404(DraftVersion, draft=draft, number=number)
    content = drafting.draft_preview_pdf(draft=draft, version=version)
    document_access_record(request, document="draft_pdf", office=request.office, target=version)
    return _pdf(
        content, f"konsep-{draft.case.agenda_year}-{draft.case.agenda_number}-v{number}.pdf"
    )


@never_cache
@sensitive_post_parameters("password", "passphrase")
@office_permission_required(Action.CASE_VIEW)
def draft_sign(request: OfficeRequest, pk: int) -> HttpResponse:
    draft = _draft(request, pk)
    form = SignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result: dict[str, Any] = {}

        def sign() -> None:
            queue = signing_queuer()  # the signing runs' part (bulk/single.py)
            result["page"] = queue(request=request, draft=draft, **form.cleaned_data)

        if not _attempt(request, sign, ""):
            # Refused: the message is kept and the page drawn again by GET, so the browser's
            # Back never offers to send the secrets again.
            return redirect("letters:sign", pk=draft.pk)
        return result["page"]
    version = draft.current_version
    may_sign = "sign" in case_steps(request.user, draft.case)
    # A remote provider's word on the signer (e.g. BSrE: certificate expired) comes before
    # the passphrase is asked for.
    status = (
        backends.signer_status(
            office=request.office,
            position=signer_position(office=request.office),
            user=request.user,
        )
        if may_sign
        else None
    )
    if status and status.passphrase_label:
        form.fields["passphrase"].label = status.passphrase_label
    return render(
        request,
        "letters/sign.html",
        {
            "draft": draft,
            "case": draft.case,
            "version": version,
            "form": form,
            "may_sign": may_sign,
            # What is signed, in plain view above the secrets (#28): the party, each
            # election's stated totals, the full text as printed.
            "preview": version_preview(version=version),
            "tables": [table_stated(table) for table in version.tables],
            "pages": range(1, pdf_page_count(_version_pdf_kept(draft, version)) + 1),
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
        disarm=False,
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
