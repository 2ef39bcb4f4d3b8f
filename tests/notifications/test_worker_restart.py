"""The notification worker survives a real PostgreSQL restart: a throwaway cluster is created
(initdb) on a free port, the worker polls it, the cluster is stopped while the worker runs and
started again, and a task enqueued afterwards is still processed by the same worker process.
The library's own worker exited for good at the first failed poll."""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import get_commands

DEADLINE_SECONDS = 15


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Cluster:
    """A PostgreSQL cluster in a temporary directory, run as `postgres` when we are root
    (PostgreSQL refuses to run as root)."""

    def __init__(self, bin_dir: Path, root: Path) -> None:
        self.bin_dir, self.root = bin_dir, root
        self.data, self.log = root / "data", root / "postgres.log"
        self.port = _free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        result = subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=60, cwd=self.root
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres")
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
            "-o", options, "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    bin_dir = _pg_bin()
    if bin_dir is None or not (bin_dir / "pg_ctl").exists():
        pytest.skip("PostgreSQL's initdb/pg_ctl are not installed (postgresql package)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("running as root without runuser: PostgreSQL cannot be started")
    root = Path(tempfile.mkdtemp(prefix="autentika-pg-restart-", dir="/tmp"))
    root.chmod(0o755)
    cluster = Cluster(bin_dir, root)
    try:
        cluster.init()
        cluster.start()
        yield cluster
    finally:
        with contextlib.suppress(AssertionError, subprocess.SubprocessError):
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def _helper_env(cluster: Cluster) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.restart_settings",
        "DATABASE_URL": cluster.url,
        "PYTHONPATH": str(settings.BASE_DIR),
    }


def _helper(cluster: Cluster, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.notifications.restart_worker", *args],
        env=_helper_env(cluster),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _wait_for(path: Path, worker: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not path.exists():
        assert worker.poll() is None, "the worker exited:\n" + log.read_text()
        assert time.monotonic() < deadline, "not processed in time:\n" + log.read_text()
        time.sleep(0.1)


def test_manage_db_worker_is_the_reconnecting_worker():
    assert get_commands()["db_worker"] == "autentika.notifications"


@pytest.mark.postgres
def test_the_worker_keeps_processing_after_postgresql_restarts(cluster: Cluster):
    _helper(cluster, "migrate")
    log = cluster.root / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(
            [sys.executable, "-m", "tests.notifications.restart_worker", "work"],
            env=_helper_env(cluster),
            cwd=settings.BASE_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        before = cluster.root / "before-restart"
        _helper(cluster, "enqueue", str(before))
        _wait_for(before, worker, log)

        cluster.stop()
        time.sleep(1.5)  # the worker polls every 0.2 s: it meets the stopped database
        assert worker.poll() is None, "the worker exited:\n" + log.read_text()
        cluster.start()

        after = cluster.root / "after-restart"
        _helper(cluster, "enqueue", str(after))
        _wait_for(after, worker, log)
        assert after.read_text() == "selesai"
        assert "Basis data tidak terjangkau" in log.read_text()
    finally:
        worker.terminate()
        worker.wait(timeout=10)


@pytest.mark.django_db
def test_a_task_cut_off_by_the_outage_is_queued_again_for_this_worker_only():
    from django_tasks_db.compat import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from autentika.notifications.tasks import email_deliver
    from autentika.notifications.worker import ReconnectingWorker

    def claimed(by: str) -> DBTaskResult:
        result = DBTaskResult.objects.get(id=email_deliver.enqueue(1).id)
        result.claim(by)
        return result

    mine, theirs = claimed("pekerja-ini"), claimed("pekerja-lain")
    worker = ReconnectingWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="pekerja-ini",
        excluded_queue_names=[],
    )
    worker.interrupted = 1  # the database went away once while it ran
    worker._interrupted_tasks_requeue()
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == TaskResultStatus.READY
    assert theirs.status == TaskResultStatus.RUNNING
