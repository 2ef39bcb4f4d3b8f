"""The steps of a request as a party sees them: what is done, where it is now, what remains.
No names, no notes: only the step and, where known, when it was reached."""

from dataclasses import dataclass
from typing import Any

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


def case_steps(case: Any) -> list[Step]:
    at = STATE_STEP.get(case.state, 2)
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
        steps.append(Step(label, status, note))
    return steps
