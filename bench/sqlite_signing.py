"""The sqlite_wait suite's own process: the demo office on a SQLite file (the embedded
default), a writer process beside it (bench/sqlite_writer.py), and letters signed one after
another with pauses between them. Prints as JSON the signings' [start, end] and the writer's
writes, all on the system's monotonic clock. Run with DATABASE_URL naming the SQLite file and
BENCH_BATCH_FILES_DIR the files' folder (bench/suites/sqlite_wait.py does)."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAUSE_SECONDS = 0.5  # writes with no signing, before the first signing and after each


def main(signings: int) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    import bench.batch_setup as setup
    from autentika.letters.models import Draft
    from autentika.letters.services import letter_sign
    from autentika.organization.demo import DEMO_PASSWORD
    from tests.support.replica import free_port

    setup.PKI_PORT = free_port()  # beside whatever the calling bench still serves
    world = setup.world_build(os.environ["BENCH_BATCH_FILES_DIR"])
    drafts = setup.drafts_clone(world.template, signings)
    tu = get_user_model().objects.get(username="tu")
    writer = subprocess.Popen(
        [sys.executable, "-m", "bench.sqlite_writer", str(world.office.pk), str(tu.pk)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdin is not None and writer.stdout is not None
    try:
        if writer.stdout.readline().strip() != "ready":
            raise RuntimeError("the writer did not start")
        time.sleep(PAUSE_SECONDS)
        spans = []
        for pk in drafts:
            started = time.monotonic()
            letter_sign(
                draft=Draft.objects.get(pk=pk),
                actor=world.ketua,
                password=DEMO_PASSWORD,
                passphrase=world.passphrase,
            )
            spans.append((started, time.monotonic()))
            time.sleep(PAUSE_SECONDS)
        writer.stdin.close()
        writes = json.loads(writer.stdout.read().strip().splitlines()[-1])
    finally:
        if not writer.stdin.closed:  # failed before the end: the writer is not told to stop
            writer.kill()
        writer.wait(timeout=30)
        world.pki.stop()
    print(json.dumps({"signings": spans, "writes": writes}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
