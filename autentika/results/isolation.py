"""Parsing an XLSX in a child process with hard limits on memory and time.

The container is bounded first (`xlsx_limits`, in this process, milliseconds). openpyxl then
parses in a fresh interpreter (`python -m autentika.results.isolation`) whose address space and
CPU time are capped by `setrlimit` and whose wall time is capped by a timeout: whatever a file
does to openpyxl, this worker gets an Indonesian refusal, never a hang or an out-of-memory kill.
The child imports only the pure parser; the result comes back pickled over a pipe (our own
process, never untrusted input). CSV is parsed in process: the csv module is bounded already.
"""

import pickle
import resource
import subprocess
import sys

from django.conf import settings

from autentika.results.import_types import Issue, ParsedResults, ResultsFileInvalid
from autentika.results.importing import parse_results


def parse_results_isolated(file_name: str, content: bytes) -> ParsedResults:
    """`parse_results`, with openpyxl in a child process under hard limits (XLSX only)."""
    if content[:4] != b"PK\x03\x04":
        return parse_results(file_name, content)
    from autentika.results.xlsx_limits import xlsx_problem

    problem = xlsx_problem(content)
    if problem is not None:
        raise ResultsFileInvalid.one(file_name, problem)
    memory, cpu, wall = settings.AUTENTIKA_IMPORT_LIMITS
    try:
        child = subprocess.run(
            [sys.executable, "-m", "autentika.results.isolation", str(memory), str(cpu)],
            input=pickle.dumps((file_name, content)),
            capture_output=True,
            timeout=wall,
            cwd=settings.BASE_DIR,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise _too_complex(file_name, "waktu") from None
    if child.returncode != 0 or not child.stdout:
        raise _too_complex(file_name, "memori atau waktu")
    parsed, issues = pickle.loads(child.stdout)
    if issues:
        raise ResultsFileInvalid(issues)
    assert isinstance(parsed, ParsedResults)
    return parsed


def _too_complex(file_name: str, what: str) -> ResultsFileInvalid:
    return ResultsFileInvalid.one(
        file_name,
        f"berkas XLSX tidak dapat dibaca dalam batas {what} yang diizinkan; "
        "simpan ulang hanya lembar templat, atau gunakan CSV.",
    )


def _child(memory: int, cpu: int) -> None:
    """The child limits itself before it reads a byte of the file."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    file_name, content = pickle.load(sys.stdin.buffer)
    try:
        outcome: tuple[ParsedResults | None, list[Issue]] = (parse_results(file_name, content), [])
    except ResultsFileInvalid as refused:
        outcome = (None, refused.issues)
    sys.stdout.buffer.write(pickle.dumps(outcome))


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]))
