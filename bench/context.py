"""What every suite is given: the database it runs on and how hard to try."""

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class BenchContext:
    database_url: str  # the PostgreSQL database `make bench` created and migrated
    quick: bool  # BENCH_QUICK=1: fewer repetitions and smaller data, to try the suites out
    cores: int = os.cpu_count() or 1

    def repeat(self, full: int, quick: int = 3) -> int:
        return quick if self.quick else full
