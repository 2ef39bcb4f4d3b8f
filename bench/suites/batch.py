"""Issue #17 figure 6: issuing letters for every party of an office as one background action
using every core (tanda tangan massal): at least 0.8 x cores x the single-letter rate; a
worker's peak memory under 300 MB, with no growth from one hundred letters to the next.

The single-letter rate is `letter_sign` one letter at a time in this process. The bulk action
is the product's own path: `bulk_signing_start` (secrets checked once), the run queued with the
secrets sealed to the worker's key (`signing_run_enqueue`), then the task worker
(`manage.py db_worker --queue-name signing --batch`) with `cores` worker processes; its rate
counts from the queueing to the batch's end (the worker's start included). Memory is read
from /proc for each worker at every step of letters.
"""

import itertools
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

from autentika.organization.demo import DEMO_PASSWORD
from bench.batch_locks import LockSampler
from bench.batch_memory import MemoryReport, Window, children
from bench.batch_setup import drafts_clone, world_build
from bench.context import BenchContext
from bench.profiling import memory_profile_write, profile_write, profiling_on
from bench.report import Figure
from bench.stats import Series

PASSWORD = DEMO_PASSWORD  # the demo signers' password, as seed_demo set it
TARGET_RATIO = 0.8
PEAK_MB = 300.0
GROWTH_MB_PER_HUNDRED = 5.0
FULL_LETTERS = 1000
QUICK_LETTERS = 40
BULK_DEADLINE_SECONDS = 1800.0  # a batch still running by then is a failed run


@contextmanager
def _child_settings() -> Iterator[None]:
    """The task worker reads its settings module from the environment."""
    before = os.environ.get("DJANGO_SETTINGS_MODULE")
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.batch_settings"
    try:
        yield
    finally:
        if before is not None:
            os.environ["DJANGO_SETTINGS_MODULE"] = before


def _single(world, count: int) -> Series:  # type: ignore[no-untyped-def]
    from autentika.letters.models import Draft
    from autentika.letters.services import letter_sign

    def sign(draft) -> None:  # type: ignore[no-untyped-def]
        letter_sign(draft=draft, actor=world.ketua, password=PASSWORD, passphrase=world.passphrase)

    sign(world.template)  # warm-up: imports, fonts, the first CRL
    samples = []
    for pk in drafts_clone(world.template, count):
        draft = Draft.objects.get(pk=pk)
        started = time.perf_counter()
        sign(draft)
        samples.append(time.perf_counter() - started)
    return Series.of(samples)


def _letters_count(context: BenchContext) -> int:
    if chosen := os.environ.get("BENCH_BATCH_LETTERS"):  # to look closer at one size
        return int(chosen)
    return QUICK_LETTERS if context.quick else FULL_LETTERS


def _bulk(world, context: BenchContext, letters: int):  # type: ignore[no-untyped-def]
    from django.test import override_settings

    from autentika.bulk.runs import signing_run_enqueue
    from autentika.bulk.selectors import bulk_progress
    from autentika.bulk.services import bulk_signing_start

    ids = drafts_clone(world.template, letters)
    batch = bulk_signing_start(
        office=world.office,
        actor=world.ketua,
        draft_ids=ids,
        password=PASSWORD,
        passphrase=world.passphrase,
        workers=context.cores,
    )
    step = 100 if letters >= 300 else max(5, letters // 8)
    memory = MemoryReport()
    marks: list[tuple[float, int]] = []
    with _child_settings(), override_settings(AUTENTIKA_SIGNING_TASK_BACKEND="default"):
        started = time.perf_counter()
        signing_run_enqueue(batch=batch, password=PASSWORD, passphrase=world.passphrase)
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "signing", "--batch"],
            stdout=subprocess.DEVNULL,
        )
    pid = worker.pid
    next_mark = step
    deadline = started + BULK_DEADLINE_SECONDS
    window = Window()
    locks = LockSampler()
    while time.perf_counter() < deadline:
        locks.read()
        batch.refresh_from_db()
        processed = bulk_progress(batch=batch).processed
        # the workers read again each time: one is replaced after its share of letters
        window.read(pids=children(pid))
        if processed >= next_mark or batch.is_finished:
            now = time.perf_counter()
            marks.append((now, processed))
            if (found := window.close(letters=processed)) is not None:
                memory.samples.append(found)
            next_mark = (processed // step + 1) * step
        if batch.is_finished:
            break
        time.sleep(0.25)
    elapsed = time.perf_counter() - started
    try:
        worker.wait(timeout=120)
    except subprocess.TimeoutExpired:
        worker.kill()
    progress = bulk_progress(batch=batch)
    return batch, progress, elapsed, memory, marks, step, locks


def run(context: BenchContext) -> list[Figure]:
    world = world_build(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        single = _single(world, context.repeat(8, 3))
        single_rate = 1 / single.median
        letters = _letters_count(context)
        batch, progress, elapsed, memory, marks, step, locks = _bulk(world, context, letters)
        growth = memory.growth_mb_per_hundred()
        if profiling_on() and growth is not None and growth > GROWTH_MB_PER_HUNDRED:
            _profile_memory(world, rounds=60)
        if profiling_on():
            # what a worker does while it holds the number: the bulk rate's bound
            _profile_letter(world, letters=10)
    finally:
        world.pki.stop()
    bulk_rate = progress.signed / elapsed
    step_rates = [
        (b[1] - a[1]) / (b[0] - a[0]) for a, b in itertools.pairwise(marks) if b[0] > a[0]
    ] or [bulk_rate]
    figures = [
        Figure(
            suite="batch",
            name="letter_sign, one letter at a time (in-process)",
            unit="s",
            series=single,
            note="the single-letter rate is 1 / median",
            extra={"single_rate": single_rate},
        ),
        Figure(
            suite="batch",
            name=f"bulk signing {letters} letters, {batch.workers} workers vs cores x single",
            unit="letters/s",
            series=Series.of(step_rates),
            ratio=bulk_rate / (context.cores * single_rate),
            at_least=TARGET_RATIO,
            note=f"{progress.signed} signed, {progress.failed} failed in {elapsed:.1f} s"
            " from launch",
            extra={
                "bulk_rate": bulk_rate,
                "single_rate": single_rate,
                "cores": context.cores,
                "workers": batch.workers,
                "letters": letters,
                "signed": progress.signed,
                "failed": progress.failed,
                "seconds": elapsed,
            },
        ),
        Figure(
            suite="batch",
            name=f"bulk signing worker peak memory (VmHWM), {letters} letters",
            unit="MB",
            series=Series.of([max(s.hwm_mb.values()) for s in memory.samples] or [0.0]),
            ratio=memory.peak_mb,
            at_most=PEAK_MB,
            note=f"sampled every {step} letters",
            extra={"samples": [vars(s) for s in memory.samples]},
        ),
    ]
    figures.append(
        Figure(
            suite="batch",
            name="bulk signing: workers' time queued for the outgoing number's lock",
            unit="%",
            ratio=100 * locks.waiting_share(batch.workers),
            note=f"{locks.samples} samples of pg_stat_activity, one per poll",
            extra={"samples": locks.samples, "waiting": locks.waiting, "busy": locks.busy},
        )
    )
    if growth is not None:
        figures.append(
            Figure(
                suite="batch",
                name="bulk signing worker RSS growth per 100 letters",
                unit="MB",
                ratio=growth,
                at_most=GROWTH_MB_PER_HUNDRED,
                note=f"the largest VmRSS any worker reached per {step} letters, 2nd window to last",
            )
        )
    return figures


def _profile_letter(world, *, letters: int) -> None:  # type: ignore[no-untyped-def]
    """One letter's signing, call by call (where the time under the counter's lock goes)."""
    from autentika.letters.models import Draft
    from autentika.letters.services import letter_sign

    drafts = iter(drafts_clone(world.template, letters))

    def sign_next() -> None:
        draft = Draft.objects.get(pk=next(drafts))
        letter_sign(draft=draft, actor=world.ketua, password=PASSWORD, passphrase=world.passphrase)

    profile_write("batch-letter-sign", sign_next, repeat=letters)


def _profile_memory(world, *, rounds: int) -> None:  # type: ignore[no-untyped-def]
    """What grows while one process signs letter after letter, as a worker does."""
    from autentika.letters.models import Draft
    from autentika.letters.services import letter_sign

    drafts = iter(drafts_clone(world.template, 2 * rounds))

    def sign_next() -> None:
        draft = Draft.objects.get(pk=next(drafts))
        letter_sign(draft=draft, actor=world.ketua, password=PASSWORD, passphrase=world.passphrase)

    memory_profile_write("batch-memory", sign_next, rounds=rounds)
