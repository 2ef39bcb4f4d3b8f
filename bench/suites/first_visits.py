"""Issue #32: the public pages as their readers meet them, each letter for the first time.

The serving suite asks for one letter over and over (its kept page, the cached report). Here
every request is about another genuine letter, so nothing of it is kept yet:

- the QR page (GET), against the minimal view reading the letter's row
  (`bench/serving_urls.py: one_row`), the least a page with a live status must do;
- the upload check of a newly received file (POST of the letter's PDF to its page), against
  one bare pyHanko AdES-LTA validation of the same file under the same policy
  (`bench/bare_validation.py`, its policy built once as a server would keep it).

Each request goes through the whole Django stack in this process (middleware, view, template),
and what is measured is its processor time (`time.process_time`): the server's cost per
request, which bounds its throughput on the cores it has, without the load generator's noise.
The four are taken in turns, letter after letter. Targets (throughput as the inverse of
processor time per request): the QR page >= 0.5x the one-row view's throughput, i.e. at most
2x its processor time; the upload <= 1.3x the bare validation.
"""

import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import clear_url_caches, reverse

from bench.bare_validation import lta_passes, validation_spec
from bench.batch_setup import drafts_clone, world_build
from bench.context import BenchContext
from bench.report import Figure
from bench.serving_urls import ONE_ROW_PATH
from bench.stats import Series

QR_TARGET = 2.0  # processor time per request: >= 0.5x the throughput
UPLOAD_TARGET = 1.3
MATCHED = "sama persis dengan surat yang tercatat"


def _letters(world: Any, count: int) -> list[Any]:
    from autentika.letters.models import Draft
    from autentika.letters.services import letter_sign
    from autentika.organization.demo import DEMO_PASSWORD

    return [
        letter_sign(
            draft=Draft.objects.get(pk=pk),
            actor=world.ketua,
            password=DEMO_PASSWORD,
            passphrase=world.passphrase,
        )
        for pk in drafts_clone(world.template, count)
    ]


def _cpu(operation: Callable[[], None]) -> float:
    started = time.process_time()
    operation()
    return time.process_time() - started


def _operations(client: Client, letter: Any, spec: Any) -> dict[str, Callable[[], None]]:
    """The four requests about one letter, each checked for the answer a reader expects."""
    token, pdf = letter.verification_token, bytes(letter.pdf)
    page = reverse("verification:letter", args=[token])

    def one_row() -> None:
        answer = client.get(f"{ONE_ROW_PATH}{token}/")
        assert answer.content == b"ok", answer.status_code

    def qr() -> None:
        answer = client.get(page)
        assert answer.status_code == 200, answer.status_code

    def upload() -> None:
        file = SimpleUploadedFile("surat.pdf", pdf, content_type="application/pdf")
        answer = client.post(page, {"file": file})
        assert MATCHED in answer.content.decode(), answer.status_code

    def bare() -> None:
        assert lta_passes(pdf, spec)

    return {"one_row": one_row, "qr": qr, "upload": upload, "bare": bare}


def run(context: BenchContext) -> list[Figure]:
    from autentika.signing.trust import DEMO_ROOT_FILE, DEMO_TSA_FILE, pki_dir

    world = world_build(tempfile.mkdtemp(prefix="bench-first-"))
    try:
        letters = _letters(world, context.repeat(16, 3) + 1)
    finally:
        world.pki.stop()  # a file carries its validation data: nothing is fetched
    spec = validation_spec(Path(pki_dir() / DEMO_ROOT_FILE), Path(pki_dir() / DEMO_TSA_FILE))
    for cache in caches.all():
        cache.clear()
    samples: dict[str, list[float]] = {"one_row": [], "qr": [], "upload": [], "bare": []}
    with override_settings(ROOT_URLCONF="bench.serving_urls", DEBUG=False):
        clear_url_caches()
        client = Client(HTTP_HOST=settings.ALLOWED_HOSTS[0])
        for index, letter in enumerate(letters):
            for name, operation in _operations(client, letter, spec).items():
                seconds = _cpu(operation)
                if index:  # the first letter warms the process
                    samples[name].append(seconds)
    clear_url_caches()
    series = {name: Series.of(values) for name, values in samples.items()}
    labels = {
        "one_row": "first visits: one-row view (floor of the QR page) CPU",
        "qr": "first visits: QR page CPU",
        "upload": "new files: upload check CPU",
        "bare": "new files: bare pyHanko AdES-LTA validation (floor) CPU",
    }
    figures = [
        Figure(suite="first_visits", name=labels[name], unit="s", series=s)
        for name, s in series.items()
    ]
    qr_ratio = series["qr"].median / series["one_row"].median
    upload_ratio = series["upload"].median / series["bare"].median
    figures += [
        Figure(
            suite="first_visits",
            name="QR page / one-row view, CPU per request (medians)",
            unit="x",
            ratio=qr_ratio,
            at_most=QR_TARGET,
            note=f"throughput {1 / qr_ratio:.2f}x the one-row view's (target >= 0.5x)",
        ),
        Figure(
            suite="first_visits",
            name="upload check / bare validation, CPU per request (medians)",
            unit="x",
            ratio=upload_ratio,
            at_most=UPLOAD_TARGET,
        ),
    ]
    return figures
