"""Memory of the bulk signing's worker processes, read from /proc: the workers are the
children of the batch's process; VmRSS and VmHWM (the peak so far) of each, read at every
poll, and the largest of each worker kept per step of letters signed (a window): the pool
replaces a worker after its share of letters, so what one reading at a step boundary finds
depends on where each worker is in its life; the window's largest does not."""

from dataclasses import dataclass, field
from pathlib import Path

PROC = Path("/proc")


def status_kilobytes(text: str, key: str) -> int:
    """The value of `key` (e.g. "VmRSS") in a /proc/<pid>/status text, in kB (0 if absent)."""
    for line in text.splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    return 0


def children(parent: int, proc: Path = PROC) -> list[int]:
    found = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            text = (entry / "status").read_text()
        except OSError:
            continue
        if status_kilobytes(text, "PPid") == parent:
            found.append(int(entry.name))
    return sorted(found)


@dataclass
class MemorySample:
    letters: int  # letters processed by the batch when sampled
    rss_mb: dict[int, float]  # per worker pid
    hwm_mb: dict[int, float]


def sample(*, letters: int, pids: list[int], proc: Path = PROC) -> MemorySample | None:
    rss: dict[int, float] = {}
    hwm: dict[int, float] = {}
    for pid in pids:
        try:
            text = (proc / str(pid) / "status").read_text()
        except OSError:
            continue
        rss[pid] = status_kilobytes(text, "VmRSS") / 1024
        hwm[pid] = status_kilobytes(text, "VmHWM") / 1024
    return MemorySample(letters=letters, rss_mb=rss, hwm_mb=hwm) if rss else None


@dataclass
class Window:
    """The largest VmRSS and VmHWM each worker reached since the window opened."""

    rss_mb: dict[int, float] = field(default_factory=dict)
    hwm_mb: dict[int, float] = field(default_factory=dict)

    def read(self, *, pids: list[int], proc: Path = PROC) -> None:
        found = sample(letters=0, pids=pids, proc=proc)
        if found is None:
            return
        for pid, value in found.rss_mb.items():
            self.rss_mb[pid] = max(self.rss_mb.get(pid, 0.0), value)
        for pid, value in found.hwm_mb.items():
            self.hwm_mb[pid] = max(self.hwm_mb.get(pid, 0.0), value)

    def close(self, *, letters: int) -> MemorySample | None:
        """The window as a sample at `letters`, and a new window; None when nothing was read."""
        if not self.rss_mb:
            return None
        closed = MemorySample(letters=letters, rss_mb=dict(self.rss_mb), hwm_mb=dict(self.hwm_mb))
        self.rss_mb.clear()
        self.hwm_mb.clear()
        return closed


@dataclass
class MemoryReport:
    samples: list[MemorySample] = field(default_factory=list)

    @property
    def peak_mb(self) -> float:
        return max((max(s.hwm_mb.values()) for s in self.samples), default=0.0)

    def growth_mb_per_hundred(self) -> float | None:
        """The growth of the largest worker RSS from the second sample to the last, per
        hundred letters of the batch between them (the first step is left out: a forked
        worker touches its copy-on-write pages and fills its caches on the first letters).
        The workers are whichever run at each sample: the pool replaces a worker after its
        share of letters (AUTENTIKA_BULK_SIGNING_LETTERS_PER_WORKER). None with fewer than
        three samples."""
        if len(self.samples) < 3:
            return None
        second, last = self.samples[1], self.samples[-1]
        letters = last.letters - second.letters
        if letters <= 0:
            return None
        growth = max(last.rss_mb.values()) - max(second.rss_mb.values())
        return growth * 100 / letters
