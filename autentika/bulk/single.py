"""A single signing from the web (the letters part's signing page, through the registry's
signing queuer): checked and queued as a run of one draft, then the page to go to: the letter
when the run has already finished (a backend that runs at once, or a fast worker), the signing
page with the refusal when it failed, else the run's progress page, which follows the worker."""

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect

from autentika.bulk.models import BulkSigning, BulkSigningItemState
from autentika.bulk.runs import signing_run_enqueue
from autentika.bulk.services import single_signing_start

SIGNED = "Surat ditandatangani secara elektronik."
QUEUED = (
    "Surat sedang diberi nomor dan ditandatangani di latar belakang; halaman ini menunjukkan "
    "kemajuannya. Anda boleh membuka halaman lain."
)


def single_signing_queue(
    *, request: Any, draft: Any, password: str, passphrase: str
) -> HttpResponse:
    batch = single_signing_start(
        draft=draft, actor=request.user, password=password, passphrase=passphrase
    )
    run = signing_run_enqueue(batch=batch, password=password, passphrase=passphrase)
    return signing_run_outcome(request, draft=draft, run=run)


def signing_run_outcome(request: Any, *, draft: Any, run: BulkSigning) -> HttpResponse:
    item = run.items.select_related("letter").first()
    if item is not None and item.state == BulkSigningItemState.SIGNED and item.letter:
        messages.success(request, SIGNED)
        messages.info(request, f"Nomor surat: {item.letter.number}.")
        return redirect("letters:draft", pk=draft.pk)
    if run.is_finished:
        messages.error(request, (item.error if item and item.error else run.error))
        return redirect("letters:sign", pk=draft.pk)
    messages.info(request, QUEUED)
    return redirect("bulk:detail", pk=run.pk)
