"""Reminders two working days before the legal deadline, to the desk holding the request.
Received Thursday 27 March 2025: due Tuesday 22 April 2025 (tests/cases/test_kip_deadline.py).
Two working days before it is Thursday 17 April (18 April is Good Friday): from then on the desk
is reminded, once per due date; on Wednesday 16 April not yet."""

import datetime as dt
import zoneinfo

from autentika.cases.kip_services import kip_reminders_record
from autentika.core.models import AuditEvent, AuditEventType
from autentika.notifications.models import Notification

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_reminded_once_two_working_days_before(
    register, demo_user, django_capture_on_commit_callbacks
) -> None:
    case = register(
        received_at=dt.datetime(2025, 3, 27, 10, 0, tzinfo=WIB), letter_date=dt.date(2025, 3, 24)
    )
    assert kip_reminders_record(now=dt.datetime(2025, 4, 16, 9, 0, tzinfo=WIB)) == 0
    with django_capture_on_commit_callbacks(execute=True):  # notices follow the commit
        assert kip_reminders_record(now=dt.datetime(2025, 4, 17, 9, 0, tzinfo=WIB)) == 1
    assert kip_reminders_record(now=dt.datetime(2025, 4, 21, 9, 0, tzinfo=WIB)) == 0
    event = AuditEvent.objects.get(event_type=AuditEventType.CASE_DEADLINE_REMINDER)
    assert event.data["kip_deadline"] == "2025-04-22"
    notice = Notification.objects.get(case=case, title__startswith="Batas waktu jawaban")
    assert notice.recipient == demo_user("ketua")  # the desk holding it
    assert "22 April 2025" in notice.title
    # past the due date: no reminder any more
    assert kip_reminders_record(now=dt.datetime(2025, 4, 23, 9, 0, tzinfo=WIB)) == 0
