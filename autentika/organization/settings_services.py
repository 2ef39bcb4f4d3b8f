"""Pengaturan kantor (issue #16): the office's profile and logo, and what every settings
change shares: `Action.OFFICE_MANAGE` in the office (`manager_check`), one transaction, and a
typed audit event naming what changed from what to what (`settings_record`). Positions,
assignments and chains: `structure_services`."""

import datetime as dt
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from autentika.core.audit import audit_record
from autentika.core.formatting import format_size_id
from autentika.core.models import AuditEventType
from autentika.core.permissions import PERMISSIONS, Action, Duty
from autentika.core.stored_files import atomic_with_files, upload_store
from autentika.core.upload_content import image_check, image_reencoded
from autentika.core.uploads import Upload, sniff_content_type, upload_limits_text
from autentika.organization.access import user_may
from autentika.organization.models import Assignment, Office, Position
from autentika.organization.selectors import user_active_assignments

OFFICE_LOGO_MAX_BYTES = 1024 * 1024
OFFICE_LOGO_TYPES = ("image/png", "image/jpeg")
# What the logo input says about its limits (office_logo_change enforces them).
OFFICE_LOGO_LIMITS_TEXT = (
    upload_limits_text(types="PNG atau JPG", max_bytes=OFFICE_LOGO_MAX_BYTES, pdf_rules=False)
    + " Isi berkas diperiksa: berkas yang hanya bernama .png tetapi bukan gambar PNG ditolak."
)
_TELEPHONE = re.compile(r"^[0-9 ()+\-.,/]*$")


def manager_check(*, actor: Any, office: Office) -> Assignment | None:
    """The assignment through which the actor manages the office (for the audit event)."""
    if not user_may(actor, Action.OFFICE_MANAGE, office=office):
        raise PermissionDenied(
            f"Anda tidak berwenang: {PERMISSIONS[Action.OFFICE_MANAGE].description.lower()}."
        )
    return next(
        (
            assignment
            for assignment in user_active_assignments(user=actor, office=office)
            if assignment.position.has_duty(Duty.MANAGE_OFFICE)
        ),
        None,
    )


def settings_record(
    event_type: AuditEventType,
    *,
    office: Office,
    actor: Any,
    acting: Assignment | None,
    target: Any,
    data: dict[str, Any],
) -> None:
    audit_record(
        event_type=event_type,
        office=office,
        actor=actor,
        acting_position=acting.position if acting else None,
        acting_capacity=acting.kind if acting else "",
        target=target,
        data=data,
    )


def changes_apply(obj: Any, values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Set each value on the object; the ones that differ, as {field: {from, to}}."""
    changes = {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = {"from": _plain(old), "to": _plain(value)}
            setattr(obj, name, value)
    return changes


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Position):
        return value.code
    return value


@transaction.atomic
def office_profile_change(
    *,
    office: Office,
    actor: Any,
    name: str,
    letterhead_lines: str,
    address: str,
    city: str,
    telephone: str,
    email: str,
    website: str,
    paraf_on_archive_copy_only: bool,
) -> Office:
    acting = manager_check(actor=actor, office=office)
    office = Office.objects.select_for_update().get(pk=office.pk)
    problems: dict[str, str] = {}
    if not [line for line in letterhead_lines.splitlines() if line.strip()]:
        problems["letterhead_lines"] = "Kop surat harus memuat sedikitnya satu baris."
    if not _TELEPHONE.match(telephone):
        problems["telephone"] = (
            "Nomor telepon hanya boleh berisi angka, spasi, tanda kurung, tanda plus dan tanda "
            "hubung, misalnya (061) 4524000."
        )
    if " " in website.strip():
        problems["website"] = "Alamat laman tidak boleh memuat spasi, misalnya sumut.kpu.go.id."
    if problems:
        raise ValidationError(problems)
    changes = changes_apply(
        office,
        {
            "name": name.strip(),
            "letterhead_lines": "\n".join(line.rstrip() for line in letterhead_lines.splitlines()),
            "address": address.strip(),
            "city": city.strip(),
            "telephone": telephone.strip(),
            "email": email.strip(),
            "website": website.strip(),
            "paraf_on_archive_copy_only": paraf_on_archive_copy_only,
        },
    )
    office.full_clean()
    if changes:
        office.save(update_fields=list(changes))
        settings_record(
            AuditEventType.OFFICE_PROFILE_CHANGED,
            office=office,
            actor=actor,
            acting=acting,
            target=office,
            data={"changes": changes},
        )
    return office


@atomic_with_files
def office_logo_change(*, office: Office, actor: Any, upload: Upload) -> Office:
    """The letterhead's logo: a PNG or JPEG image of at most 1 MB, decoded to be sure, stored
    re-encoded from its pixels."""
    acting = manager_check(actor=actor, office=office)
    label = "Logo kantor"
    content = upload.content
    if not content:
        raise ValidationError({"logo": f"{label} ({upload.name}) kosong."})
    if len(content) > OFFICE_LOGO_MAX_BYTES:
        raise ValidationError(
            {
                "logo": f"{label} ({upload.name}) berukuran {format_size_id(len(content))}; "
                "batasnya 1 MB."
            }
        )
    content_type = sniff_content_type(content)
    if content_type not in OFFICE_LOGO_TYPES:
        raise ValidationError(
            {
                "logo": f"{label} ({upload.name}) bukan gambar PNG atau JPG: isi berkas tidak "
                "sesuai dengan namanya."
            }
        )
    try:
        image_check(content, label=label, name=upload.name)
    except ValidationError as error:
        raise ValidationError({"logo": error.messages}) from error
    # what every letter prints is the logo drawn again from its pixels alone (no EXIF, ICC or
    # other chunk of the uploaded file); the upload's SHA-256 stays in the audit event
    stored = Upload(upload.name, image_reencoded(content, content_type=str(content_type)))
    office = Office.objects.select_for_update().get(pk=office.pk)
    previous = office.logo.name
    upload_store(office.logo, upload=stored, content_type=str(content_type))
    office.save(update_fields=["logo"])
    settings_record(
        AuditEventType.OFFICE_LOGO_CHANGED,
        office=office,
        actor=actor,
        acting=acting,
        target=office,
        data={
            "name": upload.name,
            "sha256": upload.sha256,
            "stored_sha256": stored.sha256,
            "content_type": content_type,
            "bytes": len(content),
            "previous": previous,
        },
    )
    return office


@transaction.atomic
def office_logo_remove(*, office: Office, actor: Any) -> Office:
    """The letterhead prints no logo again; the file is left to `files_sweep`."""
    acting = manager_check(actor=actor, office=office)
    office = Office.objects.select_for_update().get(pk=office.pk)
    if not office.logo:
        return office
    previous = office.logo.name
    office.logo = ""
    office.save(update_fields=["logo"])
    settings_record(
        AuditEventType.OFFICE_LOGO_CHANGED,
        office=office,
        actor=actor,
        acting=acting,
        target=office,
        data={"removed": True, "previous": previous},
    )
    return office
