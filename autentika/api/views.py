"""The JSON API (django-ninja): public verification by token and by file, and a party's own
requests for the bearer of a party's API token. Schema: /api/v1/openapi.json."""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import File, Form, NinjaAPI, Schema
from ninja import Status as HttpStatus
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from autentika.api.text import TEXT_HYGIENE, Text, validation_error_text
from autentika.core.errors import MESSAGES
from autentika.letters.verdict import letter_public_status
from autentika.portal.models import PartyAccount
from autentika.portal.selectors import party_cases, party_letters, party_submissions
from autentika.portal.services import party_token_account
from autentika.portal.status import case_steps
from autentika.verification import throttle
from autentika.verification.facts import letter_public_facts
from autentika.verification.services import (
    HEADLINES,
    MAX_VERIFY_BYTES,
    Status,
    file_verify,
    letter_by_token,
    letter_status_text,
    verdict_too_large,
)


class PartyToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> PartyAccount | None:
        key = throttle.client_key(request)
        account = party_token_account(token)  # a valid token is answered even when throttled
        if account is None and not throttle.retry_after(key):
            throttle.miss_record(key)
        return account


api = NinjaAPI(
    title="Autentika API",
    version="1",
    description=(
        "Verifikasi publik surat keterangan autentifikasi perolehan suara (tanpa login) dan "
        "status permohonan partai (token API partai, kepala `Authorization: Bearer`)."
    ),
    urls_namespace="api",
    # The interactive docs page loads Swagger UI from a CDN, which offices' LANs and our CSP
    # do not allow; the schema at /api/v1/openapi.json is what clients use.
    docs_url=None,
)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> Any:
    return api.create_response(request, {"detail": MESSAGES[404]}, status=404)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> Any:
    return api.create_response(request, {"detail": MESSAGES[403]}, status=403)


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> Any:
    return api.create_response(
        request, {"detail": "Token API tidak sah atau tidak dikirim."}, status=401
    )


def _error_in_indonesian(error: dict[str, Any]) -> dict[str, Any]:
    """pydantic's English message replaced: where (loc) and what kind (type) stay; a value
    refused by the text rule is named with its field and character (api/text.py)."""
    kind = str(error.get("type", ""))
    message = {"missing": "wajib diisi."}.get(kind, "nilai tidak sah.")
    message = validation_error_text(error) or message
    return {"loc": list(error.get("loc", [])), "type": kind, "msg": message}


@api.exception_handler(NinjaValidationError)
def validation_errors(request: HttpRequest, exc: NinjaValidationError) -> Any:
    errors = [_error_in_indonesian(error) for error in exc.errors]
    texts = [error["msg"] for error in errors if error["type"] == TEXT_HYGIENE]
    detail = f"Permintaan tidak sah: {texts[0]}" if texts else "Permintaan tidak sah."
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


class TableRow(Schema):
    dapil: str
    votes: int
    seats: int


class Table(Schema):
    election: str
    decision_number: str
    decision_title: str
    rows: list[TableRow]
    total_votes: int
    total_seats: int


class LetterOut(Schema):
    number: str
    date: dt.date
    office: str
    party: str
    subject: str
    signer_position: str
    signer_name: str
    signed_at: dt.datetime
    sha256: str
    is_specimen: bool
    status: str
    revoked_at: dt.datetime | None = None
    revocation_reason: str = ""
    replaced_by_number: str | None = None
    verification_url: str
    tables: list[Table]


class VerificationOut(Schema):
    valid: bool
    status: str
    headline: str
    explanation: str
    letter: LetterOut | None = None


class FileVerificationOut(VerificationOut):
    sha256: str = ""
    signature_valid: bool = False
    signature_intact: bool = False
    signature_trusted: bool = False
    signer: str = ""


class Message(Schema):
    detail: str


class StepOut(Schema):
    label: str
    status: str
    note: str = ""


class RequestLetterOut(Schema):
    number: str
    date: dt.date
    status: str
    verification_url: str


class RequestOut(Schema):
    id: int
    agenda: str
    letter_number: str
    letter_date: dt.date
    subject: str
    state: str
    state_label: str
    registered_at: dt.datetime
    # UU 14/2008 art. 22: the due date in force (extended or not), and the extension's reason
    kip_due_on: dt.date | None
    kip_extended: bool
    kip_extension_reason: str
    steps: list[StepOut]
    letters: list[RequestLetterOut]


class SubmissionOut(Schema):
    id: int
    letter_number: str
    subject: str
    submitted_at: dt.datetime
    state: str
    state_label: str
    rejection_reason: str = ""
    case_id: int | None = None


class RequestsOut(Schema):
    party: str
    office: str
    requests: list[RequestOut]
    submissions: list[SubmissionOut]


def _url(request: HttpRequest, token: str) -> str:
    from autentika.letters.rendering import verification_url

    return verification_url(token)


def _letter_out(request: HttpRequest, letter: Any) -> dict[str, Any]:
    facts = letter_public_facts(letter)
    tables = [
        {
            "election": t.get("election", ""),
            "decision_number": t.get("decision", {}).get("number", ""),
            "decision_title": t.get("decision", {}).get("title", ""),
            "rows": t.get("rows", []),
            # The one total the letter states (the certified one where it was explained).
            "total_votes": t.get("stated_votes", t.get("total_votes", 0)),
            "total_seats": t.get("stated_seats", t.get("total_seats", 0)),
        }
        for t in facts["tables"]
    ]
    return {
        **{k: facts[k] for k in LetterOut.model_fields if k in facts and k != "tables"},
        "revocation_reason": facts["revocation_reason"] or "",
        "verification_url": _url(request, letter.verification_token),
        "tables": tables,
    }


def _throttled() -> HttpStatus[Any]:
    return HttpStatus(
        429, {"detail": "Terlalu banyak percobaan yang tidak cocok; coba lagi nanti."}
    )


@api.get(
    "/letters/{token}",
    response={200: VerificationOut, 404: VerificationOut, 429: Message},
    summary="Status surat menurut kode verifikasi (alamat pada QR)",
    tags=["verifikasi"],
)
def letter_by_code(request: HttpRequest, token: Text) -> Any:
    key = throttle.client_key(request)
    letter = letter_by_token(token)  # a valid token is answered even when throttled
    if letter is None:
        if throttle.retry_after(key):
            return _throttled()
        throttle.miss_record(key)
        return HttpStatus(
            404,
            {
                "valid": False,
                "status": Status.NOT_FOUND,
                "headline": HEADLINES[Status.NOT_FOUND],
                "explanation": "Tidak ada surat yang tercatat dengan kode ini.",
            },
        )
    headline, explanation = letter_status_text(letter)
    status = letter_public_status(letter)
    return HttpStatus(
        200,
        {
            "valid": status == Status.VALID,
            "status": status,
            "headline": headline,
            "explanation": explanation,
            "letter": _letter_out(request, letter),
        },
    )


NO_TOKEN = Form("")  # optional (ninja drops the default of an Annotated Form[Text])


@api.post(
    "/verify",
    response={200: FileVerificationOut, 413: FileVerificationOut, 429: Message},
    summary="Periksa berkas PDF: dicocokkan dengan catatan dan tanda tangannya divalidasi",
    tags=["verifikasi"],
)
def verify_file(request: HttpRequest, file: File[UploadedFile], token: Text = NO_TOKEN) -> Any:
    """`token` (optional) names the letter the file should be; without it, the file is
    looked up by its SHA-256."""
    key = throttle.client_key(request)
    # a recorded letter is answered even to a throttled client, as a valid token is
    if throttle.retry_after(key) and not throttle.upload_answered_anyway(file):
        return _throttled()
    if file.size is not None and file.size > MAX_VERIFY_BYTES:
        verdict = verdict_too_large()
        return HttpStatus(
            413,
            {
                "valid": False,
                "status": verdict.status,
                "headline": verdict.headline,
                "explanation": verdict.explanation,
            },
        )
    letter = None
    if token:
        letter = letter_by_token(token)
        if letter is None:
            throttle.miss_record(key)
            return HttpStatus(
                200,
                {
                    "valid": False,
                    "status": Status.NOT_FOUND,
                    "headline": HEADLINES[Status.NOT_FOUND],
                    "explanation": "Tidak ada surat yang tercatat dengan kode ini.",
                },
            )
    verdict = file_verify(content=file.read(), letter=letter)
    if verdict.is_miss:
        throttle.miss_record(key)
    report = verdict.report
    return HttpStatus(
        200,
        {
            "valid": verdict.valid,
            "status": verdict.status,
            "headline": verdict.headline,
            "explanation": verdict.explanation,
            "letter": _letter_out(request, verdict.letter) if verdict.letter else None,
            "sha256": verdict.sha256,
            "signature_valid": bool(report and report.valid),
            "signature_intact": bool(report and report.intact),
            "signature_trusted": bool(report and report.trusted),
            "signer": report.signer_name if report else "",
        },
    )


def _request_out(request: HttpRequest, case: Any, letters: list[Any]) -> dict[str, Any]:
    return {
        "id": case.pk,
        "agenda": case.agenda_label,
        "letter_number": case.letter_number,
        "letter_date": case.letter_date,
        "subject": case.subject,
        "state": case.state,
        "state_label": case.get_state_display(),
        "registered_at": case.registered_at,
        "kip_due_on": case.kip_deadline,
        "kip_extended": case.kip_extended_due_on is not None,
        "kip_extension_reason": case.kip_extension_reason,
        "steps": [vars(step) for step in case_steps(case)],
        "letters": [
            {
                "number": letter.number,
                "date": letter.date,
                "status": letter.status,
                "verification_url": _url(request, letter.verification_token),
            }
            for letter in letters
            if letter.case_id == case.pk
        ],
    }


@api.get(
    "/requests",
    response={200: RequestsOut},
    auth=PartyToken(),
    summary="Permohonan partai pemilik token, dengan tahapnya",
    tags=["partai"],
)
def my_requests(request: HttpRequest) -> Any:
    account: PartyAccount = request.auth  # type: ignore[attr-defined]
    letters = list(party_letters(account=account))
    return {
        "party": account.party_short_name,
        "office": account.office.name,
        "requests": [_request_out(request, c, letters) for c in party_cases(account=account)],
        "submissions": [
            {
                "id": s.pk,
                "letter_number": s.letter_number,
                "subject": s.subject,
                "submitted_at": s.submitted_at,
                "state": s.state,
                "state_label": s.get_state_display(),
                "rejection_reason": s.rejection_reason,
                "case_id": s.case_id,
            }
            for s in party_submissions(account=account)
        ],
    }


@api.get(
    "/requests/{request_id}",
    response={200: RequestOut, 404: Message},
    auth=PartyToken(),
    summary="Satu permohonan partai pemilik token",
    tags=["partai"],
)
def my_request(request: HttpRequest, request_id: int) -> Any:
    account: PartyAccount = request.auth  # type: ignore[attr-defined]
    if not -(2**63) < request_id < 2**63:
        return HttpStatus(404, {"detail": "Permohonan tidak ditemukan."})
    case = party_cases(account=account).filter(pk=request_id).first()
    if case is None:
        return HttpStatus(404, {"detail": "Permohonan tidak ditemukan."})
    letters = list(party_letters(account=account).filter(case=case))
    return HttpStatus(200, _request_out(request, case, letters))
