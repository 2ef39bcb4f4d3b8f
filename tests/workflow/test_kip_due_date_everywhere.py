"""One request's legal due date is the same on the portal page, the case page, the inbox,
the dashboard, the report and the party API. Received Saturday 8 February 2025: it counts from
Monday 10 February, and the tenth working day after it is Monday 24 February 2025 (a clerk's
count on the SKB calendar: 11, 12, 13, 14, 17, 18, 19, 20, 21, 24 February)."""

import datetime as dt
import zoneinfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from autentika.core.periods import Period
from autentika.portal.services import party_account_create, party_token_create
from autentika.reports.books import report_xlsx
from autentika.reports.selectors import report_compute

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
DUE_TEXT = "24 Februari 2025"


@pytest.mark.django_db
def test_the_same_due_date_everywhere(client, sumut, demo_user, register) -> None:
    received = dt.datetime(2025, 2, 8, 10, 0, tzinfo=WIB)
    case = register(received_at=received, letter_date=dt.date(2025, 2, 5))
    assert case.kip_due_on == dt.date(2025, 2, 24)

    client.force_login(demo_user("ketua"))  # the case waits at the Ketua's desk
    case_page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    inbox_page = client.get(reverse("cases:inbox")).content.decode()
    report_page = client.get(
        reverse("reports:report"), {"year": timezone.localdate().year}
    ).content.decode()
    dashboard = client.get(reverse("reports:dashboard")).content.decode()
    assert f">{case.agenda_label}</a>" in dashboard.split("Terlambat</h2>")[1]
    for page in (case_page, inbox_page):
        assert f'data-testid="kip-due">{DUE_TEXT}</span>' in page
        assert "lewat batas waktu" in page  # unanswered, and 24 February 2025 has passed
    assert f'<span class="kip-due">{DUE_TEXT}</span>' in report_page

    account = party_account_create(
        office=sumut,
        actor=demo_user("tu"),
        username="golkar-sumut",
        password="partai-rahasia-2025",
        party_short_name="Golkar",
        full_name="Pengurus Golkar",
        party_level="DPD",
    )
    party = account.user
    client.force_login(party)
    portal_page = client.get(reverse("portal:case", args=[case.pk])).content.decode()
    assert f'data-testid="kip-due">{DUE_TEXT}</span>' in portal_page
    portal_home = client.get(reverse("portal:home")).content.decode()
    assert f'data-testid="kip-due">{DUE_TEXT}</span>' in portal_home
    assert "lewat batas waktu" in portal_home

    token, _ = party_token_create(account=account, actor=party)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get(f"/api/v1/requests/{case.pk}").json()["kip_due_on"] == "2025-02-24"

    report = report_compute(office=sumut, period=Period.year(timezone.localdate().year))
    assert report.kip.registered == 1 and report.kip.open_past_due == 1
    assert [o.reason for o in report.overdue] == ["lewat batas waktu jawaban UU KIP"]
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(report_xlsx(office=sumut, period=report.period)))[
        "Batas waktu UU KIP"
    ]
    assert sheet.cell(row=2, column=3).value == DUE_TEXT
