"""The batch suite's memory accounting: /proc status fields, the workers as the batch
process's children, and growth measured from the second sample to the last."""

from pathlib import Path

from bench.batch_memory import MemoryReport, MemorySample, children, sample, status_kilobytes

STATUS = "Name:\tpython\nPPid:\t{ppid}\nVmHWM:\t  {hwm} kB\nVmRSS:\t  {rss} kB\n"


def _proc(tmp_path: Path, processes: dict[int, tuple[int, int, int]]) -> Path:
    for pid, (ppid, hwm, rss) in processes.items():
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "status").write_text(STATUS.format(ppid=ppid, hwm=hwm, rss=rss))
    (tmp_path / "self").mkdir()
    return tmp_path


def test_status_fields_are_read_in_kilobytes():
    text = STATUS.format(ppid=7, hwm=204800, rss=102400)
    assert status_kilobytes(text, "VmHWM") == 204800
    assert status_kilobytes(text, "PPid") == 7
    assert status_kilobytes(text, "VmSwap") == 0


def test_the_workers_are_the_children_of_the_batch_process(tmp_path):
    proc = _proc(tmp_path, {10: (1, 0, 0), 11: (10, 0, 0), 12: (10, 0, 0), 13: (11, 0, 0)})
    assert children(10, proc) == [11, 12]


def test_a_sample_gives_each_workers_memory_in_megabytes(tmp_path):
    proc = _proc(tmp_path, {11: (10, 2048, 1024), 12: (10, 4096, 3072)})
    found = sample(letters=100, pids=[11, 12, 99], proc=proc)
    assert found is not None
    assert found.rss_mb == {11: 1.0, 12: 3.0} and found.hwm_mb == {11: 2.0, 12: 4.0}
    assert sample(letters=0, pids=[99], proc=proc) is None


def _at(letters: int, rss: dict[int, float]) -> MemorySample:
    return MemorySample(letters=letters, rss_mb=rss, hwm_mb={p: v + 10 for p, v in rss.items()})


def test_growth_leaves_out_the_first_step_and_is_per_hundred_letters():
    report = MemoryReport(
        [
            _at(100, {1: 100.0, 2: 100.0}),  # first letters: caches fill, not counted
            _at(200, {1: 150.0, 2: 150.0}),
            _at(400, {1: 154.0, 2: 151.0}),
        ]
    )
    assert report.growth_mb_per_hundred() == 2.0  # the worst worker: 4 MB over 200 letters
    assert report.peak_mb == 164.0


def test_growth_needs_three_samples():
    assert MemoryReport([_at(100, {1: 1.0}), _at(200, {1: 9.0})]).growth_mb_per_hundred() is None


def test_growth_follows_the_largest_worker_when_workers_are_replaced():
    # The pool replaced both workers between the samples: the measure is the largest RSS of
    # whichever workers run, not one process's.
    report = MemoryReport(
        [
            _at(100, {1: 100.0, 2: 100.0}),
            _at(200, {1: 160.0, 2: 150.0}),
            _at(400, {3: 140.0, 4: 170.0}),
        ]
    )
    assert report.growth_mb_per_hundred() == 5.0  # 160 -> 170 MB over 200 letters


def test_a_window_keeps_each_workers_largest_reading_and_starts_afresh(tmp_path):
    # Two readings in one window: worker 11 rose then fell, worker 12 appeared later; the
    # window keeps what each reached at most, and the next window starts empty.
    from bench.batch_memory import Window

    def status(pid: int, rss_kb: int, hwm_kb: int) -> None:
        (tmp_path / str(pid)).mkdir(exist_ok=True)
        (tmp_path / str(pid) / "status").write_text(
            f"Name:\tpython\nPPid:\t1\nVmHWM:\t{hwm_kb} kB\nVmRSS:\t{rss_kb} kB\n"
        )

    window = Window()
    status(11, 2048, 3072)
    window.read(pids=[11], proc=tmp_path)
    status(11, 1024, 3072)
    status(12, 4096, 4096)
    window.read(pids=[11, 12], proc=tmp_path)
    closed = window.close(letters=100)
    assert closed is not None
    assert closed.letters == 100
    assert closed.rss_mb == {11: 2.0, 12: 4.0} and closed.hwm_mb == {11: 3.0, 12: 4.0}
    assert window.close(letters=200) is None
