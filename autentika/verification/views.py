"""Public verification pages (no login) and the signer's page for revoking letters."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from autentika.core.metrics import VERIFICATION_ANSWERS
from autentika.core.permissions import Action
from autentika.letters.models import SignedLetter
from autentika.letters.revocation import letter_replace_link, letter_revoke, revocation_may
from autentika.letters.verdict import letter_public_status
from autentika.letters.workflow import LETTER_WORKFLOW
from autentika.organization.decorators import office_permission_required
from autentika.organization.middleware import OfficeRequest
from autentika.verification import throttle
from autentika.verification.facts import letter_public_facts
from autentika.verification.forms import FileCheckForm, RevokeForm
from autentika.verification.page_cache import kept_page, render_kept
from autentika.verification.services import (
    HEADLINES,
    Status,
    Verdict,
    archive_verify,
    file_verify,
    letter_by_token,
    letter_status_text,
)


def _throttled(request: HttpRequest, key: str) -> HttpResponse | None:
    wait = throttle.retry_after(key)
    if not wait:
        return None
    response = render(
        request, "verification/throttled.html", {"minutes": max(1, (wait + 59) // 60)}, status=429
    )
    response["Retry-After"] = str(wait)
    return response


def _throttled_upload(request: HttpRequest, key: str) -> HttpResponse | None:
    """The throttle for a posted file: a recorded letter is answered even to a throttled
    client; anything else from it waits like a miss."""
    blocked = _throttled(request, key)
    if blocked is not None and throttle.upload_answered_anyway(request.FILES.get("file")):
        return None
    return blocked


def _check_upload(request: HttpRequest, key: str, letter: SignedLetter | None) -> Any:
    """The posted form and, when it was valid, the verdict on its file."""
    form = FileCheckForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, None
    verdict = file_verify(content=form.cleaned_data["file"].read(), letter=letter)
    if verdict.is_miss:
        throttle.miss_record(key)
    VERIFICATION_ANSWERS.labels(verdict=verdict.status, check="file").inc()
    return FileCheckForm(), verdict


TONES = {
    Status.VALID: "success",
    Status.SPECIMEN: "danger",
    Status.REVOKED: "danger",
    Status.CERTIFICATE_REVOKED: "danger",
    Status.REPLACED: "warning",
    Status.NEEDS_RENEWAL: "warning",
}


def _verdict_context(
    verdict: Verdict | None, *, page_facts: tuple[int, dict[str, Any]] | None = None
) -> dict[str, Any]:
    """`page_facts`: the page's letter and its facts, read already (a file checked on its own
    letter's page is most often that letter)."""
    if verdict is None:
        return {"verdict": None}
    facts = None
    if verdict.letter is not None:
        same = page_facts is not None and page_facts[0] == verdict.letter.pk
        facts = page_facts[1] if same and page_facts else letter_public_facts(verdict.letter)
    return {
        "verdict": verdict,
        "verdict_tone": TONES.get(verdict.status, "danger"),
        "verdict_facts": facts,
    }


@require_http_methods(["GET", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    """How to check a letter; a PDF can be checked here without its QR code."""
    key = throttle.client_key(request)
    form, verdict = FileCheckForm(), None
    if request.method == "POST":
        if blocked := _throttled_upload(request, key):
            return blocked
        form, verdict = _check_upload(request, key, None)
    return render(request, "verification/index.html", {"form": form, **_verdict_context(verdict)})


@require_http_methods(["GET", "POST"])
def letter_page(request: HttpRequest, token: str) -> HttpResponse:
    # A kept page answers from the narrow read of what can change (most visits: each repeated
    # scan); reading the whole row for it cost 0.2 ms more on every such visit than a first
    # visit saves by reading once.
    if request.method == "GET" and (kept := kept_page(request, token)):
        return kept
    key = throttle.client_key(request)
    # the token is looked up first: a valid one is answered even to a throttled client
    letter = letter_by_token(token)
    if letter is None and (blocked := _throttled(request, key)):
        return blocked
    if letter is None:
        throttle.miss_record(key)
        VERIFICATION_ANSWERS.labels(verdict=Status.NOT_FOUND, check="page").inc()
        return render(
            request,
            "verification/not_found.html",
            {"headline": HEADLINES[Status.NOT_FOUND]},
            status=404,
        )
    form, verdict = FileCheckForm(), None
    archive_checked = request.method == "POST" and request.POST.get("periksa") == "arsip"
    if request.method == "POST":
        # the archive check like any other request; a posted file answered when recorded
        blocked = _throttled(request, key) if archive_checked else _throttled_upload(request, key)
        if blocked:
            return blocked
    if archive_checked:
        verdict = archive_verify(letter=letter)
        VERIFICATION_ANSWERS.labels(verdict=verdict.status, check="archive").inc()
    elif request.method == "POST":
        form, verdict = _check_upload(request, key, letter)
    else:
        VERIFICATION_ANSWERS.labels(verdict=letter_public_status(letter), check="page").inc()

    def context() -> dict[str, Any]:
        headline, explanation = letter_status_text(letter)
        facts = letter_public_facts(letter)
        return {
            "letter": letter,
            "facts": facts,
            "headline": headline,
            "explanation": explanation,
            "status": letter_public_status(letter),
            "tone": TONES[letter_public_status(letter)],
            "form": form,
            "archive_checked": archive_checked,
            **_verdict_context(verdict, page_facts=(letter.pk, facts)),
        }

    return render_kept(
        request, letter=letter, template_name="verification/letter.html", context=context
    )


def _office_letter(request: OfficeRequest, pk: int) -> SignedLetter:
    return get_object_or_404(
        SignedLetter.objects.select_related("case__party", "signer_position", "replaced_by"),
        pk=pk,
        office=request.office,
    )


@office_permission_required(Action.LETTER_REVOKE)
def manage(request: OfficeRequest) -> HttpResponse:
    letters = (
        SignedLetter.objects.filter(office=request.office)
        .select_related("case__party", "replaced_by", "signer_position")
        .order_by("-signed_at", "-id")[:200]
    )
    rows = [(letter, revocation_may(actor=request.user, letter=letter)) for letter in letters]
    return render(request, "verification/manage.html", {"rows": rows})


@office_permission_required(Action.LETTER_REVOKE)
def revoke(request: OfficeRequest, pk: int) -> HttpResponse:
    letter = _office_letter(request, pk)
    if not revocation_may(actor=request.user, letter=letter):
        raise PermissionDenied(
            f"Hanya pemegang jabatan {letter.signer_position.title} yang dapat mencabut surat ini."
        )
    form = RevokeForm(request.POST or None, letter=letter)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["replacement"] is not None:
                letter_replace_link(
                    old=letter, new=data["replacement"], actor=request.user, reason=data["reason"]
                )
                messages.success(
                    request,
                    f"Surat Nomor {letter.number} dinyatakan diganti dengan surat Nomor "
                    f"{data['replacement'].number}.",
                )
            else:
                letter_revoke(letter=letter, actor=request.user, reason=data["reason"])
                messages.success(request, f"Surat Nomor {letter.number} dicabut.")
        except (ValidationError, PermissionDenied) as error:
            for message in getattr(error, "messages", [str(error)]):
                form.add_error(None, message)
        else:
            return redirect("verification:manage")
    return render(
        request,
        "verification/revoke.html",
        {
            "letter": letter,
            "form": form,
            "facts": letter_public_facts(letter),
            "may_revoke": "revoke"
            in {t.step for t in LETTER_WORKFLOW.allowed(request.user, letter)},
        },
    )
