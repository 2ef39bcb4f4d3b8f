"""The period report: counts, time per SOP step from the audit events, overdue, PDF, XLSX."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from autentika.core.models import AuditEvent
from autentika.core.periods import Period
from autentika.handover.services import handover_record
from autentika.reports.books import report_pdf, report_xlsx
from autentika.reports.charts import bar_chart_svg
from autentika.reports.models import ArchiveRule, StepTarget
from autentika.reports.selectors import case_step_durations, report_compute
from tests.pdf import pdf_text

T0 = dt.datetime(2025, 3, 3, 8, 0, tzinfo=dt.UTC)


def _event(hours: float, from_state: str, to_state: str) -> AuditEvent:
    return AuditEvent(
        occurred_at=T0 + dt.timedelta(hours=hours), from_state=from_state, to_state=to_state
    )


def test_step_durations_from_events_sum_a_returned_draft():
    events = [
        _event(0, "", "disposition"),
        _event(1, "disposition", "disposition"),  # a disposition: same state
        _event(5, "disposition", "drafting"),
        _event(7, "drafting", "review"),
        _event(8, "review", "drafting"),  # returned with a note
        _event(10, "drafting", "review"),
        _event(13, "review", "signing"),
        _event(14, "signing", "signed"),
        _event(20, "signed", "handed_over"),
    ]
    spent, state, since = case_step_durations(events)
    assert {k: v.total_seconds() / 3600 for k, v in spent.items()} == {
        "disposition": 5,
        "drafting": 4,
        "review": 4,
        "signing": 1,
        "signed": 6,
    }
    assert state == "handed_over"
    assert since == T0 + dt.timedelta(hours=20)


def _hand_over(letter, tu):
    return handover_record(
        letter=letter,
        actor=tu,
        recipient_name="Budi Santoso",
        recipient_position="Sekretaris DPD",
        identity_number="1271011203850001",
        handed_at=timezone.now(),
        channel="in_person",
    )


@pytest.mark.django_db
def test_report_counts_steps_overdue_and_exports(
    signed_letter, at_drafter, demo_user, sumut, tmp_path
):
    letter = signed_letter()
    _hand_over(letter, demo_user("tu"))
    waiting = at_drafter(party_number=5, letter_number="12/DPW-NASDEM/2025")
    StepTarget.objects.create(office=sumut, step="drafting", amount=1, unit="working_hours")
    waiting.due_on = timezone.localdate() - dt.timedelta(days=1)
    waiting.save(update_fields=["due_on"])
    period = Period.year(timezone.localdate().year)
    later = timezone.now() + dt.timedelta(hours=3)
    report = report_compute(office=sumut, period=period, now=later)
    assert report.received == 2
    assert report.issued == 1
    assert report.refusals == 0
    assert report.handed_over == 1
    steps = {s.step: s for s in report.steps}
    assert steps["disposition"].count == 2
    assert steps["review"].count == 1 and steps["signing"].count == 1
    # the durations are the differences of the audit events' times
    events = list(
        AuditEvent.objects.filter(target_type="cases.case", target_id=str(letter.case.pk))
    )
    entered = next(e for e in events if e.to_state == "signing" and e.from_state != "signing")
    left = next(e for e in events if e.from_state == "signing" and e.to_state != "signing")
    expected = round((left.occurred_at - entered.occurred_at).total_seconds() / 3600, 2)
    assert steps["signing"].median_hours == expected
    assert report.end_to_end.count == 1
    assert report.end_to_end.slowest_case == letter.case.agenda_label
    # the waiting case is past its disposition due date (and maybe its drafting target)
    assert [o.case.pk for o in report.overdue] == [waiting.pk]
    assert steps["drafting"].target_label == "1 jam kerja"
    # XLSX read back
    book = load_workbook(io.BytesIO(report_xlsx(office=sumut, period=period)))
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(min_row=4, values_only=True)}
    assert summary["Permohonan diterima"] == 2
    assert summary["Surat diterbitkan"] == 1
    assert summary["Surat penolakan"] == 0
    step_rows = list(book["Waktu per tahap"].iter_rows(min_row=2, values_only=True))
    assert step_rows[-1][0].startswith("Ujung ke ujung") and step_rows[-1][1] == 1
    assert book["Terlambat"].cell(row=2, column=1).value == waiting.agenda_label
    # PDF text
    text = pdf_text(report_pdf(office=sumut, period=period))
    assert "LAPORAN PEMBERIAN DATA AUTENTIFIKASI" in text
    assert "Permohonan diterima 2" in text
    assert waiting.agenda_label in text
    # export_book report
    out = tmp_path / "laporan.pdf"
    call_command(
        "export_book",
        "report",
        office=sumut.code,
        year=period.start.year,
        format="pdf",
        out=str(out),
    )
    assert out.read_bytes().startswith(b"%PDF")


@pytest.mark.django_db
def test_refusal_letters_are_counted(official, at_drafter, demo_user, signer_keys, sumut):
    from autentika.letters.drafting import draft_create
    from autentika.letters.review import draft_approve, draft_submit
    from autentika.letters.services import letter_sign
    from tests.support.letters import PASSWORD

    case = at_drafter(party_number=12, letter_number="7/PBB/2025")
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="refusal_no_seat")
    draft_submit(draft=draft, actor=demo_user("pelaksana"))
    for username in ["kasubbag", "kabag", "sekretaris"]:
        draft_approve(draft=draft, actor=demo_user(username))
    letter_sign(draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=signer_keys)
    report = report_compute(office=sumut, period=Period.year(timezone.localdate().year))
    assert report.issued == 1 and report.refusals == 1


@pytest.mark.django_db
def test_period_that_ends_before_it_starts_is_refused(client, sumut, demo_user, tmp_path):
    with pytest.raises(ValidationError, match="sebelum dimulai"):
        Period.between(dt.date(2025, 5, 1), dt.date(2025, 4, 1))
    with pytest.raises(CommandError, match="sebelum dimulai"):
        call_command(
            "export_book",
            "report",
            office=sumut.code,
            date_from="2025-05-01",
            date_to="2025-04-01",
            format="xlsx",
            out=str(tmp_path / "x.xlsx"),
        )
    client.force_login(demo_user("ketua"))
    page = client.get(
        reverse("reports:report"), {"date_from": "2025-05-01", "date_to": "2025-04-01"}
    )
    assert "sebelum dimulai" in page.content.decode()


@pytest.mark.django_db
def test_pages_dashboard_chart_and_archive_panel(client, at_drafter, official, demo_user, sumut):
    case = at_drafter()
    from autentika.letters.drafting import draft_create

    draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    ArchiveRule.objects.create(
        office=sumut,
        letter_kind="certificate",
        classification="PL.01.1",
        active_years=2,
        inactive_years=3,
        disposition="permanen",
    )
    client.force_login(demo_user("pelaksana"))
    page = client.get(reverse("reports:report")).content.decode()
    assert "<svg" in page and "Permohonan diterima" in page
    dashboard = client.get(reverse("reports:dashboard")).content.decode()
    assert "Penyusunan balasan" in dashboard and "Terlambat" in dashboard
    detail = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "kode klasifikasi <strong>PL.01.1</strong>" in detail
    assert client.get(reverse("reports:export", args=["xlsx"])).status_code == 200


def test_chart_marks_bars_over_target_and_escapes_labels():
    svg = bar_chart_svg([("<Disposisi>", 5.0, 2.0), ("Paraf", 1.0, 4.0)])
    assert "&lt;Disposisi&gt;" in svg
    assert svg.count("#c0392b") == 1
    assert svg.startswith("<svg")
