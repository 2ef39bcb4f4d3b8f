"""Several signers at once on PostgreSQL: outgoing numbers stay gapless and unique, and the
signatures that fail consume nothing."""

import threading

import pytest
from django.db import connection

from autentika.core.pdf import html_to_pdf
from autentika.letters import rendering, services
from autentika.letters.models import SignedLetter
from tests.pdf import pdf_text

DRAFTS = 8
FAILING = {2, 5}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_signing_numbers_without_gaps(
    at_signer, demo_user, signer_keys, official, monkeypatch
):
    drafts = [at_signer(letter_number=f"{i}/DPD/2025") for i in range(DRAFTS)]
    # A small PDF per letter that prints the number it was rendered with (each letter is
    # rendered with the number it will most likely get, before taking it: a wrong guess
    # must be rendered again, never signed).
    monkeypatch.setattr(
        rendering,
        "letter_pdf",
        lambda **kw: html_to_pdf(
            f"<p>Surat agenda {kw['case'].agenda_label} Nomor {kw['signature'].number}</p>"
        ),
    )
    ketua = demo_user("ketua")
    errors: list[BaseException] = []
    start = threading.Barrier(DRAFTS)

    def signer(index: int) -> None:
        try:
            start.wait()
            passphrase = "salah" if index in FAILING else signer_keys
            try:
                services.letter_sign(
                    draft=drafts[index],
                    actor=ketua,
                    password="demo-autentika",
                    passphrase=passphrase,
                )
            except services.LetterSigningError:
                if index not in FAILING:
                    raise
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=signer, args=(i,)) for i in range(DRAFTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    sequences = sorted(SignedLetter.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, DRAFTS - len(FAILING) + 1))
    for letter in SignedLetter.objects.all():
        assert f"Nomor {letter.number}" in pdf_text(bytes(letter.pdf))
