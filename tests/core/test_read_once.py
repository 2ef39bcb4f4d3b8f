"""A read kept for one moment: asked once inside a scope, every time outside one."""

from collections.abc import Callable

from autentika.core.read_once import ReadOnce


def _counting_read() -> tuple[list[int], Callable[[], int]]:
    calls: list[int] = []

    def read() -> int:
        calls.append(1)
        return len(calls)

    return calls, read


def test_inside_a_scope_a_key_is_read_once_and_every_caller_gets_that_answer():
    facts = ReadOnce("test facts")
    calls, read = _counting_read()
    with facts.scope():
        answers = [facts.read("key", read) for _ in range(5)]
    assert answers == [1, 1, 1, 1, 1]
    assert len(calls) == 1


def test_outside_a_scope_every_question_reads_again():
    facts = ReadOnce("test facts")
    _, read = _counting_read()
    assert [facts.read("key", read) for _ in range(3)] == [1, 2, 3]


def test_a_nested_scope_shares_the_outer_answers_and_a_new_scope_starts_afresh():
    facts = ReadOnce("test facts")
    _, read = _counting_read()
    with facts.scope():
        facts.read("key", read)
        with facts.scope():
            assert facts.read("key", read) == 1
        assert facts.read("other", read) == 2
    with facts.scope():
        assert facts.read("key", read) == 3
