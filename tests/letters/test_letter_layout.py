"""The letter's layout on the longest real cases: a request for both DPRD elections of the
province (2019 and 2024, every one of the 12 dapil each), from the party with the longest
name, with a request number of 120 characters. The lampiran's signature block is never alone
on a page, and no word runs past the right edge of its page."""

import re
import subprocess

import pytest
from django.utils import timezone

from autentika.letters.archive_copy import letter_archive_copy_pdf
from autentika.letters.drafting import draft_create, draft_preview_pdf
from autentika.results.demo import results_demo_seed
from autentika.results.models import Election
from tests.pdf import pdf_words_beyond_the_page
from tests.support.cases import disposed_to_drafter, walk_in_request

# The longest a party's letter number may be (cases.Case.letter_number), with no place to break.
LONG_NUMBER = ("045/DPD-PARTAI/" + "X" * 120)[:120]
SIGNER_LINE = "(nama penanda tangan)"


def _pages(content: bytes) -> list[str]:
    result = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return [page for page in result.stdout.decode().split("\f") if page.strip()]


def _only_the_signature(page: str) -> bool:
    """A page whose words are the signature block's alone: the signer's position and name,
    the note of the electronic signature, nothing of the table or the letter."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    content = [line for line in lines if not re.fullmatch(r"Halaman \d+ dari \d+", line)]
    return not any("Jumlah" in line or re.search(r"\d", line) for line in content)


@pytest.fixture
def longest_case(sumut, demo_user):
    results_demo_seed(lambda _: None)
    elections = list(Election.objects.filter(office=sumut, code__startswith="dprd-sumut-"))
    assert len(elections) == 2 and all(e.dapil.count() == 12 for e in elections)
    latest = max(elections, key=lambda e: e.year)
    both = [
        party
        for party in latest.parties.all()
        if party.political_party.participations.filter(election__in=elections).count() == 2
    ]
    party = max(both, key=lambda p: len(p.full_name or p.short_name))
    case = walk_in_request(
        office=sumut,
        actor=demo_user("tu"),
        elections=elections,
        party=party,
        letter_number=LONG_NUMBER,
    )
    disposed_to_drafter(case=case, office=sumut, user=demo_user)
    sumut.training_mode = True  # the demo's 2024 figures are a sample
    sumut.save(update_fields=["training_mode"])
    return draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")


def test_the_lampiran_signature_is_never_alone_on_a_page(longest_case):
    pdf = draft_preview_pdf(draft=longest_case)
    pages = _pages(pdf)
    assert len(pages) >= 2
    assert SIGNER_LINE in pages[-1]
    assert not _only_the_signature(pages[-1]), pages[-1]
    assert "Jumlah" in pages[-1], "the signature stays with the end of its table"


def test_no_word_runs_past_the_right_edge(longest_case):
    pdf = draft_preview_pdf(draft=longest_case)
    assert pdf_words_beyond_the_page(pdf) == []
    assert LONG_NUMBER[:15] in " ".join(_pages(pdf))


def test_the_last_page_carries_the_last_rows_with_the_total(longest_case):
    last = _pages(draft_preview_pdf(draft=longest_case))[-1]
    before_total = last[: last.index("Jumlah")]
    # At least one dapil row of the last table precedes its total on the same page.
    assert re.search(r"^\s*\d+\s+\S", before_total, re.M), last


def test_a_signed_letter_and_its_archive_copy_of_both_elections(sumut, demo_pki, tmp_path):
    """Signed through the whole procedure (`demo_request`): both Sumut DPRD elections with
    their 12 dapil each; the letter and its salinan arsip."""
    import io
    import json

    from django.core.management import call_command

    from autentika.demo.signers import demo_signers_seed
    from autentika.letters.models import SignedLetter

    results_demo_seed(lambda _: None)
    demo_signers_seed(lambda _: None)
    out = io.StringIO()
    call_command(
        "demo_request",
        office="kpu-sumut",
        party="golkar",
        out=str(tmp_path / "surat.pdf"),
        allow_sample=True,
        stdout=out,
    )
    letter = SignedLetter.objects.get(number=json.loads(out.getvalue())["letter_number"])
    assert [len(table["rows"]) for table in letter.version.tables] == [12, 12]
    for pdf in (bytes(letter.pdf), letter_archive_copy_pdf(letter=letter)):
        pages = _pages(pdf)
        assert not _only_the_signature(pages[-1]), pages[-1]
        assert "Jumlah" in pages[-1]
        assert pdf_words_beyond_the_page(pdf) == []


def test_the_dpr_ri_letter_of_84_dapil(sumut, demo_user):
    """DPR RI 2024 with its 84 dapil (the draft as the reviewers see it: its figures await an
    explanation, so it is not signed here)."""
    from django.contrib.auth import get_user_model

    from autentika.letters.drafting import version_create
    from autentika.letters.models import Draft
    from autentika.letters.texts import default_texts
    from autentika.organization.demo import RI, demo_office_seed
    from autentika.organization.models import Office

    demo_office_seed(RI)
    results_demo_seed(lambda _: None)
    ri = Office.objects.get(code="kpu-ri")
    election = Election.objects.get(office=ri, legislature="DPR", year=2024)
    party = max(election.parties.all(), key=lambda p: len(p.full_name or p.short_name))
    tu = get_user_model().objects.get(username="ri-tu")
    now = timezone.now()
    case = walk_in_request(
        office=ri,
        actor=tu,
        elections=[election],
        party=party,
        party_level="DPP",
        letter_number=LONG_NUMBER,
    )
    # Arranged directly: the draft of this case as its drafter would start it.
    draft = Draft.objects.create(case=case, created_at=now, created_by=tu)
    from autentika.letters.snapshot import case_snapshot

    snapshot = case_snapshot(case=case, with_tables=True)
    version_create(
        draft=draft,
        case=case,
        actor=tu,
        kind="certificate",
        texts=default_texts(case=case, kind="certificate", snapshot=snapshot),
        now=now,
        snapshot=snapshot,
    )
    assert len(draft.current_version.tables[0]["rows"]) == 84
    pdf = draft_preview_pdf(draft=draft)
    pages = _pages(pdf)
    assert not _only_the_signature(pages[-1]), pages[-1]
    assert "Jumlah" in pages[-1]
    assert pdf_words_beyond_the_page(pdf) == []
