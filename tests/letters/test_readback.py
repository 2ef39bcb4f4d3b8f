"""Before signing, the rendered letter is read back: a number on it that no record produced
refuses signing, however it got past the input rules (letters/readback.py)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from autentika.cases.models import CaseState
from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters import readback, services, sign_checks
from autentika.letters.models import DraftState, DraftVersion, OutgoingCounter, SignedLetter
from autentika.letters.readback import allowed_tokens, number_tokens
from autentika.letters.services import LetterSigningError, letter_sign
from tests.support.letters import PASSWORD


def _sign(draft, demo_user, passphrase):
    return letter_sign(
        draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=passphrase
    )


def _inject(draft, monkeypatch, **texts):
    """Writes `texts` into the version awaiting signature behind the input rules' back, and
    tells the input rules to see nothing."""
    monkeypatch.setattr(sign_checks, "version_figure_problems", lambda **kwargs: [])
    version = draft.current_version
    DraftVersion.objects.filter(pk=version.pk).update(
        **{field: getattr(version, field) + text for field, text in texts.items()}
    )


def _nothing_signed(draft):
    assert SignedLetter.objects.count() == 0
    assert not OutgoingCounter.objects.filter(last_number__gt=0).exists()
    draft.refresh_from_db()
    draft.case.refresh_from_db()
    assert draft.state == DraftState.SIGNING
    assert draft.case.state == CaseState.SIGNING


@pytest.mark.django_db
def test_a_letter_written_from_records_signs(official, at_signer, demo_user, signer_keys):
    letter = _sign(at_signer(), demo_user, signer_keys)
    assert letter.sequence == 1


# "333.333" in full-width digits, Arabic-Indic digits, and Cyrillic Ze that looks like a 3.
FULL_WIDTH = "\uff13\uff13\uff13.\uff13\uff13\uff13"
ARABIC_INDIC = "\u0663\u0663\u0663.\u0663\u0663\u0663"
CYRILLIC_ZE = "\u0417\u0417\u0417.\u0417\u0417\u0417"
# What is typed, and the message's words for it: the token as the PDF's text layer reads it
# after NFKC (full-width digits are digits), and what a look-alike reads as on paper.
INJECTED = [
    ("333.333", "Angka “333.333” pada halaman 1 "),
    (FULL_WIDTH, "Angka “333.333” pada halaman 1 "),
    (ARABIC_INDIC, f"Angka “{ARABIC_INDIC}” (terbaca “333.333”) pada halaman 1 "),
    (CYRILLIC_ZE, f"Angka “{CYRILLIC_ZE}” (terbaca “333.333”) pada halaman 1 "),
    ("cccxxxiii", "Angka Romawi “cccxxxiii” pada halaman 1 "),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("figure", "expected"), INJECTED)
def test_a_figure_past_the_input_rules_refuses_signing(
    official, at_signer, demo_user, signer_keys, monkeypatch, figure, expected
):
    draft = at_signer()
    _inject(draft, monkeypatch, body=f"\n\nPerolehan suara sah sebanyak {figure} suara.")
    with pytest.raises(LetterSigningError) as refused:
        _sign(draft, demo_user, signer_keys)
    messages = refused.value.messages
    assert messages[0] == "Surat tidak ditandatangani; tidak ada nomor yang terpakai."
    assert len(messages) == 2, messages
    assert messages[1].startswith(expected)
    assert messages[1].endswith(
        "tidak berasal dari data arsip atau catatan surat; surat tidak ditandatangani."
    )
    _nothing_signed(draft)
    event = AuditEvent.objects.filter(event_type=AuditEventType.LETTER_SIGN_FAILED).get()
    assert event.data["readback_tokens"] == [expected.split("“")[1].split("”")[0]]
    # Without the injected figure the same draft signs, numbered 1.
    monkeypatch.undo()
    DraftVersion.objects.filter(pk=draft.current_version.pk).update(
        body=draft.current_version.body.split("\n\nPerolehan suara sah sebanyak")[0]
    )
    assert _sign(draft, demo_user, signer_keys).sequence == 1


@pytest.mark.django_db
def test_the_refusal_names_every_page_the_figure_is_printed_on(
    official, at_signer, demo_user, signer_keys, monkeypatch
):
    # The subject is printed in the letter's head (page 1) and the lampiran's (page 2).
    draft = at_signer()
    _inject(draft, monkeypatch, subject=" 777.777")
    with pytest.raises(LetterSigningError, match=r"Angka “777\.777” pada halaman 1, 2 "):
        _sign(draft, demo_user, signer_keys)
    _nothing_signed(draft)


def test_number_tokens():
    # A token is a run of digits (any script) or of characters that look like one, with "."
    # or "," only between two of them; a Latin O, o, I or l counts only beside such a run.
    # A Roman numeral is a well-formed word of I, V, X, L, C, D, M in any case, except "di"
    # and single letters other than I, V, X (initials).
    cases = {
        "Suara sah 1.234.567, atau 12,5 persen.": ["1.234.567", "12,5"],
        "Halaman 1 dari 2.": ["1", "2"],
        "Nomor 045/DPD-GOLKAR/SU/I/2025": ["045", "2025", "I"],
        f"sebanyak {CYRILLIC_ZE} suara": [CYRILLIC_ZE],
        "tahun 2O24": ["2O24"],
        "sebanyak \uff13\uff13\uff13 suara": ["333"],
        "Golongan xii dan XII": ["xii", "XII"],
        "di Medan, M. Yusuf, Oleh": [],
    }
    for text, expected in cases.items():
        assert list(number_tokens(text)) == expected, text


def test_only_records_give_allowed_tokens():
    party = SimpleNamespace(full_name="Partai Uji", short_name="Uji")
    case = SimpleNamespace(
        letter_number="45/DPD/2026",
        letter_date=dt.date(2026, 1, 5),
        sender="DPD Partai Uji",
        office=SimpleNamespace(name="KPU Provinsi Uji"),
        party=party,
    )
    texts = dict.fromkeys(("subject", "nature", "attachment", "closing", "copies"), "")
    version = SimpleNamespace(
        tables=[],
        draft=SimpleNamespace(case=case),
        body="Sesuai {{dasar_hukum:uu-7-2017}} sebanyak 999 suara",
        **texts,
    )
    context = {
        "version": version,
        "text": {"body": "sebanyak 999 suara"},
        "body_paragraphs": ["sebanyak 999 suara"],
        "number": "7/PL.01.1-SD/12/2026",
        "tables": [
            {
                "rows": [{"dapil": "Sumut 3", "votes": 250117, "seats": 2}],
                "notes": [{"explanation": "selisih 888", "document_reference": "Nomor 30"}],
            }
        ],
        "copies_list": ["Arsip"],
    }
    allowed = allowed_tokens(context=context, pages=2)
    # The letter's number, the row's dapil, votes (as printed and plain) and seats, the
    # settling document's reference, page numbers up to the page count.
    assert {"7", "01.1", "12", "2026", "3", "250.117", "250117", "2", "30", "1"} <= allowed
    # The request letter (a placeholder's record) and the regulation the text cites.
    assert {"45", "5", "2017"} <= allowed
    # The drafter's text and an explanation's words are not records.
    assert "999" not in allowed
    assert "888" not in allowed


@pytest.mark.django_db
def test_a_refusal_after_the_number_was_taken_gives_it_back(
    official, at_signer, demo_user, signer_keys, monkeypatch
):
    # A wrong guess (5 instead of 1) renders the letter again under the counter's lock, after
    # the number was taken; the read-back of that second rendering refuses.
    draft = at_signer()
    _inject(draft, monkeypatch, body="\n\nPerolehan suara sah sebanyak 333.333 suara.")
    monkeypatch.setattr(services, "outgoing_number_predict", lambda **kwargs: 5)
    real_check = readback.letter_readback_check
    checked = []

    def check_the_second(**kwargs):
        checked.append(kwargs["context"]["number"])
        if len(checked) > 1:
            real_check(**kwargs)

    monkeypatch.setattr(readback, "letter_readback_check", check_the_second)
    with pytest.raises(LetterSigningError, match=r"Angka “333\.333” pada halaman 1 "):
        _sign(draft, demo_user, signer_keys)
    assert [number.split("/")[0] for number in checked] == ["5", "1"]
    _nothing_signed(draft)


def test_without_pdftotext_the_read_back_refuses(monkeypatch):
    def missing(*args, **kwargs):
        raise FileNotFoundError("pdftotext")

    monkeypatch.setattr(readback.subprocess, "run", missing)
    with pytest.raises(LetterSigningError, match="tidak dapat dibaca ulang"):
        readback.pdf_pages_text(b"%PDF-1.7")
