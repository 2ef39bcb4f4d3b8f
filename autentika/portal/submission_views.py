"""The party's online request form. The scan of a refused attempt is kept for the user
(core/kept_uploads.py) and sent with the corrected form; a corrected rejected request may
reuse the scan it was sent with."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from autentika.cases.forms import letter_fields
from autentika.core.forms import form_errors_add
from autentika.core.kept_uploads import KeptScans
from autentika.core.uploads import Upload
from autentika.portal import services
from autentika.portal.forms import SubmissionForm
from autentika.portal.models import OnlineSubmission, SubmissionState
from autentika.portal.selectors import party_submissions
from autentika.portal.views import PartyRequest, error_messages, party_required


def _resubmitted(request: PartyRequest) -> OnlineSubmission | None:
    """The rejected submission being corrected (`?dari=<id>`), if any."""
    source = request.GET.get("dari") or request.POST.get("dari")
    if not source or not str(source).isdigit():
        return None
    return get_object_or_404(
        party_submissions(account=request.party_account).filter(state=SubmissionState.REJECTED),
        pk=int(source),
    )


def _initial_from(submission: OnlineSubmission) -> dict[str, Any]:
    return {
        "party": submission.party_id,
        "party_level": submission.party_level,
        "letter_number": submission.letter_number,
        "letter_date": submission.letter_date,
        "subject": submission.subject,
        "elections": list(submission.elections.values_list("pk", flat=True)),
        "purpose": submission.purpose,
        "purpose_note": submission.purpose_note,
    }


def _scan_optional(form: SubmissionForm, scans: KeptScans) -> None:
    """A kept scan stands for the one the field asks for."""
    if scans.kept["scan"]:
        form.fields["scan"].required = False


def _scan(scans: KeptScans, earlier: OnlineSubmission | None) -> Upload | None:
    """The scan chosen now, else the kept one, else the corrected request's."""
    scan = scans.first("scan")
    if scan is None and earlier is not None:
        with earlier.scan.open("rb") as handle:
            scan = Upload(earlier.scan_name, handle.read())
    return scan


@party_required
def submission_create(request: PartyRequest) -> HttpResponse:
    account = request.party_account
    earlier = _resubmitted(request)
    scans = KeptScans(request, form="portal.submission", fields={"scan": "Surat permohonan"})
    form = SubmissionForm(
        request.POST or None,
        request.FILES or None,
        account=account,
        initial=_initial_from(earlier) if earlier else None,
    )
    if earlier is not None:
        form.fields["scan"].required = False
        form.fields["scan"].help_text = (
            f"Kosongkan untuk memakai pindaian sebelumnya ({earlier.scan_name}). "
            + str(form.fields["scan"].help_text)
        )
    _scan_optional(form, scans)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submission_create(
                account=account,
                actor=request.user,
                **letter_fields(data),
                scan=_scan(scans, earlier),
                resubmission_of=earlier,
            )
        except ValidationError as error:
            form_errors_add(form, error)  # each at its field (the scan at the scan)
        except PermissionDenied as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            scans.discard()
            messages.success(
                request,
                "Permohonan terkirim. Tata Usaha akan mencatatnya dalam Buku Registrasi; "
                "statusnya tampil di halaman ini.",
            )
            return redirect("portal:home")
    if request.method == "POST":
        scans.keep(form)
        _scan_optional(form, scans)
    return render(
        request,
        "portal/submission_form.html",
        {"form": form, "earlier": earlier, "kept": scans.kept},
    )
