"""The legal deadline (UU 14/2008 art. 22) on the real 2025 calendar. Every expected date is
written here as a clerk counts it by hand on the SKB calendar, never computed by the code
under test:

- received Thursday 27 March 2025 10:00 WIB, the last working day before Idul Fitri
  (28 March cuti bersama, 29 Nyepi, 31 March-1 April Idul Fitri, 2-7 April cuti bersama):
  8, 9, 10, 11, 14, 15, 16, 17 April, (18 Good Friday), 21, 22 April -> 22 April 2025;
- received Saturday 8 February 2025: counts from Monday 10 February; 11, 12, 13, 14, 17, 18,
  19, 20, 21, 24 February -> 24 February 2025;
- received Wednesday 5 February 2025 at 23:00 WIB: counts from Thursday 6 February; 7, 10, 11,
  12, 13, 14, 17, 18, 19, 20 February -> 20 February 2025;
- extended 7 working days from 22 April 2025: 23, 24, 25, 28, 29, 30 April, (1 May Labour
  Day), 2 May -> 2 May 2025.
"""

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import ValidationError

from autentika.cases.kip_services import case_deadline_extend
from autentika.core.models import AuditEvent, AuditEventType
from autentika.organization.calendar_services import office_closure_add

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
REASON = "Data yang dimohonkan mencakup tiga pemilu dan perlu dihimpun dari arsip."


def _received(register, moment: dt.datetime, **extra):
    return register(
        received_at=moment,
        letter_date=moment.date() - dt.timedelta(days=3),
        **extra,
    )


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB), dt.date(2025, 4, 22)),
        (dt.datetime(2025, 2, 8, 10, 0, tzinfo=WIB), dt.date(2025, 2, 24)),
        (dt.datetime(2025, 2, 5, 23, 0, tzinfo=WIB), dt.date(2025, 2, 20)),
    ],
    ids=["before-idul-fitri", "saturday", "at-23-wib"],
)
def test_due_date_as_a_clerk_writes_it(register, received, due) -> None:
    case = _received(register, received)
    assert case.kip_due_on == due
    event = AuditEvent.objects.get(event_type=AuditEventType.CASE_REGISTERED, target_id=case.pk)
    assert event.data["kip_due_on"] == due.isoformat()


def test_extension_once_before_the_deadline(
    register, demo_user, django_capture_on_commit_callbacks
) -> None:
    case = _received(register, dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB))
    sekretaris = demo_user("sekretaris")
    before = dt.datetime(2025, 4, 21, 10, 0, tzinfo=WIB)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        case = case_deadline_extend(case=case, actor=sekretaris, reason=REASON, now=before)
    assert callbacks  # the party is told (notifications follow the commit)
    assert case.kip_extended_due_on == dt.date(2025, 5, 2)
    assert case.kip_deadline == dt.date(2025, 5, 2)
    event = AuditEvent.objects.get(event_type=AuditEventType.CASE_DEADLINE_EXTENDED)
    assert event.data["reason"] == REASON
    with pytest.raises(ValidationError, match="sudah pernah diperpanjang"):
        case_deadline_extend(case=case, actor=sekretaris, reason=REASON, now=before)


def test_extension_after_the_deadline_refused(register, demo_user) -> None:
    case = _received(register, dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB))
    after = dt.datetime(2025, 4, 23, 9, 0, tzinfo=WIB)
    with pytest.raises(ValidationError, match="sudah lewat"):
        case_deadline_extend(case=case, actor=demo_user("sekretaris"), reason=REASON, now=after)


def test_extension_needs_a_written_reason_and_the_sekretaris(register, demo_user) -> None:
    from django.core.exceptions import PermissionDenied

    case = _received(register, dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB))
    before = dt.datetime(2025, 4, 21, 10, 0, tzinfo=WIB)
    with pytest.raises(ValidationError, match="alasan"):
        case_deadline_extend(case=case, actor=demo_user("sekretaris"), reason="x", now=before)
    with pytest.raises(PermissionDenied):
        case_deadline_extend(case=case, actor=demo_user("tu"), reason=REASON, now=before)


def test_past_closure_refused_once_requests_came(register, sumut, demo_user) -> None:
    _received(register, dt.datetime(2025, 2, 5, 10, 0, tzinfo=WIB))
    with pytest.raises(ValidationError, match="sudah menerima permohonan"):
        office_closure_add(
            office=sumut,
            actor=demo_user("sekretaris"),
            starts_on=dt.date(2025, 2, 4),
            ends_on=dt.date(2025, 2, 4),
            reason="Pemadaman listrik",
            now=dt.datetime(2025, 2, 10, 9, 0, tzinfo=WIB),
        )


def test_the_party_is_told_the_new_date_and_the_reason() -> None:
    from autentika.core.models import AuditEvent
    from autentika.notifications.services import _party_status

    event = AuditEvent(
        event_type=AuditEventType.CASE_DEADLINE_EXTENDED.value,
        data={"kip_extended_due_on": "2025-05-02", "reason": REASON},
    )
    text = _party_status(event)
    assert "diperpanjang 7 hari kerja" in text and "2 Mei 2025" in text and REASON in text
