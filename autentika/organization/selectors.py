import base64
import datetime as dt
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from autentika.core.read_once import ReadOnce
from autentika.core.uploads import sniff_content_type
from autentika.organization.models import (
    Assignment,
    Chain,
    ChainLink,
    Office,
    Position,
    PositionCode,
)

logger = logging.getLogger(__name__)


def today() -> dt.date:
    return timezone.localdate()


def office_get(*, code: str) -> Office:
    try:
        return Office.objects.get(code=code)
    except Office.DoesNotExist as error:
        raise ValidationError(f"Kantor dengan kode '{code}' tidak ditemukan.") from error


def position_get(*, office: Office, code: str) -> Position:
    if code not in PositionCode.values:
        raise ValidationError(
            f"Kode jabatan tidak dikenal: '{code}'. Yang dikenal: {', '.join(PositionCode.values)}."
        )
    try:
        return Position.objects.get(office=office, code=code)
    except Position.DoesNotExist as error:
        raise ValidationError(f"Kantor {office.code} tidak memiliki jabatan {code}.") from error


def _active_on(day: dt.date) -> Q:
    return Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def position_holders(*, position: Position, on: dt.date | None = None) -> QuerySet[Assignment]:
    """Everyone who may act for the position on that day: its holder and any Plt/Plh."""
    return (
        Assignment.objects.filter(_active_on(on or today()), position=position)
        .select_related("user", "position")
        .order_by("kind", "starts_on")
    )


def duty_holder(*, office: Office, duty: str, on: dt.date | None = None) -> Any | None:
    """A user who holds, that day, a position of the office with the duty (the first position
    in code order, its definitive holder first); None when nobody does. For work done on the
    office's behalf without a person at a page: the demo data, the benchmarks."""
    for position in office.positions.order_by("code"):
        if duty in position.duties:
            holder = position_holders(position=position, on=on).first()
            if holder is not None:
                return holder.user
    return None


def position_definitive_holder(
    *, position: Position, on: dt.date | None = None
) -> Assignment | None:
    return position_holders(position=position, on=on).filter(kind="definitive").first()


def user_active_assignments(
    *, user: Any, office: Office | None = None, on: dt.date | None = None
) -> QuerySet[Assignment]:
    if not getattr(user, "is_authenticated", False):
        return Assignment.objects.none()
    queryset = Assignment.objects.filter(_active_on(on or today()), user=user).select_related(
        "position", "position__office"
    )
    if office is not None:
        queryset = queryset.filter(position__office=office)
    return queryset


# Inside `ASSIGNMENTS.scope()` (a moment with no write to assignments: a GET or HEAD request,
# one question of which steps a user may take) a user's assignments of today are read once:
# the second factor, the current office, the permission checks and the menu each ask them.
ASSIGNMENTS = ReadOnce("assignments")


def user_assignments_today(*, user: Any, office: Office | None = None) -> list[Assignment]:
    """`user_active_assignments` of today (in that office, or in every office), in the order
    they were made."""
    held = ASSIGNMENTS.read(
        getattr(user, "pk", None),
        lambda: list(user_active_assignments(user=user).order_by("pk")),
    )
    return held if office is None else [a for a in held if a.position.office_id == office.pk]


def user_offices(*, user: Any, on: dt.date | None = None) -> list[Office]:
    offices: dict[int, Office] = {}
    held = user_active_assignments(user=user, on=on) if on else user_assignments_today(user=user)
    for assignment in held:
        offices.setdefault(assignment.position.office_id, assignment.position.office)
    return list(offices.values())


def acting_assignment(
    *, user: Any, position: Position, on: dt.date | None = None
) -> Assignment | None:
    """The assignment through which the user may act for the position today, if any."""
    if on is None:
        held = user_assignments_today(user=user)
        return next((a for a in held if a.position_id == position.pk), None)
    return user_active_assignments(user=user, on=on).filter(position=position).first()


def chain_get(*, office: Office, purpose: str) -> Chain:
    try:
        return Chain.objects.get(office=office, purpose=purpose)
    except Chain.DoesNotExist as error:
        raise ValidationError(
            f"Kantor {office.code} belum memiliki alur '{purpose}'. Atur di halaman admin."
        ) from error


def chain_positions(*, office: Office, purpose: str) -> list[Position]:
    return chain_with_route(office=office, purpose=purpose)[1]


def chain_with_route(*, office: Office, purpose: str) -> tuple[Chain, list[Position]]:
    """The office's chain for the purpose and its positions in order, in one query (an empty
    chain, or none, asks again: `chain_get` names what is missing)."""
    links = list(
        ChainLink.objects.filter(chain__office=office, chain__purpose=purpose)
        .select_related("chain", "position")
        .order_by("order")
    )
    if links:
        return links[0].chain, [link.position for link in links]
    return chain_get(office=office, purpose=purpose), []


def office_logo_data_uri(office: Office) -> str:
    """The office's logo as a data: URI for the letterhead (WeasyPrint fetches nothing), or ""
    when it has none. A stored logo whose file is gone or is no longer an image prints none."""
    if not office.logo:
        return ""
    try:
        with office.logo.open("rb") as file:
            content = file.read()
    except OSError:
        logger.warning("logo of office %s not readable: %s", office.code, office.logo.name)
        return ""
    content_type = sniff_content_type(content)
    if content_type not in ("image/png", "image/jpeg"):
        return ""
    return f"data:{content_type};base64,{base64.b64encode(content).decode()}"
