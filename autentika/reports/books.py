"""The period report (the SOP's output) as PDF and XLSX."""

from autentika.core.books import spreadsheet_text, workbook_bytes
from autentika.core.formatting import format_date_id
from autentika.core.pdf import render_pdf
from autentika.core.periods import Period
from autentika.organization.models import Office
from autentika.reports.charts import report_chart
from autentika.reports.selectors import report_compute

OVER_TARGET_FILL = "F4CCCC"  # a row over its target, in the workbook (openpyxl: imported there)


def _h(value: float | None) -> float | str:
    return "-" if value is None else value


def report_xlsx(*, office: Office, period: Period) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    red = PatternFill("solid", fgColor=OVER_TARGET_FILL)
    report = report_compute(office=office, period=period)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Ringkasan"
    sheet.append([f"Laporan Layanan Data Autentifikasi — {office.name}"])
    sheet.append([f"Periode: {period.label}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    for label, value in [
        ("Permohonan diterima", report.received),
        ("Surat diterbitkan", report.issued),
        ("Surat penolakan", report.refusals),
        ("Surat diserahkan", report.handed_over),
        ("Permohonan terlambat", len(report.overdue)),
        ("Dijawab tepat waktu (UU KIP)", report.kip.on_time),
        ("Dijawab tepat waktu (%)", _h(report.kip.on_time_share)),
        ("Dijawab terlambat (UU KIP)", report.kip.late),
        ("Belum dijawab, lewat batas waktu", report.kip.open_past_due),
        ("Diperpanjang 7 hari kerja", report.kip.extended),
    ]:
        sheet.append([label, value])
    steps = workbook.create_sheet("Waktu per tahap")
    steps.append(["Tahap", "Jumlah", "Median (jam)", "Terlama (jam)", "Agenda terlama", "Target"])
    for cell in steps[1]:
        cell.font = Font(bold=True)
    for stat in [*report.steps, report.end_to_end]:
        steps.append(
            [
                stat.label,
                stat.count,
                _h(stat.median_hours),
                _h(stat.slowest_hours),
                stat.slowest_case or "-",
                stat.target_label or "-",
            ]
        )
        if stat.over_target:
            for cell in steps[steps.max_row]:
                cell.fill = red
    late = workbook.create_sheet("Terlambat")
    late.append(["No. Agenda", "Pengirim", "Tahap", "Lama (jam kerja)", "Target", "Keterangan"])
    for cell in late[1]:
        cell.font = Font(bold=True)
    for item in report.overdue:
        values = [
            item.case.agenda_label,
            item.case.sender,
            item.step_label,
            item.hours,
            item.target or "-",
            item.reason,
        ]
        late.append([spreadsheet_text(value) for value in values])
        for cell in late[late.max_row]:
            cell.fill = red
    kip = workbook.create_sheet("Batas waktu UU KIP")
    kip.append(["No. Agenda", "Pengirim", "Batas waktu jawaban", "Dijawab", "Keterangan"])
    for cell in kip[1]:
        cell.font = Font(bold=True)
    for row in report.kip.rows:
        values = [
            row.case.agenda_label,
            row.case.sender,
            format_date_id(row.deadline),
            format_date_id(row.answered_on) if row.answered_on else "-",
            row.status,
        ]
        kip.append([spreadsheet_text(value) for value in values])
    for ws in (sheet, steps, late, kip):
        ws.column_dimensions["A"].width = 40
        for column in "BCDEF":
            ws.column_dimensions[column].width = 18
    return workbook_bytes(workbook)


def report_pdf(*, office: Office, period: Period) -> bytes:
    report = report_compute(office=office, period=period)
    return render_pdf(
        "reports/report_pdf.html",
        {"office": office, "period": period, "report": report, "chart": report_chart(report)},
    )
