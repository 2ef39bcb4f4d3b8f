"""The serving suite's load generator, run as a process of its own
(`python -m bench.serving_load SPEC.json`): a fixed number of keep-alive connections
(http.client, one thread each) send the same request for a fixed time and record every
request's start, latency and outcome; the summary comes back as JSON on stdout.

A request counts only when the answer is 2xx and, where the spec names one, its body holds the
expected text (a verdict, not an error page); anything else is an error and is reported.
"""

import http.client
import json
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.stats import Series


@dataclass(frozen=True)
class Outcome:
    started: float  # seconds since the run began
    latency: float  # seconds
    ok: bool
    status: int  # 0 when the connection failed


def window_rates(outcomes: list[Outcome], *, duration: float, window: float) -> list[float]:
    """Successful requests per second in each whole window of the run, by completion time.
    A partial last window is dropped (it would read low)."""
    windows = int(duration // window)
    counts = [0] * windows
    for outcome in outcomes:
        if not outcome.ok:
            continue
        index = int((outcome.started + outcome.latency) // window)
        if 0 <= index < windows:
            counts[index] += 1
    return [count / window for count in counts]


def load_summary(
    outcomes: list[Outcome], *, duration: float, window: float = 1.0
) -> dict[str, Any]:
    """Throughput per window, latency percentiles of the successful requests, and errors by
    status (0: the connection failed)."""
    good = [o.latency for o in outcomes if o.ok]
    errors: dict[str, int] = {}
    for outcome in outcomes:
        if not outcome.ok:
            errors[str(outcome.status)] = errors.get(str(outcome.status), 0) + 1
    latencies = Series.of(good) if good else None
    return {
        "requests": len(outcomes),
        "ok": len(good),
        "errors": sum(errors.values()),
        "errors_by_status": errors,
        "rates": window_rates(outcomes, duration=duration, window=window),
        "rate": len(good) / duration if duration > 0 else 0.0,
        "latencies": good,
        "p50": latencies.median if latencies else None,
        "p99": latencies.p99 if latencies else None,
    }


@dataclass(frozen=True)
class LoadSpec:
    port: int
    method: str
    path: str
    headers: dict[str, str]
    body_file: str  # "" for no body
    expect: str  # text every good answer holds ("" for any 2xx)
    concurrency: int
    duration: float
    window: float = 1.0

    @classmethod
    def from_json(cls, text: str) -> "LoadSpec":
        return cls(**json.loads(text))


def _connection_loop(
    spec: LoadSpec, body: bytes | None, began: float, stop: float, out: list[Outcome]
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", spec.port, timeout=60)
    expect = spec.expect.encode()
    while (now := time.perf_counter()) < stop:
        status, ok = 0, False
        try:
            connection.request(spec.method, spec.path, body=body, headers=spec.headers)
            response = connection.getresponse()
            content = response.read()
            status = response.status
            ok = 200 <= status < 300 and (not expect or expect in content)
            if response.will_close:
                connection.close()  # the next request opens a new connection
        except (OSError, http.client.HTTPException):
            connection.close()
        out.append(Outcome(now - began, time.perf_counter() - now, ok, status))
    connection.close()


def load_run(spec: LoadSpec) -> dict[str, Any]:
    body = Path(spec.body_file).read_bytes() if spec.body_file else None
    began = time.perf_counter()
    stop = began + spec.duration
    per_thread: list[list[Outcome]] = [[] for _ in range(spec.concurrency)]
    threads = [
        threading.Thread(target=_connection_loop, args=(spec, body, began, stop, out))
        for out in per_thread
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcomes = [o for out in per_thread for o in out]
    return load_summary(outcomes, duration=spec.duration, window=spec.window)


if __name__ == "__main__":
    summary = load_run(LoadSpec.from_json(Path(sys.argv[1]).read_text()))
    sys.stdout.write(json.dumps(summary))
