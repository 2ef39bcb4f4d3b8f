"""An explanation of a dapil-sum difference is printed in a signed letter, so it may not carry
a figure in any form: the figures come from the archive and from the settling document's own
number and date fields. Certifying a total above the one the decision prints needs a second
person: the results manager records, a different holder of the signing position confirms."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from autentika.core.models import AuditEvent, AuditEventType
from autentika.organization.models import Assignment, AssignmentKind
from autentika.results.explanation_text import explanation_text_problems
from autentika.results.explanations import (
    explanation_state_label,
    figure_explanation_confirm,
    figure_explanation_record,
)
from autentika.results.models import FigureExplanation, PartyTotal
from autentika.results.selectors import election_current_version

# The fixture's Golkar votes per dapil add up to 860.466 (412.345 + 198.004 + 250.117).
PRINTED_BELOW_THE_SUM = 860_000
PRINTED_ABOVE_THE_SUM = 861_000
WORDS = "Jumlah per dapil dibetulkan oleh keputusan pembetulan setelah rapat pleno."


def _printed(archived, votes):
    version = election_current_version(election=archived)
    golkar = archived.parties.get(number=4)
    PartyTotal.objects.create(version=version, party=golkar, votes=votes)
    return version, golkar


def _record(version, party, actor, *, certified="dapil_sum", explanation=WORDS, number=None):
    return figure_explanation_record(
        version=version,
        party=party,
        figure="votes",
        certified=certified,
        document_kind="correction",
        document_number=number or "30 Tahun 2024",
        document_date=dt.date(2024, 6, 3),
        explanation=explanation,
        actor=actor,
    )


# What a hostile results manager might type, and what the refusal must name.
FIGURES_IN_TEXT = [
    ("Jumlah yang benar adalah 860466 suara menurut pembetulan.", "“8” (DIGIT EIGHT)"),
    ("Jumlah yang benar tiga ratus suara lebih banyak dari cetakan.", "“tiga”"),
    ("Jumlah yang benar adalah CCC suara lebih banyak dari cetakan.", "angka Romawi “CCC”"),
    ("Jumlah yang benar adalah ccc suara lebih banyak dari cetakan.", "angka Romawi “ccc”"),
    (
        "Jumlah yang benar adalah \uff18\uff16\uff10 suara menurut pembetulan.",
        "FULLWIDTH DIGIT EIGHT",
    ),
    ("Jumlah yang benar adalah ٨٦٠ suara menurut pembetulan.", "ARABIC-INDIC DIGIT EIGHT"),
    ("Selisihnya selusin suara yang tertukar antardapil menurut pleno.", "“selusin”"),
    ("The correct total is three hundred votes more than printed.", "“three”"),
    (
        "Jumlah yang benar adalah \u0417\u0417\u0417 suara menurut pembetulan.",
        "CYRILLIC CAPITAL LETTER ZE",
    ),
    ("Jumlah yang benar adalah lOO suara lebih banyak dari cetakan.", "“lOO”"),
]


@pytest.mark.parametrize(("text", "named"), FIGURES_IN_TEXT)
def test_the_rule_names_every_figure_in_an_explanation(text, named):
    problems = explanation_text_problems(text)
    assert any(named in problem for problem in problems), problems


def test_the_rule_says_where_the_figure_is():
    problems = explanation_text_problems("Dibetulkan.\nSelisih 466 suara.")
    assert problems[0].startswith("Penjelasan: angka “4” (DIGIT FOUR) pada baris 2, kolom 9.")


@pytest.mark.parametrize(
    "text",
    [
        WORDS,
        "Mahkamah Konstitusi menetapkan perolehan suara sebagaimana tercetak dalam SK.",
        "Salah satu dapil di Daerah Istimewa Yogyakarta dihitung ulang menurut formulir hasil.",
        "Kursi dihitung ulang dengan metode Sainte-Laguë; satuan kerja teknis memeriksa.",
    ],
)
def test_an_explanation_in_words_passes(text):
    assert explanation_text_problems(text) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "named"), FIGURES_IN_TEXT[:5])
def test_an_explanation_carrying_a_figure_is_not_recorded(
    official,
    demo_user,
    text,
    named,
):
    version, golkar = _printed(official, PRINTED_BELOW_THE_SUM)
    with pytest.raises(ValidationError) as refused:
        _record(version, golkar, demo_user("kasubbag"), explanation=text)
    assert any(named in message for message in refused.value.messages)
    assert not FigureExplanation.objects.exists()


@pytest.mark.django_db
def test_the_command_refuses_a_figure_in_the_explanation(official, demo_user):
    _printed(official, PRINTED_BELOW_THE_SUM)
    with pytest.raises(CommandError, match="kata bilangan “tiga”"):
        call_command(
            "explain_difference",
            "--office=kpu-sumut",
            f"--election={official.code}",
            "--party=4",
            "--figure=votes",
            "--certify=dapil_sum",
            "--document=correction",
            "--document-number=30 Tahun 2024",
            "--document-date=2024-06-03",
            "--explanation=Jumlah yang benar tiga ratus suara lebih banyak dari cetakan.",
            "--user=kasubbag",
        )
    assert not FigureExplanation.objects.exists()


@pytest.mark.django_db
def test_a_document_number_written_like_a_vote_count_is_refused(official, demo_user):
    version, golkar = _printed(official, PRINTED_BELOW_THE_SUM)
    with pytest.raises(ValidationError, match=r"“860\.466”"):
        _record(version, golkar, demo_user("kasubbag"), number="860.466")


@pytest.mark.django_db
def test_a_total_above_the_printed_one_waits_for_a_second_person(official, demo_user):
    version, golkar = _printed(official, PRINTED_BELOW_THE_SUM)
    item = _record(version, golkar, demo_user("kasubbag"))  # certifies the higher dapil sum
    assert explanation_state_label(item) == "dicatat, menunggu konfirmasi orang kedua"
    # Another results manager is not the second person: confirming is the signing position's.
    with pytest.raises(PermissionDenied, match="pemegang jabatan penandatangan"):
        figure_explanation_confirm(explanation=item, actor=demo_user("kabag"))
    figure_explanation_confirm(explanation=item, actor=demo_user("ketua"))
    item.refresh_from_db()
    assert explanation_state_label(item) == "dikonfirmasi"
    assert item.confirmed_by == demo_user("ketua")
    event = AuditEvent.objects.get(event_type=AuditEventType.RESULTS_DIFFERENCE_CONFIRMED)
    assert event.actor == demo_user("ketua")
    with pytest.raises(ValidationError, match="sudah dikonfirmasi"):
        figure_explanation_confirm(explanation=item, actor=demo_user("ketua"))


@pytest.mark.django_db
def test_the_recorder_never_confirms_their_own_explanation(
    official,
    demo_user,
    sumut,
):
    # An office where the Ketua also manages the results archive, and the Sekretaris is Plh
    # Ketua: two holders of the signing position.
    ketua_position = sumut.positions.get(code="KETUA")
    ketua_position.duties = [*ketua_position.duties, "manage_results"]
    ketua_position.save()
    Assignment.objects.create(
        user=demo_user("sekretaris"),
        position=ketua_position,
        kind=AssignmentKind.PLH,
        starts_on=dt.date(2024, 1, 1),
    )
    version, golkar = _printed(official, PRINTED_BELOW_THE_SUM)
    item = _record(version, golkar, demo_user("ketua"))
    with pytest.raises(PermissionDenied, match="Anda catat sendiri"):
        figure_explanation_confirm(explanation=item, actor=demo_user("ketua"))
    item.refresh_from_db()
    assert item.confirmed_at is None
    figure_explanation_confirm(explanation=item, actor=demo_user("sekretaris"))
    item.refresh_from_db()
    assert item.confirmed_by == demo_user("sekretaris")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("printed", "certified"),
    [
        (PRINTED_ABOVE_THE_SUM, "dapil_sum"),  # the letter states less than the decision
        (PRINTED_BELOW_THE_SUM, "printed_total"),  # the letter states the decision's total
    ],
)
def test_a_total_not_above_the_printed_one_needs_one_person(
    official,
    demo_user,
    printed,
    certified,
):
    version, golkar = _printed(official, printed)
    item = _record(version, golkar, demo_user("kasubbag"), certified=certified)
    assert explanation_state_label(item) == "dicatat (tidak memerlukan konfirmasi)"
    with pytest.raises(ValidationError, match="tidak memerlukan konfirmasi"):
        figure_explanation_confirm(explanation=item, actor=demo_user("ketua"))


@pytest.mark.django_db
def test_the_confirm_command(official, demo_user):
    version, golkar = _printed(official, PRINTED_BELOW_THE_SUM)
    _record(version, golkar, demo_user("kasubbag"))
    arguments = [
        "confirm_explanation",
        "--office=kpu-sumut",
        f"--election={official.code}",
        "--party=4",
        "--figure=votes",
    ]
    with pytest.raises(CommandError, match="pemegang jabatan penandatangan"):
        call_command(*arguments, "--user=kasubbag")
    call_command(*arguments, "--user=ketua")
    assert FigureExplanation.objects.get().confirmed_by == demo_user("ketua")
