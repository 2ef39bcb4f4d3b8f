"""Issue #17 figure 3: public verification served as in production (gunicorn, 2 workers, the
production settings, PostgreSQL) under load from a separate process, against a minimal Django
view in the same deployment: requests per second (target >= 0.6x the minimal view) and p99
latency for the QR page and the upload check."""

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.context import BenchContext
from bench.profiling import profile_write, profiling_on
from bench.report import Figure
from bench.serving_load import LoadSpec
from bench.serving_setup import (
    environment_without_django,
    gunicorn_serving,
    letter_sign_for_bench,
    proxy_headers,
    server_environment,
    upload_request,
)
from bench.serving_urls import MINIMAL_PATH, ONE_ROW_PATH
from bench.stats import Series

SUITE = "serving"
CONCURRENCY = 4  # twice the workers: each always has a request waiting
TARGET = 0.6
MATCHED = "sama persis dengan surat yang tercatat"  # the upload verdict on a recorded letter


@dataclass
class Target:
    name: str
    method: str
    path: str
    expect: str
    headers: dict[str, str]
    body_file: str = ""
    diagnostic: bool = False  # a second floor, measured beside the targets, with no target
    rates: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    requests: int = 0
    errors: dict[str, int] = field(default_factory=dict)


def _load(target: Target, *, port: int, duration: float, env: dict[str, str], work: Path) -> None:
    spec = LoadSpec(
        port=port,
        method=target.method,
        path=target.path,
        headers=target.headers,
        body_file=target.body_file,
        expect=target.expect,
        concurrency=CONCURRENCY,
        duration=duration,
    )
    spec_file = work / "spec.json"
    spec_file.write_text(json.dumps(spec.__dict__))
    done = subprocess.run(
        [sys.executable, "-m", "bench.serving_load", str(spec_file)],
        capture_output=True,
        text=True,
        env=environment_without_django(env),
        check=True,
        timeout=duration + 120,
    )
    summary: dict[str, Any] = json.loads(done.stdout)
    target.rates.extend(summary["rates"])
    target.latencies.extend(summary["latencies"])
    target.requests += summary["requests"]
    for status, count in summary["errors_by_status"].items():
        target.errors[status] = target.errors.get(status, 0) + count


def _figures(targets: list[Target]) -> list[Figure]:
    floor = targets[0]
    floor_rate = Series.of(floor.rates).median
    figures = []
    for target in targets:
        rates = Series.of(target.rates or [0.0])
        latencies = Series.of(target.latencies or [0.0])
        extra = {
            "requests": target.requests,
            "errors": target.errors,
            "p99_latency_s": latencies.p99,
            "concurrency": CONCURRENCY,
        }
        is_floor = target is floor
        errors = sum(target.errors.values())
        figures.append(
            Figure(
                suite=SUITE,
                name=target.name if is_floor else f"{target.name} vs minimal view",
                unit="req/s",
                series=rates,
                ratio=None if is_floor else rates.median / floor_rate,
                at_least=None if is_floor or target.diagnostic else TARGET,
                note=f"p99 {latencies.p99 * 1000:.0f} ms, {errors} errors of {target.requests}",
                extra=extra,
            )
        )
        figures.append(
            Figure(
                suite=SUITE,
                name=f"{target.name} latency",
                unit="s",
                series=latencies,
                note=f"p99 {latencies.p99 * 1000:.1f} ms",
                extra={"p99_latency_s": latencies.p99},
            )
        )
    return figures


def run(context: BenchContext) -> list[Figure]:
    work = Path(tempfile.mkdtemp(prefix="bench-serving-"))
    letter = letter_sign_for_bench(work)
    env = server_environment(database_url=context.database_url, var_dir=work)
    rounds = context.repeat(2, 1)
    duration = 3.0 if context.quick else 6.0
    with gunicorn_serving(env) as port:
        qr_path = f"/verifikasi/{letter.token}/"
        targets = [
            Target("minimal view", "GET", MINIMAL_PATH, "ok", proxy_headers()),
            Target(
                "minimal view reading the letter's row (no target)",
                "GET",
                f"{ONE_ROW_PATH}{letter.token}/",
                "ok",
                proxy_headers(),
                diagnostic=True,
            ),
            Target("QR page", "GET", qr_path, letter.headline, proxy_headers()),
        ]
        small_body = work / "upload-small.bin"
        targets.append(
            Target(
                f"upload check ({letter.pdf.stat().st_size // 1024} KB)",
                "POST",
                qr_path,
                MATCHED,
                upload_request(port=port, path=qr_path, pdf=letter.pdf, body_file=small_body),
                body_file=str(small_body),
            )
        )
        for target in targets:  # warm-up: imports, template and connection caches
            _load(target, port=port, duration=1.0, env=env, work=work)
            target.rates, target.latencies, target.requests, target.errors = [], [], 0, {}
        for _ in range(rounds):
            for target in targets:
                _load(target, port=port, duration=duration, env=env, work=work)
    figures = _figures(targets)
    if profiling_on() and any(f.met is False for f in figures):
        _profile_in_process(qr_path, letter.pdf)
    return figures


def _profile_in_process(qr_path: str, pdf: Path) -> None:
    """The same two requests through Django's test client in this process (the bench
    settings, not gunicorn's): where a request's time goes inside Django."""
    from django.test import Client

    client = Client()

    def upload() -> None:
        with pdf.open("rb") as handle:
            client.post(qr_path, {"file": handle})

    profile_write("serving-qr-page", lambda: client.get(qr_path), repeat=300)
    profile_write("serving-upload-check", upload, repeat=40)
