"""Every KPU office from the list of regions (`manage.py offices_load`, issue #30): KPU RI,
each province's KPU and each regency/city's KPU (KIP in Aceh), with the positions, chains and
letter-number pattern of its level's template (`office_templates`). No users: each office's
staff are assigned afterwards in Pengaturan kantor or the admin.

Idempotent: an office whose code, or whose level and region, is already there is left exactly
as its staff configured it (the demo offices too); a run that creates nothing writes nothing.
Written in bulk (a few dozen queries for all 552 offices) in one transaction, with one audit
event for the load."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.organization.models import (
    Chain,
    ChainLink,
    ChainPurpose,
    Office,
    OfficeLevel,
    OfficeTimeZone,
    Position,
    PositionCode,
)
from autentika.organization.office_templates import (
    RI_NAMING,
    TEMPLATES,
    OfficeNaming,
    OfficeTemplate,
    office_naming,
    position_title,
)
from autentika.organization.regions import REGIONS_SOURCE, Region, regions_read
from autentika.organization.structure_services import chain_problems

RI_CODE = "kpu-ri"
RI_REGION_CODE = "00"


@dataclass(frozen=True)
class OfficePlan:
    """One office to create: the Office row (unsaved) and its level's template."""

    office: Office
    naming: OfficeNaming
    template: OfficeTemplate


@dataclass
class OfficesLoaded:
    created: list[str] = field(default_factory=list)  # office codes
    # already there (by code, or by level and region), left as they were: their codes
    kept: list[str] = field(default_factory=list)


def office_code(region: Region) -> str:
    """ "kpu-12" (KPU Provinsi Sumatera Utara), "kpu-1207" (Deli Serdang), "kip-11" (Aceh)."""
    return f"{'kip' if region.in_aceh else 'kpu'}-{region.number_code}"


def _ri_plan() -> OfficePlan:
    office = Office(
        code=RI_CODE,
        level=OfficeLevel.RI,
        name=RI_NAMING.name,
        region_code=RI_REGION_CODE,
        letterhead_lines="\n".join(RI_NAMING.letterhead),
        address="",
        city="Jakarta",
        time_zone=OfficeTimeZone.WIB,
        letter_number_pattern=TEMPLATES[OfficeLevel.RI].letter_number_pattern,
    )
    return OfficePlan(office, RI_NAMING, TEMPLATES[OfficeLevel.RI])


def _region_plan(region: Region) -> OfficePlan:
    naming = office_naming(region)
    template = TEMPLATES[region.level]
    office = Office(
        code=office_code(region),
        level=region.level,
        name=naming.name,
        region_code=region.number_code,
        letterhead_lines="\n".join(naming.letterhead),
        # The street address is the office's own: its Sekretaris fills it in Pengaturan kantor.
        address="",
        city=region.capital,
        time_zone=region.time_zone,
        letter_number_pattern=template.letter_number_pattern,
    )
    return OfficePlan(office, naming, template)


def offices_plan(regions: list[Region]) -> list[OfficePlan]:
    return [_ri_plan(), *(_region_plan(region) for region in regions)]


@transaction.atomic
def offices_load(*, regions: list[Region] | None = None, actor: Any = None) -> OfficesLoaded:
    plans = offices_plan(regions_read() if regions is None else regions)
    existing = list(Office.objects.values_list("code", "level", "region_code"))
    existing_codes = {code for code, _, _ in existing}
    existing_regions = {(level, region): code for code, level, region in existing}
    result = OfficesLoaded()
    new: list[OfficePlan] = []
    for plan in plans:
        office = plan.office
        if office.code in existing_codes:
            result.kept.append(office.code)
        elif (office.level, office.region_code) in existing_regions:
            result.kept.append(existing_regions[(office.level, office.region_code)])
        else:
            new.append(plan)
    if not new:
        return result
    Office.objects.bulk_create([plan.office for plan in new])  # sets each office's pk
    positions = _positions_create(new)
    _chains_create(new, positions)
    result.created = [plan.office.code for plan in new]
    audit_record(
        event_type=AuditEventType.OFFICES_LOADED,
        actor=actor,
        data={
            "source": REGIONS_SOURCE,
            "created": {
                level.value: sum(1 for plan in new if plan.office.level == level)
                for level in OfficeLevel
            },
            "codes": result.created,
            "kept": result.kept,
        },
    )
    return result


def _positions_create(plans: list[OfficePlan]) -> dict[tuple[str, PositionCode], Position]:
    """Each template's positions, level by level of the hierarchy (a position's superior is
    saved before it), one bulk insert per level."""
    created: dict[tuple[str, PositionCode], Position] = {}
    depth = max(len(plan.template.positions) for plan in plans)
    for _ in range(depth):
        batch = []
        for plan in plans:
            office = plan.office
            for item in plan.template.positions:
                if (office.code, item.code) in created:
                    continue
                if item.reports_to is not None and (office.code, item.reports_to) not in created:
                    continue
                batch.append(
                    (
                        office.code,
                        Position(
                            office=office,
                            code=item.code,
                            title=position_title(item, plan.naming),
                            reports_to=created.get((office.code, item.reports_to))
                            if item.reports_to
                            else None,
                            duties=[duty.value for duty in item.duties],
                            several_holders=item.several_holders,
                        ),
                    )
                )
        if not batch:
            break
        Position.objects.bulk_create([position for _, position in batch])
        for code, position in batch:
            created[(code, PositionCode(position.code))] = position
    return created


def _chains_create(
    plans: list[OfficePlan],
    positions: dict[tuple[str, PositionCode], Position],
) -> None:
    """The disposition and review chains, checked by the rules Pengaturan kantor applies."""
    chains: list[tuple[Chain, list[Position]]] = []
    for plan in plans:
        office = plan.office
        for purpose, route in (
            (ChainPurpose.DISPOSITION, plan.template.disposition),
            (ChainPurpose.REVIEW, plan.template.review),
        ):
            route_positions = [positions[(office.code, code)] for code in route]
            if problems := chain_problems(
                office=office, purpose=purpose, positions=route_positions
            ):
                raise ValidationError({f"{office.code} {purpose}": problems})
            chains.append((Chain(office=office, purpose=purpose), route_positions))
    Chain.objects.bulk_create([chain for chain, _ in chains])
    ChainLink.objects.bulk_create(
        ChainLink(chain=chain, order=order, position=position)
        for chain, route_positions in chains
        for order, position in enumerate(route_positions, start=1)
    )
