"""The office's calendar settings (issue #31): working hours and time zone, and the office's
own closures. Each change is the Sekretaris's (`Action.OFFICE_MANAGE`), in one transaction,
audited (`settings_services.settings_record`)."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from autentika.core.formatting import format_date_id
from autentika.core.models import AuditEventType
from autentika.organization.models import Office, OfficeClosure, OfficeTimeZone
from autentika.organization.settings_services import changes_apply, manager_check, settings_record
from autentika.organization.workdays import national_holidays

CLOSURE_MAX_DAYS = 31


@transaction.atomic
def office_hours_change(
    *, office: Office, actor: Any, time_zone: str, work_starts: dt.time, work_ends: dt.time
) -> Office:
    acting = manager_check(actor=actor, office=office)
    office = Office.objects.select_for_update().get(pk=office.pk)
    if time_zone not in OfficeTimeZone.values:
        raise ValidationError({"time_zone": "Zona waktu harus WIB, WITA, atau WIT."})
    if work_starts >= work_ends:
        raise ValidationError({"work_ends": "Jam kerja selesai harus setelah jam mulai."})
    changes = changes_apply(
        office, {"time_zone": time_zone, "work_starts": work_starts, "work_ends": work_ends}
    )
    for change in changes.values():
        for key in ("from", "to"):
            if isinstance(change[key], dt.time):
                change[key] = change[key].strftime("%H:%M")
    if changes:
        office.save(update_fields=list(changes))
        settings_record(
            AuditEventType.OFFICE_HOURS_CHANGED,
            office=office,
            actor=actor,
            acting=acting,
            target=office,
            data={"changes": changes},
        )
    return office


def _days(starts_on: dt.date, ends_on: dt.date) -> list[dt.date]:
    return [starts_on + dt.timedelta(days=i) for i in range((ends_on - starts_on).days + 1)]


def _closure_problems(
    *, office: Office, starts_on: dt.date, ends_on: dt.date, reason: str, today: dt.date
) -> str:
    if not reason.strip():
        return "Tuliskan alasan kantor tutup."
    if ends_on < starts_on:
        return "Tanggal akhir hari tutup tidak boleh sebelum tanggal mulainya."
    if (ends_on - starts_on).days + 1 > CLOSURE_MAX_DAYS:
        return f"Hari tutup kantor paling lama {CLOSURE_MAX_DAYS} hari sekaligus."
    for day in _days(starts_on, ends_on):
        if name := national_holidays(day.year).get(day):
            return (
                f"Hari tutup kantor bertumpang dengan hari libur nasional atau cuti bersama: "
                f"{format_date_id(day)} ({name}). Hari itu sudah bukan hari kerja; "
                "catat hari tutup tanpa tanggal tersebut."
            )
    clash = OfficeClosure.objects.filter(
        office=office, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).first()
    if clash is not None:
        return (
            f"Hari tutup kantor bertumpang dengan hari tutup yang sudah dicatat "
            f"({format_date_id(clash.starts_on)} s.d. {format_date_id(clash.ends_on)})."
        )
    if starts_on <= today and office.cases.filter(received_at__date__gte=starts_on).exists():
        return (
            "Hari tutup yang sudah lewat tidak dapat dicatat: sejak tanggal itu kantor sudah "
            "menerima permohonan dan batas waktunya sudah dihitung dari hari kerja tersebut."
        )
    return ""


@transaction.atomic
def office_closure_add(
    *,
    office: Office,
    actor: Any,
    starts_on: dt.date,
    ends_on: dt.date,
    reason: str,
    now: dt.datetime | None = None,
) -> OfficeClosure:
    acting = manager_check(actor=actor, office=office)
    now = now or timezone.now()
    office = Office.objects.select_for_update().get(pk=office.pk)
    problem = _closure_problems(
        office=office,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        today=timezone.localdate(now),
    )
    if problem:
        raise ValidationError(problem)
    closure = OfficeClosure.objects.create(
        office=office, starts_on=starts_on, ends_on=ends_on, reason=reason.strip(), created_at=now
    )
    settings_record(
        AuditEventType.OFFICE_CLOSURE_ADDED,
        office=office,
        actor=actor,
        acting=acting,
        target=closure,
        data={
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "reason": closure.reason,
        },
    )
    return closure


@transaction.atomic
def office_closure_remove(
    *, office: Office, actor: Any, closure: OfficeClosure, now: dt.datetime | None = None
) -> None:
    acting = manager_check(actor=actor, office=office)
    now = now or timezone.now()
    if closure.office_id != office.pk:
        raise ValidationError("Hari tutup itu bukan milik kantor ini.")
    if closure.starts_on <= timezone.localdate(now):
        raise ValidationError(
            "Hari tutup yang sudah dimulai tidak dapat dihapus: batas waktu permohonan sudah "
            "dihitung dengannya."
        )
    data = {
        "starts_on": closure.starts_on.isoformat(),
        "ends_on": closure.ends_on.isoformat(),
        "reason": closure.reason,
    }
    settings_record(
        AuditEventType.OFFICE_CLOSURE_REMOVED,
        office=office,
        actor=actor,
        acting=acting,
        target=closure,
        data=data,
    )
    closure.delete()
