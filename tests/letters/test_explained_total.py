"""A letter whose party total was explained states one total: the certified one, in the body,
in the lampiran's Jumlah row and on the public page, with the settling document beside it; the
dapil rows stay, and the other total is not printed anywhere. A total above the decision's is
neither submitted nor signed until a second person confirmed it."""

import datetime as dt
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from autentika.letters.drafting import draft_create
from autentika.letters.models import SignedLetter
from autentika.letters.review import draft_approve, draft_submit
from autentika.letters.services import LetterSigningError, letter_sign
from autentika.results.explanations import figure_explanation_confirm, figure_explanation_record
from autentika.results.models import FigureExplanation, PartyTotal
from autentika.results.selectors import election_current_version
from tests.support.letters import PASSWORD, REVIEWERS

# The fixture's Golkar votes per dapil: 412.345 + 198.004 + 250.117, written out by hand.
DAPIL_SUM = "860.466"
PRINTED = "860.000"
PRINTED_VOTES = 860_000
REFERENCE = "Keputusan pembetulan Nomor 30 Tahun 2024 tanggal 3 Juni 2024"


def _pages(content: bytes) -> list[str]:
    """The text of each page as poppler reads it, white space folded."""
    result = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    pages = result.stdout.decode().split("\f")
    return [" ".join(page.split()) for page in pages if page.strip()]


def _explain(election, demo_user, *, certified):
    version = election_current_version(election=election)
    golkar = election.parties.get(number=4)
    PartyTotal.objects.create(version=version, party=golkar, votes=PRINTED_VOTES)
    return figure_explanation_record(
        version=version,
        party=golkar,
        figure="votes",
        certified=certified,
        document_kind="correction",
        document_number="30 Tahun 2024",
        document_date=dt.date(2024, 6, 3),
        explanation="Jumlah per dapil ditetapkan oleh keputusan pembetulan setelah rapat pleno.",
        actor=demo_user("kasubbag"),
    )


def _draft(at_drafter, demo_user):
    return draft_create(case=at_drafter(), actor=demo_user("pelaksana"), kind="certificate")


def _review(draft, demo_user):
    draft_submit(draft=draft, actor=demo_user("pelaksana"))
    for username in REVIEWERS:
        draft_approve(draft=draft, actor=demo_user(username))


def _sign(draft, demo_user, passphrase):
    return letter_sign(
        draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=passphrase
    )


@pytest.mark.django_db
def test_a_total_above_the_decision_waits_for_the_second_person(
    official, at_drafter, demo_user, signer_keys
):
    # The letter would state the dapil sum, 466 votes above the decision's printed total.
    explanation = _explain(official, demo_user, certified="dapil_sum")
    draft = _draft(at_drafter, demo_user)
    with pytest.raises(ValidationError) as refused:
        draft_submit(draft=draft, actor=demo_user("pelaksana"))
    assert "menunggu konfirmasi oleh orang kedua" in " ".join(refused.value.messages)

    figure_explanation_confirm(explanation=explanation, actor=demo_user("ketua"))
    _review(draft, demo_user)
    # The confirmation is gone by the time the Ketua signs (a row written behind the
    # application's back, or an explanation recorded before four eyes existed).
    FigureExplanation.objects.filter(pk=explanation.pk).update(confirmed_by=None, confirmed_at=None)
    with pytest.raises(LetterSigningError, match="menunggu konfirmasi oleh orang kedua"):
        _sign(draft, demo_user, signer_keys)
    assert not SignedLetter.objects.exists()

    FigureExplanation.objects.filter(pk=explanation.pk).update(
        confirmed_by=demo_user("ketua"), confirmed_at=explanation.recorded_at
    )
    letter = _sign(draft, demo_user, signer_keys)
    assert letter.number


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("certified", "stated", "not_stated"),
    [("printed_total", PRINTED, DAPIL_SUM), ("dapil_sum", DAPIL_SUM, PRINTED)],
)
def test_an_explained_letter_states_one_total_everywhere(
    client, official, at_drafter, demo_user, signer_keys, certified, stated, not_stated
):
    explanation = _explain(official, demo_user, certified=certified)
    if explanation.needs_confirmation:
        figure_explanation_confirm(explanation=explanation, actor=demo_user("ketua"))
    draft = _draft(at_drafter, demo_user)
    _review(draft, demo_user)
    letter = _sign(draft, demo_user, signer_keys)

    pages = _pages(bytes(letter.pdf))
    assert len(pages) >= 2  # the letter and its lampiran
    for number, page in enumerate(pages, start=1):
        assert not_stated not in page, f"halaman {number}"
    text = " ".join(pages)
    assert f"{stated} suara sah" in text  # the body
    lampiran = " ".join(page for page in pages if "Daerah Pemilihan" in page)
    assert "412.345" in lampiran and "198.004" in lampiran and "250.117" in lampiran
    # The Jumlah row: the stated total and the seats, the settling document beside them.
    assert f"250.117 2 Jumlah {stated} 7 suara sah menurut {REFERENCE}" in lampiran
    assert "Catatan: jumlah suara sah yang dinyatakan surat ini adalah" in lampiran

    html = client.get(reverse("verification:letter", args=[letter.verification_token]))
    page = html.content.decode()
    assert html.status_code == 200
    assert not_stated not in page
    assert "412.345" in page
    assert f"suara sah menurut {REFERENCE}" in page
    total_row = page.split('data-testid="table-total"', 1)[1].split("</tr>", 1)[0]
    assert f">{stated}<" in total_row
