"""The legal deadline of a request (issue #31). A party's request for data is a request for
public information: UU 14/2008 (Keterbukaan Informasi Publik) art. 22(7) gives the body 10
working days from receipt to answer in writing, art. 22(8) lets it extend once by 7 working days
with written reasons (PKPU 22/2023 follows it). Counted in the office's calendar
(`organization/workdays.py`): the day of receipt is not counted; a request received after
closing time or on a day the office does not work counts as received on the next working day.
"""

import datetime as dt
from typing import Any

from autentika.cases.models import Case
from autentika.core.formatting import format_date_id
from autentika.organization.workdays import WorkCalendar, office_today

KIP_WORKING_DAYS = 10
KIP_EXTENSION_WORKING_DAYS = 7


def kip_due_date(*, calendar: WorkCalendar, received_at: dt.datetime) -> dt.date:
    """The tenth working day after the working day the request counts as received on."""
    return calendar.add_working_days(calendar.receipt_day(received_at), KIP_WORKING_DAYS)


def kip_extended_date(*, calendar: WorkCalendar, due_on: dt.date) -> dt.date:
    return calendar.add_working_days(due_on, KIP_EXTENSION_WORKING_DAYS)


# The states in which the request is not answered yet: its legal deadline still runs.
UNANSWERED = ("disposition", "incomplete", "drafting", "review", "signing")


def kip_is_past_due(*, case: Case, today: dt.date) -> bool:
    deadline = case.kip_deadline
    return case.state in UNANSWERED and deadline is not None and today > deadline


def extension_problem(*, case: Any, now: dt.datetime | None) -> str:
    """Why this case's deadline cannot be extended now ("" when it can)."""
    if getattr(case, "kip_due_on", None) is None:
        return "Permohonan ini belum memiliki batas waktu jawaban."
    if case.kip_extended_due_on is not None:
        return (
            "Batas waktu permohonan ini sudah pernah diperpanjang (sampai "
            f"{format_date_id(case.kip_extended_due_on)}); Undang-Undang 14/2008 pasal 22 hanya "
            "membolehkan satu kali perpanjangan."
        )
    today = office_today(case.office, now)
    if today > case.kip_due_on:
        return (
            f"Batas waktu jawaban sudah lewat ({format_date_id(case.kip_due_on)}); perpanjangan "
            "harus diberitahukan sebelum batas waktu berakhir."
        )
    return ""
