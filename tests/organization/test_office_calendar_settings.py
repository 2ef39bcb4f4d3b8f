"""The office's closures and hours: the Sekretaris sets them, audited; bad input refused in
Indonesian."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from autentika.core.models import AuditEvent, AuditEventType
from autentika.organization.calendar_services import (
    office_closure_add,
    office_closure_remove,
    office_hours_change,
)

NOW = dt.datetime(2025, 1, 10, 9, 0, tzinfo=dt.UTC)


def test_closure_added_and_audited(sumut, demo_user) -> None:
    closure = office_closure_add(
        office=sumut,
        actor=demo_user("sekretaris"),
        starts_on=dt.date(2025, 2, 6),
        ends_on=dt.date(2025, 2, 7),
        reason="Renovasi gedung",
        now=NOW,
    )
    event = AuditEvent.objects.get(event_type=AuditEventType.OFFICE_CLOSURE_ADDED)
    assert event.data["reason"] == "Renovasi gedung"
    office_closure_remove(office=sumut, actor=demo_user("sekretaris"), closure=closure, now=NOW)
    assert AuditEvent.objects.filter(event_type=AuditEventType.OFFICE_CLOSURE_REMOVED).exists()


def test_closure_over_a_holiday_refused(sumut, demo_user) -> None:
    with pytest.raises(ValidationError, match="bertumpang dengan hari libur nasional"):
        office_closure_add(
            office=sumut,
            actor=demo_user("sekretaris"),
            starts_on=dt.date(2025, 3, 27),
            ends_on=dt.date(2025, 3, 28),  # cuti bersama Nyepi
            reason="Persiapan mudik",
            now=NOW,
        )


def test_closure_ending_before_it_starts_refused(sumut, demo_user) -> None:
    with pytest.raises(ValidationError, match="tidak boleh sebelum"):
        office_closure_add(
            office=sumut,
            actor=demo_user("sekretaris"),
            starts_on=dt.date(2025, 2, 7),
            ends_on=dt.date(2025, 2, 6),
            reason="Renovasi",
            now=NOW,
        )


def test_only_the_manager(sumut, demo_user) -> None:
    with pytest.raises(PermissionDenied):
        office_closure_add(
            office=sumut,
            actor=demo_user("tu"),
            starts_on=dt.date(2025, 2, 6),
            ends_on=dt.date(2025, 2, 6),
            reason="x",
            now=NOW,
        )


def test_hours_changed_and_audited(sumut, demo_user) -> None:
    office_hours_change(
        office=sumut,
        actor=demo_user("sekretaris"),
        time_zone="Asia/Makassar",
        work_starts=dt.time(7, 30),
        work_ends=dt.time(16, 0),
    )
    sumut.refresh_from_db()
    assert sumut.time_zone == "Asia/Makassar"
    event = AuditEvent.objects.get(event_type=AuditEventType.OFFICE_HOURS_CHANGED)
    assert event.data["changes"]["work_starts"] == {"from": "08:00", "to": "07:30"}
    with pytest.raises(ValidationError, match="Jam kerja selesai"):
        office_hours_change(
            office=sumut,
            actor=demo_user("sekretaris"),
            time_zone="Asia/Jakarta",
            work_starts=dt.time(16, 0),
            work_ends=dt.time(8, 0),
        )


def test_calendar_page_adds_a_closure_and_shows_a_refusal(client, sumut, demo_user) -> None:
    from django.urls import reverse

    client.force_login(demo_user("sekretaris"))
    page = client.get(reverse("organization:calendar", args=[sumut.code]))
    assert page.status_code == 200
    assert "Hari libur nasional dan cuti bersama" in page.content.decode()
    url = reverse("organization:closure_add", args=[sumut.code])
    refused = client.post(
        url, {"starts_on": "2025-12-24", "ends_on": "2025-12-26", "reason": "Libur akhir tahun"}
    )
    assert refused.status_code == 400
    assert "bertumpang dengan hari libur nasional" in refused.content.decode()
    client.force_login(demo_user("tu"))
    assert client.get(reverse("organization:calendar", args=[sumut.code])).status_code == 403


def test_a_begun_closure_cannot_be_removed(client, sumut, demo_user) -> None:
    from django.urls import reverse

    closure = office_closure_add(
        office=sumut,
        actor=demo_user("sekretaris"),
        starts_on=dt.date(2025, 2, 6),
        ends_on=dt.date(2025, 2, 6),
        reason="Renovasi gedung",
        now=NOW,
    )
    client.force_login(demo_user("sekretaris"))
    url = reverse("organization:closure_remove", args=[sumut.code, closure.pk])
    page = client.post(url, follow=True).content.decode()
    assert "sudah dimulai tidak dapat dihapus" in page
