"""Pengaturan kantor, the office's structure (issue #16): positions (reports-to, duties),
assignments of holders (definitive, Plt, Plh) and the disposition and review chains. The
permission check and the audit event are those of `settings_services`."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from autentika.core.models import AuditEventType
from autentika.core.permissions import Duty
from autentika.organization.models import (
    Assignment,
    Chain,
    ChainLink,
    ChainPurpose,
    Office,
    Position,
    validate_duties,
)
from autentika.organization.services import assignment_create
from autentika.organization.settings_services import (
    changes_apply,
    manager_check,
    settings_record,
)


def _position_problems(
    position: Position, *, reports_to: Position | None, duties: list[str]
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if reports_to is not None:
        if reports_to.office_id != position.office_id:
            problems["reports_to"] = "Atasan harus jabatan di kantor yang sama."
        elif position.pk and reports_to.pk == position.pk:
            problems["reports_to"] = "Jabatan tidak boleh menjadi atasannya sendiri."
        elif position.pk and _is_below(reports_to, position):
            problems["reports_to"] = (
                f"{reports_to.title} adalah bawahan {position.title}; jabatan tidak boleh "
                "melapor kepada bawahannya sendiri."
            )
    try:
        validate_duties(duties)
    except ValidationError as error:
        problems["duties"] = " ".join(error.messages)
        return problems
    others = [pk for pk in _managing_positions(position.office_id) if pk != position.pk]
    if Duty.MANAGE_OFFICE.value not in duties and not others:
        problems["duties"] = (
            f'Tugas "{Duty.MANAGE_OFFICE.label}" harus tetap dipegang sedikitnya satu jabatan '
            "kantor ini; tanpanya tidak ada yang dapat membuka pengaturan kantor lagi."
        )
    if position.code == position.office.letter_signer_code and Duty.SIGN.value not in duties:
        problems["duties"] = (
            f"{position.title or 'Jabatan ini'} adalah jabatan penanda tangan surat balasan "
            f'kantor ini; tugas "{Duty.SIGN.label}" harus tetap padanya, tanpanya tidak ada '
            "surat yang dapat ditandatangani."
        )
    return problems


def _is_below(candidate: Position, position: Position) -> bool:
    """Does `position` appear above `candidate`, following reports-to upwards?"""
    seen = {candidate.pk}
    above = candidate.reports_to
    while above is not None and above.pk not in seen:
        if above.pk == position.pk:
            return True
        seen.add(above.pk)
        above = above.reports_to
    return False


def _managing_positions(office_id: int) -> list[int]:
    return [
        position.pk
        for position in Position.objects.filter(office_id=office_id)
        if position.has_duty(Duty.MANAGE_OFFICE)
    ]


@transaction.atomic
def position_create(
    *,
    office: Office,
    actor: Any,
    code: str,
    title: str,
    reports_to: Position | None,
    duties: list[str],
    several_holders: bool = False,
) -> Position:
    acting = manager_check(actor=actor, office=office)
    position = Position(
        office=office,
        code=code,
        title=title.strip(),
        reports_to=reports_to,
        duties=list(duties),
        several_holders=several_holders,
    )
    problems = _position_problems(position, reports_to=reports_to, duties=list(duties))
    if Position.objects.filter(office=office, code=code).exists():
        problems["code"] = (
            f"Kantor ini sudah memiliki jabatan dengan kode {code}; ubah jabatan itu saja."
        )
    if problems:
        raise ValidationError(problems)
    position.full_clean()
    position.save()
    settings_record(
        AuditEventType.POSITION_CREATED,
        office=office,
        actor=actor,
        acting=acting,
        target=position,
        data={
            "code": code,
            "title": position.title,
            "reports_to": reports_to.code if reports_to else None,
            "duties": position.duties,
            "several_holders": several_holders,
        },
    )
    return position


@transaction.atomic
def position_change(
    *,
    position: Position,
    actor: Any,
    title: str,
    reports_to: Position | None,
    duties: list[str],
    several_holders: bool,
) -> Position:
    office = position.office
    acting = manager_check(actor=actor, office=office)
    position = Position.objects.select_for_update().get(pk=position.pk)
    problems = _position_problems(position, reports_to=reports_to, duties=list(duties))
    if problems:
        raise ValidationError(problems)
    changes = changes_apply(
        position,
        {
            "title": title.strip(),
            "reports_to": reports_to,
            "duties": list(duties),
            "several_holders": several_holders,
        },
    )
    position.full_clean()
    if changes:
        position.save()
        settings_record(
            AuditEventType.POSITION_CHANGED,
            office=office,
            actor=actor,
            acting=acting,
            target=position,
            data={"code": position.code, "changes": changes},
        )
    return position


def assignment_add(
    *,
    office: Office,
    actor: Any,
    user: Any,
    position: Position,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    decree_reference: str,
) -> Assignment:
    """A holder for a position of the office: definitive, Plt or Plh, for a period."""
    manager_check(actor=actor, office=office)
    if position.office_id != office.pk:
        raise ValidationError({"position": "Jabatan harus jabatan di kantor ini."})
    return assignment_create(
        user=user,
        position=position,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        decree_reference=decree_reference.strip(),
        actor=actor,
    )


@transaction.atomic
def assignment_change(
    *,
    assignment: Assignment,
    actor: Any,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    decree_reference: str,
) -> Assignment:
    office = assignment.position.office
    acting = manager_check(actor=actor, office=office)
    # Lock the position so two concurrent changes cannot both pass the overlap check.
    Position.objects.select_for_update().get(pk=assignment.position_id)
    assignment = Assignment.objects.select_related("user", "position").get(pk=assignment.pk)
    changes = changes_apply(
        assignment,
        {
            "kind": kind,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "decree_reference": decree_reference.strip(),
        },
    )
    assignment.full_clean()
    if changes:
        assignment.save()
        settings_record(
            AuditEventType.ASSIGNMENT_CHANGED,
            office=office,
            actor=actor,
            acting=acting,
            target=assignment,
            data={
                "user": assignment.user.get_username(),
                "position": assignment.position.code,
                "changes": changes,
            },
        )
    return assignment


def chain_problems(
    *, office: Office, purpose: str, positions: list[Position]
) -> list[ValidationError]:
    """Each problem names the step (1-based, `params["step"]`) it belongs to, if any.

    A request is drafted where the disposition chain reaches a position with the DRAFT duty,
    and the review chain starts at the drafter (letters/desks.py): both must hold."""
    if not positions:
        return [ValidationError("Alur harus memuat sedikitnya satu jenjang.")]
    problems = []
    drafting = Duty.DRAFT.label
    if purpose == ChainPurpose.DISPOSITION and not any(p.has_duty(Duty.DRAFT) for p in positions):
        problems.append(
            ValidationError(
                f'Alur disposisi harus sampai pada jabatan yang bertugas "{drafting}"; tanpa '
                "itu permohonan tidak pernah sampai kepada penyusun konsep."
            )
        )
    if purpose == ChainPurpose.REVIEW and not positions[0].has_duty(Duty.DRAFT):
        problems.append(
            ValidationError(
                f'Jenjang pertama alur paraf harus jabatan yang bertugas "{drafting}": konsep '
                "diajukan oleh penyusunnya.",
                code="drafter",
                params={"step": 1},
            )
        )
    first_step: dict[int, int] = {}
    for step, position in enumerate(positions, start=1):
        if position.office_id != office.pk:
            problems.append(
                ValidationError(
                    "Jenjang harus jabatan di kantor ini.", code="office", params={"step": step}
                )
            )
        elif position.pk in first_step:
            problems.append(
                ValidationError(
                    f"{position.title} sudah ada pada jenjang {first_step[position.pk]}; satu "
                    "jabatan hanya boleh muncul sekali dalam alur.",
                    code="repeated",
                    params={"step": step},
                )
            )
        else:
            first_step[position.pk] = step
    return problems


@transaction.atomic
def chain_change(
    *,
    office: Office,
    actor: Any,
    purpose: str,
    positions: list[Position],
    allow_skip: bool,
) -> Chain:
    """The route of a purpose, in order. Steps already taken keep the positions they had."""
    acting = manager_check(actor=actor, office=office)
    if purpose not in ChainPurpose.values:
        raise ValidationError(f"Alur tidak dikenal: {purpose}.")
    if problems := chain_problems(office=office, purpose=purpose, positions=positions):
        raise ValidationError({"positions": problems})
    chain, _ = Chain.objects.select_for_update().get_or_create(office=office, purpose=purpose)
    before = [link.position.code for link in chain.links.select_related("position")]
    after = [position.code for position in positions]
    if before == after and chain.allow_skip == allow_skip:
        return chain
    chain.links.all().delete()
    ChainLink.objects.bulk_create(
        ChainLink(chain=chain, order=order, position=position)
        for order, position in enumerate(positions, start=1)
    )
    data: dict[str, Any] = {"purpose": purpose, "from": before, "to": after}
    if chain.allow_skip != allow_skip:
        data["allow_skip"] = {"from": chain.allow_skip, "to": allow_skip}
        chain.allow_skip = allow_skip
        chain.save(update_fields=["allow_skip"])
    settings_record(
        AuditEventType.CHAIN_CHANGED,
        office=office,
        actor=actor,
        acting=acting,
        target=chain,
        data=data,
    )
    return chain
