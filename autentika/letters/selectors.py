import difflib
from dataclasses import dataclass

from autentika.cases.models import Case
from autentika.cases.selectors import CASE_FACTS, case_draft
from autentika.core.formatting import format_number_id
from autentika.letters.models import Draft, DraftVersion, SignedLetter
from autentika.letters.snapshot import table_stated


def draft_of_case(*, case: Case) -> Draft | None:
    draft: Draft | None = case_draft(case=case)
    return draft


def draft_current_version(*, draft: Draft) -> DraftVersion:
    """`draft.current_version`, read once inside a page's `CASE_FACTS` scope."""
    version: DraftVersion = CASE_FACTS.read(
        ("current version", draft.pk), lambda: draft.current_version
    )
    return version


def signed_letter_of_case(*, case: Case) -> SignedLetter | None:
    return SignedLetter.objects.filter(case=case).order_by("-signed_at").first()


def version_text(version: DraftVersion) -> list[str]:
    """A version as the lines a reviewer compares: the letter's fields, text and table."""
    lines = [
        f"Jenis: {version.get_kind_display()}",
        f"Sifat: {version.nature}",
        f"Lampiran: {version.attachment}",
        f"Hal: {version.subject}",
        "",
        *version.body.splitlines(),
        "",
    ]
    for table in map(table_stated, version.tables):
        lines.append(f"Tabel: {table.get('election', '')}")
        for row in table.get("rows", []):
            lines.append(
                f"  {row['dapil']}: {format_number_id(row['votes'])} suara, {row['seats']} kursi"
            )
        lines.append(
            f"  Jumlah: {format_number_id(table['stated_votes'])} suara, "
            f"{table['stated_seats']} kursi"
        )
    lines += ["", *version.closing.splitlines(), "", "Tembusan:", *version.copies_list]
    return lines


@dataclass(frozen=True)
class DiffLine:
    tag: str  # "added", "removed" or "same"
    text: str


def version_diff(previous: DraftVersion | None, current: DraftVersion) -> list[DiffLine]:
    before = version_text(previous) if previous else []
    tags = {"+ ": "added", "- ": "removed", "  ": "same"}
    return [
        DiffLine(tags[line[:2]], line[2:])
        for line in difflib.ndiff(before, version_text(current))
        if line[:2] in tags
    ]


def version_previous(version: DraftVersion) -> DraftVersion | None:
    return (
        DraftVersion.objects.filter(draft=version.draft, number__lt=version.number)
        .order_by("-number")
        .first()
    )
