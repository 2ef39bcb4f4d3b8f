"""Run a command and print, as JSON, its exit code, processor seconds (user + system) and
peak memory, from the kernel's account of it (`wait4`).

The commands suite starts its processes through this small one: a child forked from the bench
process itself would be charged the bench's own memory as its peak (the fork's copy counts
until `exec`)."""

import json
import os
import subprocess
import sys


def main(arguments: list[str]) -> int:
    process = subprocess.Popen(arguments, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    result = {
        "exit": os.waitstatus_to_exitcode(status),
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_mb": usage.ru_maxrss / 1024,
        "stderr": errors.decode(errors="replace")[-2000:],
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
