"""The files of the portal: the party's letters (receipt, download, inline preview) and the
scans of online requests (Tata Usaha's download and preview, the party's preview of its own).

A preview is checked exactly as the download of the same file and served inline for a frame
of this site (`core.downloads.upload_response(inline=True)`). A GET never writes a receipt:
only the POST of "Terima dan unduh surat" does."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from autentika.core.downloads import document_access_record, upload_response
from autentika.core.permissions import Action
from autentika.letters.models import SignedLetter
from autentika.letters.views import letter_preview_response
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest
from autentika.portal.models import OnlineSubmission
from autentika.portal.selectors import letters_received, party_letters, party_submissions
from autentika.portal.views import PartyRequest, error_messages, office_submission, party_required


def _letter_name(letter: SignedLetter) -> str:
    return "surat-" + "".join(c if c.isalnum() else "-" for c in letter.number) + ".pdf"


def _letter_pdf_response(request: PartyRequest, letter: SignedLetter) -> HttpResponse:
    document_access_record(request, document="letter_pdf", office=letter.office, target=letter)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_letter_name(letter)}"'
    return response


def _received_letter(request: PartyRequest, pk: int) -> tuple[SignedLetter, bool]:
    """The party's own letter (another party's answers 404) and whether this user has
    acknowledged its receipt: the download and the preview need both."""
    letter = get_object_or_404(party_letters(account=request.party_account), pk=pk)
    return letter, letter.pk in letters_received(user=request.user)


def _receive_first(request: PartyRequest, letter: SignedLetter) -> HttpResponse:
    messages.info(
        request,
        "Konfirmasi penerimaan surat lebih dahulu dengan tombol “Terima dan unduh surat”.",
    )
    return redirect("portal:case", pk=letter.case_id)


@require_POST
@party_required
def letter_receive(request: PartyRequest, pk: int) -> HttpResponse:
    """The party acknowledges receipt (the electronic receipt, once) and gets the signed PDF.
    A POST: a link prefetcher, a crawler or a second click never writes a receipt."""
    from autentika.handover.services import handover_record_online_download

    letter = get_object_or_404(party_letters(account=request.party_account), pk=pk)
    try:
        handover_record_online_download(letter=letter, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error_messages(error)))
        return redirect("portal:case", pk=letter.case_id)
    return _letter_pdf_response(request, letter)


@party_required
def letter_download(request: PartyRequest, pk: int) -> HttpResponse:
    """The signed PDF again, exactly as stored, once its receipt has been acknowledged."""
    letter, received = _received_letter(request, pk)
    if not received:
        return _receive_first(request, letter)
    return _letter_pdf_response(request, letter)


@party_required
def letter_preview(request: PartyRequest, pk: int) -> HttpResponseBase:
    """The signed PDF inline on the case page, under the download's own check."""
    letter, received = _received_letter(request, pk)
    if not received:
        return _receive_first(request, letter)
    return letter_preview_response(request, letter, filename=_letter_name(letter))


def _scan_response(
    request: OfficeRequest | PartyRequest, submission: OnlineSubmission, *, inline: bool
) -> FileResponse:
    return upload_response(
        request,
        submission.scan.open("rb"),
        content_type=submission.scan_content_type,
        filename=f"permohonan-daring-{submission.pk}",  # from the record, not the upload
        document="online_request_scan",
        office=submission.office,
        target=submission,
        inline=inline,
    )


@office_permission_required(Action.PORTAL_MANAGE)
def queue_scan(request: OfficeRequest, pk: int) -> FileResponse:
    return _scan_response(request, office_submission(request, pk), inline=False)


@office_permission_required(Action.PORTAL_MANAGE)
def queue_scan_preview(request: OfficeRequest, pk: int) -> FileResponse:
    """The scan inline on Tata Usaha's queue page, to check it before "Catat"."""
    return _scan_response(request, office_submission(request, pk), inline=True)


@party_required
def submission_scan_preview(request: PartyRequest, pk: int) -> FileResponse:
    """The party's own request scan, inline (another party's answers 404)."""
    submission = get_object_or_404(party_submissions(account=request.party_account), pk=pk)
    return _scan_response(request, submission, inline=True)
