"""Signing checks the letter's figures against the decision it cites, and refuses typed
figures, right before a number is taken."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from autentika.letters.drafting import draft_revise
from autentika.letters.models import OutgoingCounter, SignedLetter
from autentika.letters.review import draft_approve, draft_submit
from autentika.letters.services import LetterSigningError, letter_sign
from autentika.results.explanations import figure_explanation_record
from autentika.results.models import PartyTotal
from autentika.results.selectors import election_current_version
from tests.pdf import pdf_text
from tests.support.letters import PASSWORD, REVIEWERS

# The fixture's Golkar votes per dapil: 412.345 + 198.004 + 250.117 = 860.466, 7 seats.
GOLKAR_DAPIL_SUM = 860_466
PRINTED_WRONG = 860_000


def _sign(draft, demo_user, passphrase):
    return letter_sign(
        draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=passphrase
    )


def _print_total(election, votes, seats=None):
    version = election_current_version(election=election)
    golkar = election.parties.get(number=4)
    PartyTotal.objects.create(version=version, party=golkar, votes=votes, seats=seats)
    return version, golkar


def _nothing_consumed():
    assert SignedLetter.objects.count() == 0
    assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()


@pytest.mark.django_db
def test_a_total_that_contradicts_the_decision_refuses_signing(
    official, at_signer, demo_user, signer_keys
):
    draft = at_signer()
    # The printed totals reach the archive after the draft was initialled.
    _print_total(official, PRINTED_WRONG, 7)
    with pytest.raises(LetterSigningError) as refused:
        _sign(draft, demo_user, signer_keys)
    message = " ".join(refused.value.messages)
    assert "Pemilu Anggota DPRD Provinsi Sumatera Utara 2024" in message
    assert "Partai Golongan Karya" in message
    assert "860.466" in message and "860.000" in message and "+466" in message
    _nothing_consumed()


@pytest.mark.django_db
def test_after_a_recorded_explanation_the_letter_states_the_certified_figure(
    official, at_signer, demo_user, signer_keys
):
    draft = at_signer()
    version, golkar = _print_total(official, PRINTED_WRONG, 7)
    figure_explanation_record(
        version=version,
        party=golkar,
        figure="votes",
        certified="dapil_sum",
        document_kind="correction",
        document_number="30 Tahun 2024",
        document_date=dt.date(2024, 6, 3),
        explanation="Total dalam lampiran SK salah ketik; jumlah per dapil dibetulkan oleh "
        "keputusan pembetulan.",
        actor=demo_user("kasubbag"),
    )
    # The draft was made before the explanation: it must be drafted again to carry it.
    with pytest.raises(LetterSigningError, match="dicatat setelah konsep dibuat"):
        _sign(draft, demo_user, signer_keys)
    _nothing_consumed()


@pytest.mark.django_db
def test_explained_difference_signs_and_the_letter_says_why(
    official, at_drafter, demo_user, signer_keys
):
    version, golkar = _print_total(official, PRINTED_WRONG)
    figure_explanation_record(
        version=version,
        party=golkar,
        figure="votes",
        certified="printed_total",
        document_kind="court_ruling",
        document_number="12-01-02/PHPU.DPR-DPRD/XXII/2024",
        document_date=dt.date(2024, 6, 10),
        explanation="Mahkamah menetapkan perolehan suara partai sebagaimana tercetak dalam SK.",
        actor=demo_user("kasubbag"),
    )
    from autentika.letters.drafting import draft_create

    case = at_drafter()
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    draft_submit(draft=draft, actor=demo_user("pelaksana"))
    for username in REVIEWERS:
        draft_approve(draft=draft, actor=demo_user(username))
    letter = _sign(draft, demo_user, signer_keys)
    text = " ".join(pdf_text(bytes(letter.pdf)).split())
    # The body and the lampiran certify the printed total; the note explains the difference
    # by the settling document, without printing the dapil sum as a second total.
    assert "860.000 suara sah" in text
    assert "860.466" not in text
    assert "Catatan: jumlah suara sah yang dinyatakan surat ini adalah total yang tercetak" in text
    # The settling document from its number and date fields (a line may break after "/").
    reference = "Nomor 12-01-02/PHPU.DPR-DPRD/XXII/2024 tanggal 10 Juni 2024"
    assert reference.replace(" ", "") in text.replace(" ", "")


@pytest.mark.django_db
def test_only_the_results_manager_explains_and_only_a_real_difference(official, demo_user, sumut):
    version, golkar = _print_total(official, PRINTED_WRONG, 7)
    arguments = {
        "version": version,
        "party": golkar,
        "certified": "dapil_sum",
        "document_kind": "decision",
        "document_number": "21 Tahun 2024",
        "document_date": dt.date(2024, 5, 28),
        "explanation": "Jumlah per dapil sesuai lampiran SK pada halaman rincian per dapil.",
    }
    with pytest.raises(PermissionDenied):
        figure_explanation_record(figure="votes", actor=demo_user("tu"), **arguments)
    with pytest.raises(ValidationError, match="tidak ada yang perlu dijelaskan"):
        figure_explanation_record(figure="seats", actor=demo_user("kasubbag"), **arguments)


@pytest.mark.django_db
def test_typed_figures_in_the_text_refuse_submission(official, at_drafter, demo_user):
    from autentika.letters.drafting import draft_create

    case = at_drafter()
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    draft_revise(
        draft=draft,
        actor=demo_user("pelaksana"),
        body=draft.current_version.body + "\n\nPartai memperoleh 9.999.999 suara sah dan 50 kursi.",
    )
    with pytest.raises(ValidationError) as refused:
        draft_submit(draft=draft, actor=demo_user("pelaksana"))
    message = " ".join(refused.value.messages)
    assert "“9.999.999”" in message and "“50”" in message


@pytest.mark.django_db
def test_typed_figures_that_reached_the_signer_are_not_signed(
    official, at_signer, demo_user, signer_keys
):
    draft = at_signer()
    version = draft.current_version
    # A version written before the rule existed, or changed behind the application's back.
    type(version).objects.filter(pk=version.pk).update(
        closing="Perolehan partai adalah sembilan juta suara."
    )
    with pytest.raises(LetterSigningError, match="sembilan juta"):
        _sign(draft, demo_user, signer_keys)
    _nothing_consumed()
