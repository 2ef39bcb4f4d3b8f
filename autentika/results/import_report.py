"""What an import did or would do: the new version, new dapil and parties, changed figures."""

from dataclasses import dataclass, field

from autentika.results.models import (
    Decision,
    Election,
    ResultVersion,
)


@dataclass(frozen=True)
class Change:
    dapil: str
    party_number: int
    party_name: str
    old_votes: int | None
    new_votes: int | None
    old_seats: int | None
    new_seats: int | None


@dataclass
class ImportReport:
    election: Election
    decision: Decision
    file_name: str
    sha256: str
    dry_run: bool
    unchanged: bool = False
    version: ResultVersion | None = None
    previous_version: ResultVersion | None = None
    new_dapil: list[tuple[str, int]] = field(default_factory=list)
    new_parties: list[tuple[int, str]] = field(default_factory=list)
    # number -> the known party a new participation is recognised as ("" = new to the archive)
    party_matches: dict[int, str] = field(default_factory=dict)
    rows: int = 0
    totals: int = 0
    candidates: int = 0
    changes: list[Change] = field(default_factory=list)
    party_sums: list[tuple[int, str, int, int]] = field(default_factory=list)
    dapil_sums: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def new_party_rows(self) -> list[tuple[int, str, str]]:
        return [(n, name, self.party_matches.get(n, "")) for n, name in self.new_parties]

    @property
    def total_votes(self) -> int:
        return sum(item[2] for item in self.party_sums)

    @property
    def total_seats(self) -> int:
        return sum(item[3] for item in self.party_sums)

    def summary(self) -> str:
        if self.unchanged:
            return (
                f"Tidak ada perubahan: isi berkas sama dengan versi {self.previous_version.number}"
                if self.previous_version
                else "Tidak ada perubahan."
            )
        what = "Akan dibuat" if self.dry_run else "Dibuat"
        number = self.version.number if self.version else self._next_number()
        return (
            f"{what} versi {number}: {self.rows} baris dapil-partai, "
            f"{len(self.new_dapil)} dapil baru, {len(self.new_parties)} partai baru, "
            f"{self.totals} total partai, {self.candidates} calon, "
            f"{len(self.changes)} angka berubah dari versi sebelumnya."
        )

    def _next_number(self) -> int:
        return self.previous_version.number + 1 if self.previous_version else 1
