"""Counting what a page or a step asks of the database."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext

# A test runs inside a transaction, so an atomic block there is a SAVEPOINT; outside a test
# the same block is BEGIN/COMMIT, which Django does not log. Neither asks for anything.
MARKERS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


class Statements(list[str]):
    """The statements run, transaction markers aside."""


@contextmanager
def statements_counted() -> Iterator[Statements]:
    counted = Statements()
    with CaptureQueriesContext(connection) as captured:
        yield counted
    counted.extend(
        query["sql"] for query in captured.captured_queries if not query["sql"].startswith(MARKERS)
    )
