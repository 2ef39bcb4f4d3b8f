from bench.suites.sqlite_wait import writes_split


def test_a_write_overlapping_a_signing_at_either_end_counts_as_during():
    signings = [(10.0, 11.0)]
    writes = [
        (9.5, 0.6),  # began before, ended inside
        (10.5, 0.1),  # inside
        (10.9, 0.5),  # began inside, ended after
        (9.0, 3.0),  # spans the whole signing
    ]
    assert writes_split(signings=signings, writes=writes) == ([0.6, 0.1, 0.5, 3.0], [])


def test_writes_before_between_and_after_signings_count_as_apart():
    signings = [(10.0, 11.0), (12.0, 13.0)]
    writes = [(9.0, 0.5), (11.2, 0.3), (13.5, 0.2), (10.99, 0.002), (12.999, 0.001)]
    assert writes_split(signings=signings, writes=writes) == ([0.002, 0.001], [0.5, 0.3, 0.2])


def test_a_write_ending_exactly_as_a_signing_begins_is_apart():
    assert writes_split(signings=[(10.0, 11.0)], writes=[(9.0, 1.0), (11.0, 0.5)]) == (
        [],
        [1.0, 0.5],
    )
