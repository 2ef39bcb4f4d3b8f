"""The checks of `/sehat/`: each says whether one tier answers, with a short Indonesian message.
An essential check that fails makes the whole answer 503."""

import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connections

from autentika.operations.selectors import task_queue_states

OK = "ok"
FAIL = "fail"
NOT_CONFIGURED = "not_configured"
REPLICA_ALIAS = "replica"
PROBE_FOLDER = "sehat"

# On a replica: 0 when it has replayed all it received (an idle primary sends nothing, so the
# last replayed transaction's age alone would grow forever), else the age of the last one
# replayed; NULL on a server that is not in recovery.
REPLICA_LAG_SQL = (
    "SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL "
    "WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
)


@dataclass
class Check:
    name: str
    status: str
    message: str
    essential: bool = True
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.essential and self.status == FAIL


def database_check() -> Check:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        return Check("database", FAIL, f"Basis data tidak menjawab ({type(error).__name__}).")
    return Check("database", OK, "Basis data menjawab.")


def replica_lag_check() -> Check:
    if settings.DATABASES.get(REPLICA_ALIAS) is None:
        return Check("replica", NOT_CONFIGURED, "Replika tidak dikonfigurasi.", essential=False)
    if connections[REPLICA_ALIAS].vendor != "postgresql":
        return Check("replica", FAIL, "Replika hanya diperiksa pada PostgreSQL.", essential=False)
    try:
        with connections[REPLICA_ALIAS].cursor() as cursor:
            cursor.execute(REPLICA_LAG_SQL)
            (lag,) = cursor.fetchone()
    except DatabaseError as error:
        return Check(
            "replica", FAIL, f"Replika tidak menjawab ({type(error).__name__}).", essential=False
        )
    if lag is None:
        return Check(
            "replica", FAIL, "Server replika bukan replika (tidak dalam pemulihan).", False
        )
    lag = round(float(lag), 1)
    limit = settings.AUTENTIKA_HEALTH_REPLICA_MAX_LAG_SECONDS
    status, message = (
        (OK, f"Replika tertinggal {lag:g} detik.")
        if lag <= limit
        else (FAIL, f"Replika tertinggal {lag:g} detik, lebih dari batas {limit} detik.")
    )
    return Check("replica", status, message, essential=False, details={"lag_seconds": lag})


def storage_check() -> Check:
    """A small file written, read back and deleted where documents are stored (a probe left
    behind by a failed read lies under `sehat/`, never among documents)."""
    content = uuid.uuid4().hex.encode()
    step = "ditulis"
    try:
        name = default_storage.save(
            f"{PROBE_FOLDER}/probe-{content.decode()}.txt", ContentFile(content)
        )
        step = "dibaca"
        with default_storage.open(name, "rb") as handle:
            read = handle.read()
        step = "dihapus"
        default_storage.delete(name)
    except Exception as error:  # any backend's failure (OSError, botocore's, ...) is the answer
        return Check("storage", FAIL, f"Berkas uji gagal {step} ({type(error).__name__}).")
    if read != content:
        return Check("storage", FAIL, "Berkas uji terbaca berbeda dari yang ditulis.")
    return Check("storage", OK, "Penyimpanan berkas dapat ditulis, dibaca dan dihapus.")


def task_queue_check() -> Check:
    try:
        states = task_queue_states()
    except DatabaseError as error:
        return Check("task_queue", FAIL, f"Antrean tugas tidak terbaca ({type(error).__name__}).")
    waiting = sum(state.waiting for state in states)
    oldest = max((state.oldest_age_seconds for state in states), default=0.0)
    details = {"waiting": waiting, "oldest_age_seconds": round(oldest, 1)}
    limit = settings.AUTENTIKA_HEALTH_QUEUE_MAX_AGE_SECONDS
    if oldest > limit:
        message = (
            f"Tugas tertua sudah menunggu {oldest:.0f} detik, lebih dari batas {limit} detik: "
            "periksa proses pekerja (db_worker)."
        )
        return Check("task_queue", FAIL, message, details=details)
    return Check("task_queue", OK, f"{waiting} tugas menunggu.", details=details)


CHECKS: tuple[Callable[[], Check], ...] = (
    database_check,
    replica_lag_check,
    storage_check,
    task_queue_check,
)


def health_report() -> tuple[bool, dict[str, Any]]:
    """(every essential check passed, the JSON body)."""
    results = []
    for run in CHECKS:
        started = time.perf_counter()
        check = run()
        results.append((check, round(time.perf_counter() - started, 3)))
    healthy = not any(check.failed for check, _ in results)
    return healthy, {
        "status": OK if healthy else FAIL,
        "message": "Semua pemeriksaan utama lulus."
        if healthy
        else "Ada pemeriksaan utama yang gagal.",
        "checks": [{**asdict(check), "seconds": seconds} for check, seconds in results],
    }
