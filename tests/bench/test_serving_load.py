"""The serving suite's load generator counts what a reader of its figures assumes: only good
answers make throughput, every other answer is an error by status, and windows and p99 come
from the recorded requests."""

import http.server
import json
import threading

import pytest

from bench.serving_load import LoadSpec, Outcome, load_run, load_summary, window_rates


def test_throughput_per_window_counts_only_good_answers_by_completion_time():
    outcomes = [
        Outcome(started=0.1, latency=0.2, ok=True, status=200),  # done at 0.3: window 0
        Outcome(started=0.9, latency=0.2, ok=True, status=200),  # done at 1.1: window 1
        Outcome(started=1.0, latency=0.1, ok=False, status=500),  # an error: not counted
        Outcome(started=1.5, latency=0.1, ok=True, status=200),  # window 1
        Outcome(started=2.9, latency=0.2, ok=True, status=200),  # done at 3.1: past the run
    ]
    assert window_rates(outcomes, duration=3.0, window=1.0) == [1.0, 2.0, 0.0]
    assert window_rates(outcomes, duration=3.0, window=0.5) == [2.0, 0.0, 2.0, 2.0, 0.0, 0.0]


def test_a_partial_last_window_is_left_out():
    outcomes = [Outcome(started=2.2, latency=0.1, ok=True, status=200)]
    assert window_rates(outcomes, duration=2.5, window=1.0) == [0.0, 0.0]


def test_errors_are_reported_by_status_and_kept_out_of_latencies():
    outcomes = [
        Outcome(started=i * 0.01, latency=0.001 * (i + 1), ok=True, status=200) for i in range(100)
    ]
    outcomes += [
        Outcome(started=0.5, latency=9.0, ok=False, status=429),
        Outcome(started=0.6, latency=9.0, ok=False, status=429),
        Outcome(started=0.7, latency=9.0, ok=False, status=0),
        Outcome(started=0.8, latency=9.0, ok=False, status=200),  # 200 without the verdict
    ]
    summary = load_summary(outcomes, duration=2.0)
    assert summary["requests"] == 104
    assert summary["ok"] == 100
    assert summary["errors"] == 4
    assert summary["errors_by_status"] == {"429": 2, "0": 1, "200": 1}
    assert summary["rate"] == 50.0
    assert max(summary["latencies"]) == pytest.approx(0.1)
    assert summary["p99"] == pytest.approx(0.09901)
    assert summary["p50"] == pytest.approx(0.0505)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like a server that keeps connections

    def do_GET(self) -> None:
        body = b"verdict: sah" if self.path == "/good" else b"halaman galat"
        self.send_response(200 if self.path != "/missing" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _spec(port: int, path: str) -> LoadSpec:
    return LoadSpec.from_json(
        json.dumps(
            {
                "port": port,
                "method": "GET",
                "path": path,
                "headers": {"Host": "bench"},
                "body_file": "",
                "expect": "sah",
                "concurrency": 2,
                "duration": 0.5,
                "window": 0.25,
            }
        )
    )


def test_a_run_against_a_server_counts_good_answers(local_server):
    summary = load_run(_spec(local_server, "/good"))
    assert summary["ok"] > 0 and summary["errors"] == 0
    assert len(summary["rates"]) == 2 and all(rate > 0 for rate in summary["rates"])


def test_answers_without_the_expected_text_or_not_2xx_are_errors(local_server):
    wrong_page = load_run(_spec(local_server, "/other"))
    assert wrong_page["ok"] == 0 and wrong_page["errors_by_status"].keys() == {"200"}
    missing = load_run(_spec(local_server, "/missing"))
    assert missing["ok"] == 0 and missing["errors_by_status"].keys() == {"404"}
