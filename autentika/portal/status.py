"""The steps of a request as a party sees them: what is done, where it is now, what remains.
No names, no notes: only the step and, where known, when it was reached."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from autentika.core.models import AuditEvent

STEPS = [
    "Permohonan diterima",
    "Dicatat dalam Buku Registrasi",
    "Disposisi berjenjang",
    "Penyusunan surat balasan",
    "Pemeriksaan dan paraf berjenjang",
    "Penandatanganan",
    "Surat siap diunduh",
]
# index of the step a case in each state is at
STATE_STEP = {
    "disposition": 2,
    "incomplete": 3,
    "drafting": 3,
    "review": 4,
    "signing": 5,
    "signed": 6,
    "handed_over": 6,
}


@dataclass(frozen=True)
class Step:
    label: str
    status: str  # done | current | todo
    note: str = ""
    reached_at: dt.datetime | None = None


def _reached(case: Any) -> dict[int, dt.datetime]:
    """When the case first reached each step, read from its audit trail."""
    reached = {0: case.received_at, 1: case.registered_at, 2: case.registered_at}
    events = AuditEvent.objects.filter(target_type="cases.case", target_id=str(case.pk))
    for to_state, occurred_at in (
        events.exclude(to_state="")
        .order_by("occurred_at", "id")
        .values_list("to_state", "occurred_at")
    ):
        step = STATE_STEP.get(to_state)
        if step is not None and step not in reached:
            reached[step] = occurred_at
    return reached


def case_steps(case: Any) -> list[Step]:
    at = STATE_STEP.get(case.state, 2)
    reached = _reached(case)
    finished = at == len(STEPS) - 1
    steps = []
    for index, label in enumerate(STEPS):
        status = "done" if index < at or (finished and index == at) else "todo"
        if index == at and not finished:
            status = "current"
        note = ""
        if index == 1:
            note = f"Nomor agenda {case.agenda_label}"
        if index == at and case.state == "incomplete":
            note = "Menunggu arsip keputusan penetapan hasil pemilu di kantor KPU."
        steps.append(Step(label, status, note, reached.get(index) if status != "todo" else None))
    return steps
