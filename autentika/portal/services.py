"""Party accounts (created by Tata Usaha), online requests and the queue Tata Usaha registers
from, and API tokens."""

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.cases.letter_numbers import letter_number_problem
from autentika.cases.models import Case, Channel, PartyLevel, Purpose
from autentika.cases.registration import case_register
from autentika.core.audit import audit_record
from autentika.core.formatting import format_date_id
from autentika.core.models import AuditEventType
from autentika.core.permissions import Action
from autentika.core.stored_files import atomic_with_files, upload_store
from autentika.core.uploads import Upload, upload_check
from autentika.organization.access import user_may
from autentika.organization.models import Office
from autentika.portal.models import (
    OnlineSubmission,
    PartyAccount,
    PartyApiToken,
    SubmissionState,
    token_digest,
)
from autentika.results.models import Election, Party
from autentika.results.parties import party_in_requested


def _manager_check(*, actor: Any, office: Office) -> None:
    if not user_may(actor, Action.PORTAL_MANAGE, office=office):
        raise PermissionDenied("Hanya Tata Usaha yang dapat mengelola akun dan permohonan daring.")


@transaction.atomic
def party_account_create(
    *,
    office: Office,
    actor: Any,
    username: str,
    password: str,
    party_short_name: str,
    full_name: str = "",
    email: str = "",
    party_level: str = "",
    now: dt.datetime | None = None,
) -> PartyAccount:
    """Tata Usaha creates a login for a party's officer; several per party are allowed."""
    _manager_check(actor=actor, office=office)
    user_model = get_user_model()
    username = (username or "").strip()
    errors: list[str] = []
    if not username:
        errors.append("Nama pengguna wajib diisi.")
    elif user_model.objects.filter(username__iexact=username).exists():
        errors.append(f"Nama pengguna {username} sudah dipakai.")
    known = Party.objects.filter(election__office=office, short_name=party_short_name)
    if not party_short_name or not known.exists():
        errors.append(
            f"Partai {party_short_name!r} bukan peserta pemilu yang diarsipkan kantor ini."
        )
    if party_level and party_level not in PartyLevel.values:
        errors.append("Tingkat kepengurusan tidak dikenal.")
    candidate = user_model(username=username, email=email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    first, _, last = (full_name or "").strip().partition(" ")
    user = user_model.objects.create_user(
        username=username,
        password=password,
        email=email,
        first_name=first[:150],
        last_name=last[:150],
    )
    account = PartyAccount.objects.create(
        user=user,
        office=office,
        party_short_name=party_short_name,
        party_level=party_level,
        created_at=now or timezone.now(),
        created_by=actor,
    )
    audit_record(
        event_type=AuditEventType.PARTY_ACCOUNT_CREATED,
        office=office,
        actor=actor,
        target=account,
        data={"username": username, "party": party_short_name},
    )
    return account


@transaction.atomic
def party_account_deactivate(*, account: PartyAccount, actor: Any) -> PartyAccount:
    _manager_check(actor=actor, office=account.office)
    account.is_active = False
    account.save(update_fields=["is_active"])
    account.tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit_record(
        event_type=AuditEventType.PARTY_ACCOUNT_DEACTIVATED,
        office=account.office,
        actor=actor,
        target=account,
        data={"username": account.user.get_username(), "party": account.party_short_name},
    )
    return account


@transaction.atomic
def party_token_create(
    *, account: PartyAccount, actor: Any, label: str = ""
) -> tuple[str, PartyApiToken]:
    """A new API token for the account; returns the token itself (shown once) and its row."""
    if account.user_id != actor.pk or not account.is_active:
        raise PermissionDenied("Token hanya dapat dibuat oleh pemilik akun partai.")
    token = PartyApiToken.token_new()
    row = PartyApiToken.objects.create(
        account=account,
        digest=token_digest(token),
        prefix=token[:8],
        label=(label or "").strip()[:100],
        created_at=timezone.now(),
    )
    audit_record(
        event_type=AuditEventType.PARTY_TOKEN_CREATED,
        office=account.office,
        actor=actor,
        target=account,
        data={"prefix": row.prefix},
    )
    return token, row


def party_token_account(token: str) -> PartyAccount | None:
    """The active account behind an API token, or None."""
    if not token or len(token) > 200:
        return None
    row = (
        PartyApiToken.objects.select_related("account__office", "account__user")
        .filter(digest=token_digest(token), revoked_at__isnull=True)
        .first()
    )
    if row is None or not row.account.is_active or not row.account.user.is_active:
        return None
    PartyApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row.account


@atomic_with_files
def submission_create(
    *,
    account: PartyAccount,
    actor: Any,
    party: Party,
    party_level: str,
    letter_number: str,
    letter_date: dt.date,
    subject: str,
    elections: Sequence[Election],
    purpose: str,
    scan: Upload | None,
    purpose_note: str = "",
    resubmission_of: OnlineSubmission | None = None,
    now: dt.datetime | None = None,
) -> OnlineSubmission:
    """A party user sends a request online; it waits in Tata Usaha's queue. A corrected
    request names the rejected one it replaces (`resubmission_of`)."""
    now = now or timezone.now()
    if account.user_id != actor.pk or not account.is_active:
        raise PermissionDenied("Akun partai ini tidak dapat mengajukan permohonan.")
    office = account.office
    party = party_in_requested(party=party, elections=elections)
    # Each refusal named by its field, so the form shows it there (#28).
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if resubmission_of is not None and (
        resubmission_of.account_id != account.pk
        or resubmission_of.state != SubmissionState.REJECTED
    ):
        refuse(
            NON_FIELD_ERRORS, "Hanya permohonan akun ini yang ditolak yang dapat diajukan kembali."
        )
    if party.short_name != account.party_short_name or party.election.office_id != office.pk:
        refuse("party", "Partai yang dipilih bukan partai akun ini.")
    if not elections:
        refuse("elections", "Pilih sedikitnya satu pemilu yang dimohonkan.")
    if any(election.office_id != office.pk for election in elections):
        refuse("elections", "Pemilu yang dipilih bukan milik kantor ini.")
    if party.election not in elections:
        refuse("elections", "Pilih juga pemilu tempat partai tersebut menjadi peserta.")
    if party_level not in PartyLevel.values:
        refuse("party_level", "Tingkat kepengurusan tidak dikenal.")
    if purpose not in Purpose.values:
        refuse("purpose", "Keperluan tidak dikenal.")
    if problem := letter_number_problem(letter_number):
        refuse("letter_number", problem)
    if not (subject or "").strip():
        refuse("subject", "Perihal wajib diisi.")
    if letter_date > timezone.localdate(now):
        refuse(
            "letter_date",
            f"Tanggal surat partai ({format_date_id(letter_date)}) tidak boleh di masa depan.",
        )
    content_type = ""
    if scan is None:
        refuse("scan", "Pindaian surat permohonan bertanda tangan wajib diunggah.")
    else:
        try:
            content_type = upload_check(scan, label="Surat permohonan")
        except ValidationError as error:
            errors.setdefault("scan", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    assert scan is not None
    submission = OnlineSubmission(
        account=account,
        office=office,
        party=party,
        party_level=party_level,
        letter_number=letter_number.strip(),
        letter_date=letter_date,
        subject=subject.strip(),
        purpose=purpose,
        purpose_note=(purpose_note or "").strip(),
        scan_name=scan.name[:255],
        scan_sha256=scan.sha256,
        submitted_at=now,
        submitted_by=actor,
    )
    upload_store(submission.scan, upload=scan, content_type=content_type)
    submission.save()
    submission.elections.set(elections)
    audit_record(
        event_type=AuditEventType.ONLINE_REQUEST_SUBMITTED,
        office=office,
        actor=actor,
        target=submission,
        to_state=submission.state,
        data={
            "party": party.short_name,
            "letter_number": submission.letter_number,
            "scan": scan.sha256,
            "resubmission_of": resubmission_of.pk if resubmission_of is not None else None,
        },
    )
    return submission


def _pending_locked(submission: OnlineSubmission) -> OnlineSubmission:
    locked = (
        OnlineSubmission.objects.select_for_update(of=("self",))
        .select_related("office", "party__election")
        .get(pk=submission.pk)
    )
    if locked.state != SubmissionState.PENDING:
        raise ValidationError(
            f"Permohonan daring ini sudah {locked.get_state_display().lower()}; tidak diproses "
            "lagi."
        )
    return locked


@transaction.atomic
def submission_register(
    *,
    submission: OnlineSubmission,
    actor: Any,
    duplicate_reason: str = "",
    now: dt.datetime | None = None,
) -> Case:
    """Tata Usaha records an online request in the register ("Catat"): `case_register` with
    channel online, received when the party submitted it, and the uploaded scan."""
    now = now or timezone.now()
    submission = _pending_locked(submission)
    _manager_check(actor=actor, office=submission.office)
    with submission.scan.open("rb") as handle:
        content = handle.read()
    case = case_register(
        office=submission.office,
        actor=actor,
        party=submission.party,
        party_level=submission.party_level,
        letter_number=submission.letter_number,
        letter_date=submission.letter_date,
        subject=submission.subject,
        elections=list(submission.elections.all()),
        purpose=submission.purpose,
        purpose_note=submission.purpose_note,
        channel=Channel.ONLINE,
        received_at=submission.submitted_at,
        letter_scan=Upload(submission.scan_name, content),
        duplicate_reason=duplicate_reason,
        registered_at=now,
    )
    submission.state = SubmissionState.REGISTERED
    submission.case = case
    submission.handled_at = now
    submission.handled_by = actor
    submission.save(update_fields=["state", "case", "handled_at", "handled_by"])
    return case


@transaction.atomic
def submission_reject(
    *, submission: OnlineSubmission, actor: Any, reason: str, now: dt.datetime | None = None
) -> OnlineSubmission:
    """Tata Usaha refuses an online request that cannot be registered (e.g. the scan is not a
    signed request letter); the party sees the reason."""
    now = now or timezone.now()
    submission = _pending_locked(submission)
    _manager_check(actor=actor, office=submission.office)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Tuliskan alasan penolakan; partai akan membacanya.")
    submission.state = SubmissionState.REJECTED
    submission.rejection_reason = reason[:2000]
    submission.handled_at = now
    submission.handled_by = actor
    submission.save(update_fields=["state", "rejection_reason", "handled_at", "handled_by"])
    audit_record(
        event_type=AuditEventType.ONLINE_REQUEST_REJECTED,
        office=submission.office,
        actor=actor,
        target=submission,
        from_state=SubmissionState.PENDING,
        to_state=submission.state,
        data={"reason": submission.rejection_reason},
    )
    return submission
