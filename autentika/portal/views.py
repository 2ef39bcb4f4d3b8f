"""The party portal (party users), Tata Usaha's pages for it, and the public service page.

Every party page reads through `portal.selectors`, scoped to the user's own party and office:
an id of another party's case, letter or submission answers 404, like a missing one.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from autentika.cases.kip import kip_is_past_due
from autentika.cases.registration import DuplicateRequestError
from autentika.core.permissions import Action
from autentika.core.registry import service_promises
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest
from autentika.organization.models import Office
from autentika.organization.workdays import office_today
from autentika.portal import content, services
from autentika.portal.forms import (
    AccountForm,
    RegisterSubmissionForm,
    RejectForm,
    TokenForm,
)
from autentika.portal.models import OnlineSubmission, PartyAccount
from autentika.portal.selectors import (
    account_of,
    letters_received,
    office_accounts,
    party_cases,
    party_letters,
    party_submissions,
    pending_submissions,
)
from autentika.portal.status import case_steps


class PartyRequest(HttpRequest):
    party_account: PartyAccount


def party_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Login and an active party account; the account is `request.party_account`."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        account = account_of(request.user)
        if account is None:
            raise PermissionDenied("Halaman ini hanya untuk akun partai politik.")
        request.party_account = account  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def error_messages(error: Exception) -> list[str]:
    return list(getattr(error, "messages", [str(error)]))


# --- public ----------------------------------------------------------------------------------


def about(request: HttpRequest) -> HttpResponse:
    """The public service page. An installation of one office shows that office's promises; a
    national installation (553 offices) lets the reader choose the office (`?kantor=<code>`)
    and shows the promises of that one only."""
    offices = list(
        Office.objects.order_by("level", "name").only("code", "name", "level", "address")
    )
    code = request.GET.get("kantor", "")
    chosen = next((office for office in offices if office.code == code), None)
    if chosen is None and len(offices) == 1:
        chosen = offices[0]
    return render(
        request,
        "portal/about.html",
        {
            "offices": offices,
            "chosen": chosen,
            "unknown_office": bool(code) and chosen is None,
            # the office's promises, read from its step targets (never fixed text)
            "promises": service_promises(chosen) if chosen else [],
            "legal_basis": content.LEGAL_BASIS,
            "requirements": content.REQUIREMENTS,
            "is_party": account_of(request.user) is not None,
        },
    )


# --- party users ------------------------------------------------------------------------------


@party_required
def home(request: PartyRequest) -> HttpResponse:
    account = request.party_account
    cases = list(party_cases(account=account))
    today = office_today(account.office)
    return render(
        request,
        "portal/home.html",
        {
            "account": account,
            "cases": cases,
            "kip_late": {c.pk for c in cases if kip_is_past_due(case=c, today=today)},
            "waiting": party_submissions(account=account).exclude(state="registered"),
            "letters": party_letters(account=account),
            "received": letters_received(user=request.user),
        },
    )


@party_required
def submission_detail(request: PartyRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(party_submissions(account=request.party_account), pk=pk)
    if submission.case_id:
        return redirect("portal:case", pk=submission.case_id)
    return render(request, "portal/submission_detail.html", {"submission": submission})


@party_required
def case_detail(request: PartyRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(party_cases(account=request.party_account), pk=pk)
    letters = party_letters(account=request.party_account).filter(case=case)
    return render(
        request,
        "portal/case_detail.html",
        {
            "case": case,
            "steps": case_steps(case),
            "kip_late": {case.pk}
            if kip_is_past_due(case=case, today=office_today(case.office))
            else set(),
            "letters": letters,
            "received": letters_received(user=request.user),
            "submission": party_submissions(account=request.party_account)
            .filter(case=case)
            .first(),
        },
    )


@party_required
def tokens(request: PartyRequest) -> HttpResponse:
    account = request.party_account
    form = TokenForm(request.POST if request.method == "POST" else None)
    new_token = ""
    if request.method == "POST" and form.is_valid():
        new_token, _ = services.party_token_create(
            account=account, actor=request.user, label=form.cleaned_data["label"]
        )
        form = TokenForm()
    return render(
        request,
        "portal/tokens.html",
        {"form": form, "new_token": new_token, "tokens": account.tokens.all()},
    )


# --- Tata Usaha -------------------------------------------------------------------------------


def office_submission(request: OfficeRequest, pk: int) -> OnlineSubmission:
    return get_object_or_404(
        OnlineSubmission.objects.select_related("party__election", "account__user", "case"),
        pk=pk,
        office=request.office,
    )


@office_permission_required(Action.PORTAL_MANAGE)
def queue(request: OfficeRequest) -> HttpResponse:
    return render(
        request, "portal/queue.html", {"submissions": pending_submissions(office=request.office)}
    )


@office_permission_required(Action.PORTAL_MANAGE)
def queue_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    submission = office_submission(request, pk)
    register_form = RegisterSubmissionForm(request.POST if request.method == "POST" else None)
    reject_form = RejectForm()
    duplicate_warning = ""
    if request.method == "POST" and register_form.is_valid():
        try:
            case = services.submission_register(
                submission=submission,
                actor=request.user,
                duplicate_reason=register_form.cleaned_data["duplicate_reason"],
            )
        except DuplicateRequestError as error:
            duplicate_warning = " ".join(error.messages)
        except (ValidationError, PermissionDenied) as error:
            for message in error_messages(error):
                register_form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Permohonan daring dicatat dengan nomor agenda {case.agenda_label} dan "
                f"diteruskan kepada {case.current_desk}.",
            )
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "portal/queue_detail.html",
        {
            "submission": submission,
            "register_form": register_form,
            "reject_form": reject_form,
            "duplicate_warning": duplicate_warning,
        },
    )


@require_POST
@office_permission_required(Action.PORTAL_MANAGE)
def queue_reject(request: OfficeRequest, pk: int) -> HttpResponse:
    submission = office_submission(request, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tuliskan alasan penolakan.")
        return redirect("portal:queue_detail", pk=submission.pk)
    try:
        services.submission_reject(
            submission=submission, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(error_messages(error)))
        return redirect("portal:queue_detail", pk=submission.pk)
    messages.info(request, "Permohonan daring ditolak; partai dapat membaca alasannya.")
    return redirect("portal:queue")


@office_permission_required(Action.PORTAL_MANAGE)
def accounts(request: OfficeRequest) -> HttpResponse:
    office = request.office
    form = AccountForm(request.POST or None, office=office)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = services.party_account_create(
                office=office,
                actor=request.user,
                username=data["username"],
                password=data["password"],
                party_short_name=data["party_short_name"],
                full_name=data["full_name"],
                email=data["email"],
                party_level=data["party_level"],
            )
        except (ValidationError, PermissionDenied) as error:
            for message in error_messages(error):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Akun {account.user.get_username()} untuk {account.party_short_name} dibuat. "
                "Sampaikan nama pengguna dan kata sandi awal kepada pengurus partai.",
            )
            return redirect("portal:accounts")
    return render(
        request, "portal/accounts.html", {"form": form, "accounts": office_accounts(office=office)}
    )


@require_POST
@office_permission_required(Action.PORTAL_MANAGE)
def account_deactivate(request: OfficeRequest, pk: int) -> HttpResponse:
    account = get_object_or_404(PartyAccount, pk=pk, office=request.office)
    services.party_account_deactivate(account=account, actor=request.user)
    messages.info(request, f"Akun {account.user.get_username()} dinonaktifkan.")
    return redirect("portal:accounts")
