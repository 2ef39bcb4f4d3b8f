"""Where bulk signing's workers wait: sampled from PostgreSQL's pg_stat_activity at every poll
of the batch. A worker waiting on a lock while running the outgoing counter's
SELECT ... FOR UPDATE is queued behind another worker that holds the office's number (taken
before rendering, held until its letter commits: the numbering is gapless)."""

from dataclasses import dataclass

from django.db import connection

COUNTER_TABLE = "letters_outgoingcounter"


@dataclass
class LockSampler:
    samples: int = 0
    waiting: int = 0  # summed over the samples: backends queued for the number's row lock
    busy: int = 0  # summed over the samples: backends running a statement

    def read(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock' AND query ILIKE %s), "
                "count(*) FILTER (WHERE state = 'active') "
                "FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()",
                [f"%{COUNTER_TABLE}%"],
            )
            waiting, busy = cursor.fetchone()
        self.samples += 1
        self.waiting += waiting
        self.busy += busy

    def waiting_share(self, workers: int) -> float:
        """The share of the workers' time spent queued for the number (0..1)."""
        return self.waiting / (self.samples * workers) if self.samples and workers else 0.0
