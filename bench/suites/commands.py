"""Issue #32: a command's cost as the person who runs it pays it, a whole process.

`manage.py verify_letter letter.pdf` (an auditor's check of a letter on the command line)
against its floor, `bench/bare_validation.py`: one AdES-LTA validation of the same file by
pyHanko alone under the same policy, no Django. Beside them `python -c "import django;
django.setup()"` with the same settings: what any command pays before it does anything.

Each is a process of its own; its processor time (user + system, from the kernel's account of
the child) and its peak memory are read when it ends. The three run in turns, round after
round, so that whatever else the machine does falls on each alike; the ratio is of medians.
Target: `verify_letter` <= 1.5x the bare validation.
"""

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.batch_setup import drafts_clone, world_build
from bench.context import BenchContext
from bench.report import Figure
from bench.stats import Series

ROOT = Path(__file__).resolve().parents[2]
TARGET = 1.5
SETTINGS = "bench.batch_settings"  # the suite's files (demo CA, trust roots) and database


def _process(arguments: Sequence[str]) -> tuple[float, float]:
    """Run one process to its end (it must succeed): (processor seconds, peak memory in MB),
    measured by bench/process_usage.py."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS}
    measured = subprocess.run(
        [sys.executable, "bench/process_usage.py", sys.executable, *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    usage = json.loads(measured.stdout)
    if usage["exit"] != 0:
        raise RuntimeError(f"{' '.join(arguments)} ended with {usage['exit']}: {usage['stderr']}")
    return float(usage["cpu_seconds"]), float(usage["peak_mb"])


def _signed_letter(files_dir: str) -> Path:
    from autentika.letters.models import Draft
    from autentika.letters.services import letter_sign
    from autentika.organization.demo import DEMO_PASSWORD

    world = world_build(files_dir)
    try:
        draft = Draft.objects.get(pk=drafts_clone(world.template, 1)[0])
        letter = letter_sign(
            draft=draft, actor=world.ketua, password=DEMO_PASSWORD, passphrase=world.passphrase
        )
    finally:
        world.pki.stop()  # the validation needs nothing online: the file carries it all
    path = Path(files_dir) / "surat.pdf"
    path.write_bytes(bytes(letter.pdf))
    return path


def run(context: BenchContext) -> list[Figure]:
    from autentika.signing.trust import DEMO_ROOT_FILE, DEMO_TSA_FILE, pki_dir

    files_dir = os.environ.get("BENCH_BATCH_FILES_DIR") or tempfile.mkdtemp(prefix="bench-")
    pdf = _signed_letter(files_dir)
    processes = {
        "verify_letter": ["manage.py", "verify_letter", str(pdf)],
        "bare": [
            "bench/bare_validation.py",
            str(pdf),
            str(pki_dir() / DEMO_ROOT_FILE),
            str(pki_dir() / DEMO_TSA_FILE),
        ],
        "setup": ["-c", "import django; django.setup()"],
    }
    cpu: dict[str, list[float]] = {name: [] for name in processes}
    memory: dict[str, list[float]] = {name: [] for name in processes}
    for round_ in range(context.repeat(8, 2) + 1):
        for name, arguments in processes.items():
            seconds, megabytes = _process(arguments)
            if round_:  # the first round warms the page cache and the bytecode caches
                cpu[name].append(seconds)
                memory[name].append(megabytes)
    labels = {
        "verify_letter": "manage.py verify_letter (process)",
        "bare": "floor: bare pyHanko AdES-LTA validation (process)",
        "setup": 'python -c "import django; django.setup()" (process)',
    }
    figures = [
        Figure(suite="commands", name=f"{labels[name]} CPU", unit="s", series=Series.of(cpu[name]))
        for name in processes
    ]
    figures += [
        Figure(
            suite="commands",
            name=f"{labels[name]} peak memory",
            unit="MB",
            series=Series.of(memory[name]),
        )
        for name in processes
    ]
    verify = Series.of(cpu["verify_letter"]).median
    bare = Series.of(cpu["bare"]).median
    setup = Series.of(cpu["setup"]).median
    figures.append(
        Figure(
            suite="commands",
            name="verify_letter / bare validation (CPU medians)",
            unit="x",
            ratio=verify / bare,
            at_most=TARGET,
            note=f"verify_letter {verify:.2f} s, bare {bare:.2f} s, django.setup() {setup:.2f} s",
        )
    )
    return figures
