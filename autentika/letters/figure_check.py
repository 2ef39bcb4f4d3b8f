"""The check right before a letter is numbered: every figure it carries is the party's own
official figure, equal to the archive and to what the decision prints.

For each table of the version: the result version is still the election's current one; the
snapshot still equals the archive; the party's sums over the dapil equal the totals the
decision prints (`PartyTotal`), unless the results manager recorded an explanation citing the
settling document (then the snapshot must carry it as recorded, its words pass the explanation
text rule, and a total above the printed one was confirmed by a second person); and the party's
seats per dapil equal the Sainte-Laguë allocation of the version's votes.
"""

from typing import Any

from autentika.core.formatting import format_number_id
from autentika.letters.figures import version_text_problems
from autentika.letters.snapshot import table_snapshot
from autentika.results import sainte_lague
from autentika.results.explanation_text import (
    document_number_problems,
    explanation_text_problems,
)
from autentika.results.explanations import printed_differences
from autentika.results.models import (
    Figure,
    FigureExplanation,
    Party,
    PartyResult,
    ResultVersion,
)
from autentika.results.selectors import election_current_version

COMPARED = ("rows", "total_votes", "total_seats", "party")


def _signed(value: int) -> str:
    return ("+" if value > 0 else "-") + format_number_id(abs(value))


def _allocation_problems(*, version: ResultVersion, party: Party, label: str) -> list[str]:
    rows = list(PartyResult.objects.filter(version=version).select_related("dapil", "party"))
    national: dict[int, int] = {}
    for row in rows:
        national[row.party.number] = national.get(row.party.number, 0) + row.votes
    eligible = sainte_lague.eligible_parties(national, version.election.threshold_percent)
    by_dapil: dict[int, list[PartyResult]] = {}
    for row in rows:
        by_dapil.setdefault(row.dapil_id, []).append(row)
    problems = []
    for items in by_dapil.values():
        own = next((r for r in items if r.party_id == party.pk), None)
        if own is None:
            continue
        allocation = sainte_lague.allocate(
            {r.party.number: r.votes for r in items}, own.dapil.seats, eligible=eligible
        )
        expected = allocation.seats[party.number]
        if expected != own.seats:
            problems.append(
                f"{label}, dapil {own.dapil.name}: kursi dalam arsip {own.seats}, hitung ulang "
                f"Sainte-Laguë dari suara arsip {expected}. Perbaiki dengan impor ulang "
                "keputusan yang benar."
            )
    return problems


def _table_problems(table: dict[str, Any]) -> list[str]:
    version = ResultVersion.objects.select_related("election", "decision").get(
        pk=table["result_version"]
    )
    party = Party.objects.select_related("political_party").get(pk=table["party"]["id"])
    election = version.election
    label = f"{election.name}, partai {party.full_name or party.short_name}"
    current = election_current_version(election=election)
    if current is None or current.pk != version.pk:
        return [
            f"{label}: hasil telah diperbarui (versi {current.number if current else '-'}) "
            f"setelah konsep dibuat dari versi {version.number}. Simpan ulang konsep agar "
            "tabelnya memakai versi terbaru, lalu ajukan paraf lagi."
        ]
    fresh = table_snapshot(version=version, party=party)
    if any(fresh[key] != table[key] for key in COMPARED):
        return [f"{label}: tabel pada konsep tidak sama dengan arsip hasil versi {version.number}."]
    problems = []
    carried = {note["id"]: note for note in table.get("notes", [])}
    fresh_notes = {note["id"]: note for note in fresh["notes"]}
    for figure, dapil_sum, printed in printed_differences(version=version, party=party):
        what = Figure(figure).label
        explanation = FigureExplanation.objects.filter(
            version=version, party=party, figure=figure
        ).first()
        if explanation is None:
            problems.append(
                f"{label}: jumlah {what} seluruh dapil {format_number_id(dapil_sum)}, total dalam "
                f"Keputusan Nomor {version.decision.number} {format_number_id(printed)} (selisih "
                f"{_signed(dapil_sum - printed)}). Surat tidak dapat ditandatangani sampai hasil "
                "diimpor ulang atau pengelola arsip hasil mencatat penjelasan yang merujuk "
                "dokumen penentu (SK, keputusan pembetulan atau putusan pengadilan)."
            )
        elif explanation.pk not in carried:
            problems.append(
                f"{label}: penjelasan selisih {what} dicatat setelah konsep dibuat. Simpan ulang "
                "konsep agar surat memuat penjelasan itu, lalu ajukan paraf lagi."
            )
        else:
            problems += _explanation_problems(
                explanation=explanation,
                note=carried[explanation.pk],
                fresh=fresh_notes.get(explanation.pk),
                label=f"{label}, penjelasan selisih {what}",
            )
    return problems + _allocation_problems(version=version, party=party, label=label)


def _explanation_problems(
    *, explanation: FigureExplanation, note: dict[str, Any], fresh: Any, label: str
) -> list[str]:
    """The explanation a letter prints: as recorded, words only, its document's number and
    date from their fields, and confirmed by a second person when it raises the total."""
    if not explanation.document_number:
        return [
            f"{label}: dicatat sebelum nomor dan tanggal dokumen penentu menjadi isian "
            "tersendiri; rujukan yang diketik tidak dicetak. Impor ulang hasil (versi baru) "
            "lalu catat penjelasan lagi."
        ]
    if note != fresh:
        return [
            f"{label}: penjelasan pada konsep tidak sama dengan yang tercatat. Simpan ulang "
            "konsep, lalu ajukan paraf lagi."
        ]
    problems = [
        f"{label}: {problem}"
        for problem in document_number_problems(explanation.document_number)
        + explanation_text_problems(note["explanation"])
    ]
    if explanation.awaits_confirmation:
        problems.append(
            f"{label}: surat menyatakan {format_number_id(explanation.certified_value)}, di atas "
            f"total dalam keputusan {format_number_id(explanation.printed_total)}. Penjelasan "
            "itu menunggu konfirmasi oleh orang kedua (pemegang jabatan penandatangan yang "
            "bukan pencatatnya); surat belum dapat diajukan atau ditandatangani."
        )
    return problems


def version_figure_problems(*, version: Any) -> list[str]:
    """Every reason the version may not be submitted or signed, in Indonesian."""
    problems = version_text_problems(version=version)
    for table in version.tables:
        problems += _table_problems(table)
    return problems
