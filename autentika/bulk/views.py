"""Pages of tanda tangan massal: choose the drafts, confirm once with the secrets, follow the
progress. The views only translate HTTP; bulk/services.py decides."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from autentika.bulk.heartbeat import batch_stalled, worker_busy
from autentika.bulk.models import BulkSigningState
from autentika.bulk.recovery import bulk_signing_cancel, bulk_signing_resume
from autentika.bulk.runs import signing_run_enqueue
from autentika.bulk.selectors import (
    bulk_progress,
    bulk_signings_of_signer,
    drafts_awaiting_signature,
)
from autentika.bulk.services import bulk_signing_start
from autentika.core.permissions import Action
from autentika.letters.forms import SignForm
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest


def _chosen(request: OfficeRequest, awaiting: list) -> list:  # type: ignore[type-arg]
    wanted = {value for value in request.POST.getlist("draft") or request.GET.getlist("draft")}
    return [draft for draft in awaiting if str(draft.pk) in wanted]


@office_permission_required(Action.LETTER_SIGN_BULK)
def bulk_list(request: OfficeRequest) -> HttpResponse:
    """Every draft awaiting the signer, all chosen by default, and the signer's batches."""
    drafts = list(drafts_awaiting_signature(user=request.user, office=request.office))
    batches = [
        (batch, bulk_progress(batch=batch))
        for batch in bulk_signings_of_signer(user=request.user, office=request.office)[:10]
    ]
    return render(request, "bulk/list.html", {"drafts": drafts, "batches": batches})


@never_cache
@sensitive_post_parameters("password", "passphrase")
@office_permission_required(Action.LETTER_SIGN_BULK)
def bulk_confirm(request: OfficeRequest) -> HttpResponse:
    """The one confirmation: what will happen to how many letters, then the secrets."""
    awaiting = list(drafts_awaiting_signature(user=request.user, office=request.office))
    chosen = _chosen(request, awaiting)
    if not chosen:
        messages.error(request, "Pilih sedikitnya satu konsep yang akan ditandatangani.")
        return redirect("bulk:list")
    form = SignForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            batch = bulk_signing_start(
                office=request.office,
                actor=request.user,
                draft_ids=[draft.pk for draft in chosen],
                **form.cleaned_data,
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            status = 400
        else:
            batch = signing_run_enqueue(batch=batch, **form.cleaned_data)
            if batch.state == BulkSigningState.FAILED:
                messages.error(request, batch.error)
            else:
                messages.success(
                    request,
                    f"Tanda tangan massal dimulai: {len(chosen)} surat diberi nomor dan "
                    "ditandatangani di latar belakang.",
                )
            return redirect("bulk:detail", pk=batch.pk)
    return render(
        request,
        "bulk/confirm.html",
        {"drafts": chosen, "form": form, "specimen": any(_specimen(d) for d in chosen)},
        status=status,
    )


def _specimen(draft) -> bool:  # type: ignore[no-untyped-def]
    return bool(draft.current_version.is_specimen)


def _detail_context(batch, form=None) -> dict:  # type: ignore[no-untyped-def,type-arg]
    now = timezone.now()
    stalled = batch_stalled(batch, now=now)
    return {
        "batch": batch,
        "waiting_turn": batch.state == BulkSigningState.QUEUED
        and not stalled
        and worker_busy(now=now),
        "run_title": "Penandatanganan surat" if batch.single else "Tanda tangan massal",
        "progress": bulk_progress(batch=batch),
        "items": batch.items.select_related("draft__case__party", "letter").order_by("order"),
        "stalled": stalled,
        "resume_form": (form or SignForm()) if stalled else None,
    }


def _batch_of(request: OfficeRequest, pk: int):  # type: ignore[no-untyped-def]
    return get_object_or_404(
        bulk_signings_of_signer(user=request.user, office=request.office), pk=pk
    )


@office_permission_required(Action.LETTER_SIGN_BULK)
def bulk_detail(request: OfficeRequest, pk: int) -> HttpResponse:
    """Progress and the result per letter; the htmx request gets only the panel to swap. A
    batch whose process died says so and offers to resume or cancel it."""
    context = _detail_context(_batch_of(request, pk))
    if request.htmx:  # django-htmx's middleware (settings MIDDLEWARE)
        return render(request, "bulk/_progress.html", context)
    return render(request, "bulk/detail.html", context)


@never_cache
@require_POST
@sensitive_post_parameters("password", "passphrase")
@office_permission_required(Action.LETTER_SIGN_BULK)
def bulk_resume(request: OfficeRequest, pk: int) -> HttpResponse:
    """The secrets asked again, then the unsigned letters queued again for the worker."""
    batch = _batch_of(request, pk)
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            batch = bulk_signing_resume(batch=batch, actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            batch = signing_run_enqueue(batch=batch, **form.cleaned_data)
            if batch.state == BulkSigningState.FAILED:
                messages.error(request, batch.error)
            else:
                messages.success(request, "Penandatanganan dilanjutkan di latar belakang.")
            return redirect("bulk:detail", pk=batch.pk)
    return render(request, "bulk/detail.html", _detail_context(batch, form), status=400)


@require_POST
@office_permission_required(Action.LETTER_SIGN_BULK)
def bulk_cancel(request: OfficeRequest, pk: int) -> HttpResponse:
    try:
        bulk_signing_cancel(batch=_batch_of(request, pk), actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(
            request, "Tanda tangan massal dibatalkan; konsep yang belum ditandatangani menunggu."
        )
    return redirect("bulk:detail", pk=pk)
