"""Pages of the results archive. Thin: permissions, forms, and calls to services/selectors."""

import datetime as dt
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from autentika.core.downloads import upload_response
from autentika.core.permissions import Action
from autentika.organization.access import user_may
from autentika.results import selectors
from autentika.results.checks import election_check
from autentika.results.election_services import decision_create, election_create
from autentika.results.forms import ElectionForm, UploadForm
from autentika.results.import_types import ResultsFileInvalid
from autentika.results.models import Decision, Election
from autentika.results.services import results_import
from autentika.results.template_files import template_csv, template_xlsx

PENDING_KEY = "results_pending_import"


def _require(request: HttpRequest, action: Action) -> Any:
    office = getattr(request, "office", None)
    if not office or not user_may(request.user, action, office=office):
        raise PermissionDenied("Anda tidak berwenang membuka halaman ini.")
    return office


def _election(request: HttpRequest, code: str, action: Action = Action.RESULTS_VIEW) -> Election:
    office = _require(request, action)
    try:
        return selectors.election_of_office(office=office, code=code)
    except Election.DoesNotExist:
        raise Http404("Pemilu tidak ditemukan.") from None


def _can_manage(request: HttpRequest) -> bool:
    return user_may(request.user, Action.RESULTS_MANAGE, office=getattr(request, "office", None))


@login_required
def election_list(request: HttpRequest) -> HttpResponse:
    office = _require(request, Action.RESULTS_VIEW)
    rows = [
        (election, selectors.election_current_version(election=election))
        for election in selectors.elections_of_office(office=office)
    ]
    return render(
        request, "results/election_list.html", {"rows": rows, "can_manage": _can_manage(request)}
    )


@login_required
def election_new(request: HttpRequest) -> HttpResponse:
    office = _require(request, Action.RESULTS_MANAGE)
    form = ElectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            election = election_create(office=office, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"Pemilu “{election.name}” dicatat.")
            return redirect("results:election_detail", code=election.code)
    return render(request, "results/election_form.html", {"form": form})


@login_required
def election_detail(request: HttpRequest, code: str) -> HttpResponse:
    election = _election(request, code)
    version = selectors.election_current_version(election=election)
    context: dict[str, Any] = {
        "election": election,
        "version": version,
        "versions": election.versions.select_related("decision", "created_by").order_by("-number"),
        "can_manage": _can_manage(request),
        "findings": election_check(election=election, version=version),
    }
    if version is not None:
        parties = selectors.version_party_summary(version=version)
        context.update(
            parties=parties,
            dapil=selectors.version_dapil_summary(version=version),
            total_votes=sum(p.votes for p in parties),
            total_seats=sum(p.seats for p in parties),
            has_decision_totals=any(
                p.decision_votes is not None or p.decision_seats is not None for p in parties
            ),
        )
    return render(request, "results/election_detail.html", context)


@login_required
def party_detail(request: HttpRequest, code: str, number: int) -> HttpResponse:
    election = _election(request, code)
    party = get_object_or_404(election.parties, number=number)
    version = selectors.election_current_version(election=election)
    rows = list(selectors.party_dapil_results(version=version, party=party)) if version else []
    return render(
        request,
        "results/party_detail.html",
        {
            "election": election,
            "version": version,
            "party": party,
            "rows": rows,
            "total_votes": sum(r.votes for r in rows),
            "total_seats": sum(r.seats for r in rows),
        },
    )


@login_required
def results_upload(request: HttpRequest, code: str) -> HttpResponse:
    election = _election(request, code, Action.RESULTS_MANAGE)
    form = UploadForm(request.POST or None, request.FILES or None, election=election)
    issues = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        data = form.cleaned_data
        decision = data["decision"] or Decision(
            election=election,
            number=data["number"],
            date=data["date"],
            title=data["title"],
            status=data["status"],
        )
        try:
            report = results_import(
                election=election,
                decision=decision,
                file_name=upload.name,
                content=content,
                actor=request.user,
                dry_run=True,
            )
        except ResultsFileInvalid as error:
            issues = error.issues
        else:
            token = secrets.token_urlsafe(16)
            path = default_storage.save(f"imports/{token}.bin", ContentFile(content))
            document_path = (
                default_storage.save(f"imports/{token}-sk.pdf", data["document"])
                if data["document"]
                else ""
            )
            request.session[PENDING_KEY] = {
                "token": token,
                "path": path,
                "file_name": upload.name,
                "election": election.pk,
                "decision": data["decision"].pk if data["decision"] else None,
                "number": data["number"],
                "date": data["date"].isoformat() if data["date"] else "",
                "title": data["title"],
                "status": data["status"],
                "document_path": document_path,
            }
            return render(
                request,
                "results/import_preview.html",
                {"election": election, "report": report, "decision": decision, "token": token},
            )
    return render(
        request,
        "results/import_form.html",
        {"election": election, "form": form, "issues": issues},
    )


@login_required
@require_POST
def results_upload_confirm(request: HttpRequest, code: str) -> HttpResponse:
    election = _election(request, code, Action.RESULTS_MANAGE)
    pending = request.session.get(PENDING_KEY)
    if (
        not pending
        or pending["token"] != request.POST.get("token")
        or pending["election"] != election.pk
    ):
        messages.error(request, "Pratinjau impor tidak ditemukan atau kedaluwarsa; unggah ulang.")
        return redirect("results:results_upload", code=election.code)
    del request.session[PENDING_KEY]
    with default_storage.open(pending["path"], "rb") as handle:
        content = handle.read()
    default_storage.delete(pending["path"])
    document = None
    if pending.get("document_path"):
        with default_storage.open(pending["document_path"], "rb") as handle:
            document = ContentFile(handle.read(), name="keputusan.pdf")
        default_storage.delete(pending["document_path"])
    try:
        with transaction.atomic():
            if pending["decision"]:
                decision = get_object_or_404(election.decisions, pk=pending["decision"])
                if document is not None and not decision.document:
                    decision.document.save(document.name or "keputusan.pdf", document)
            else:
                decision = decision_create(
                    election=election,
                    number=pending["number"],
                    date=dt.date.fromisoformat(pending["date"]),
                    title=pending["title"],
                    status=pending["status"],
                    actor=request.user,
                    document=document,
                )
            report = results_import(
                election=election,
                decision=decision,
                file_name=pending["file_name"],
                content=content,
                actor=request.user,
            )
    except (ResultsFileInvalid, ValidationError) as error:
        messages.error(request, f"Impor dibatalkan, tidak ada yang disimpan: {error}")
        return redirect("results:results_upload", code=election.code)
    messages.success(request, report.summary())
    return redirect("results:election_detail", code=election.code)


@login_required
def template_download(request: HttpRequest, fmt: str) -> HttpResponse:
    _require(request, Action.RESULTS_VIEW)
    if fmt == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404("Format templat tidak dikenal.")
    response["Content-Disposition"] = f'attachment; filename="templat-hasil-pemilu.{fmt}"'
    return response


@login_required
def decision_document(request: HttpRequest, code: str, pk: int) -> FileResponse:
    """The signed decision (SK) as archived, only to staff of its office."""
    election = _election(request, code, Action.RESULTS_VIEW)
    decision = get_object_or_404(election.decisions, pk=pk)
    if not decision.document:
        raise Http404("Berkas SK belum diunggah.")
    return upload_response(
        request,
        decision.document.open("rb"),
        content_type="application/pdf",
        filename=f"keputusan-{decision.pk}.pdf",
        document="decision_document",
        office=getattr(request, "office", None),
        target=decision,
    )
