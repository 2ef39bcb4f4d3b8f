"""Creating an election and recording its results decision (the archive's catalogue)."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.core.validators import validate_slug
from django.db import transaction

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.core.permissions import Action
from autentika.core.stored_files import atomic_with_files, file_store
from autentika.organization.access import user_may
from autentika.organization.models import Office
from autentika.results.models import (
    Decision,
    DecisionStatus,
    Election,
    Legislature,
)

RESERVED_CODES = {"pemilu-baru"}  # a path under /hasil/
LEGISLATURE_NAMES = {
    Legislature.DPR: "Dewan Perwakilan Rakyat",
    Legislature.DPRD_PROVINSI: "Dewan Perwakilan Rakyat Daerah Provinsi",
    Legislature.DPRD_KABKOTA: "Dewan Perwakilan Rakyat Daerah Kabupaten/Kota",
}


def results_manage_check(*, actor: Any, office: Office) -> None:
    """The archive's figures (what letters certify) change only by a holder of the rule
    `results.manage` at the office, asked here whoever calls: a page, a command, the demo."""
    if not user_may(actor, Action.RESULTS_MANAGE, office=office):
        raise PermissionDenied(
            "Anda tidak berwenang membuat pemilu, mencatat keputusan, atau mengimpor hasil: "
            "hanya pemegang jabatan dengan tugas mengelola arsip hasil pemilu di kantor ini."
        )


@transaction.atomic
def election_create(
    *,
    office: Office,
    code: str,
    year: int,
    legislature: str,
    name: str = "",
    threshold_percent: Decimal | int | str | None = None,
    actor: Any,
) -> Election:
    results_manage_check(actor=actor, office=office)
    errors: dict[str, str] = {}
    try:
        validate_slug(code)
    except ValidationError:
        errors["code"] = "Kode hanya boleh huruf, angka, tanda hubung, dan garis bawah."
    if legislature not in Legislature.values:
        errors["legislature"] = "Lembaga harus DPR, DPRD_PROVINSI, atau DPRD_KABKOTA."
    if not 1955 <= int(year) <= 2100:
        errors["year"] = "Tahun pemilu tidak masuk akal."
    threshold = None if threshold_percent in (None, "") else Decimal(str(threshold_percent))
    if threshold is not None:
        if legislature != Legislature.DPR:
            errors["threshold_percent"] = (
                "Ambang batas parlemen hanya berlaku untuk DPR RI; DPRD tanpa ambang batas."
            )
        elif not Decimal(0) < threshold < Decimal(100):
            errors["threshold_percent"] = "Ambang batas harus di antara 0 dan 100 persen."
    if code in RESERVED_CODES:
        errors["code"] = f"Kode “{code}” dipakai oleh aplikasi; pilih kode lain."
    if "code" not in errors and Election.objects.filter(office=office, code=code).exists():
        errors["code"] = f"Kode pemilu “{code}” sudah dipakai di kantor ini."
    if errors:
        raise ValidationError(errors)
    if not name:
        name = f"Pemilu Anggota {LEGISLATURE_NAMES[Legislature(legislature)]} Tahun {year}"
    election = Election.objects.create(
        office=office,
        code=code,
        year=int(year),
        legislature=legislature,
        name=name,
        threshold_percent=threshold,
    )
    audit_record(
        event_type=AuditEventType.ELECTION_CREATED,
        office=office,
        actor=actor,
        target=election,
        data={
            "code": code,
            "name": name,
            "year": int(year),
            "legislature": legislature,
            "threshold_percent": str(threshold) if threshold is not None else None,
        },
    )
    return election


@atomic_with_files
def decision_create(
    *,
    election: Election,
    number: str,
    date: dt.date,
    title: str,
    status: str,
    actor: Any,
    document: File | None = None,
) -> Decision:
    results_manage_check(actor=actor, office=election.office)
    errors: dict[str, str] = {}
    if not number.strip():
        errors["number"] = "Nomor keputusan wajib diisi."
    if not title.strip():
        errors["title"] = "Judul keputusan wajib diisi."
    if status not in DecisionStatus.values:
        errors["status"] = "Status harus official, provisional, atau sample."
    if errors:
        raise ValidationError(errors)
    decision = Decision(
        election=election, number=number.strip(), date=date, title=title.strip(), status=status
    )
    if document is not None:
        file_store(decision.document, name=document.name or "keputusan.pdf", content=document)
    decision.save()
    audit_record(
        event_type=AuditEventType.DECISION_CREATED,
        office=election.office,
        actor=actor,
        target=decision,
        to_state=status,
        data={
            "election": election.code,
            "number": decision.number,
            "date": date.isoformat(),
            "title": decision.title,
            "status": status,
        },
    )
    return decision
