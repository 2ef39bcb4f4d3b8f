"""Several clerks registering at the same moment, each on its own database connection."""

import threading

import pytest
from django.db import connection

from autentika.cases.models import Case

WORKERS = 8
PER_WORKER = 25


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_get_exactly_one_to_n(register, official_without_figures):
    errors: list[BaseException] = []
    start = threading.Barrier(WORKERS)

    def clerk(worker: int) -> None:
        try:
            start.wait()
            for index in range(PER_WORKER):
                register(letter_number=f"{worker}/{index}/2025")
        except BaseException as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=clerk, args=(w,)) for w in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(Case.objects.values_list("agenda_number", flat=True))
    assert numbers == list(range(1, WORKERS * PER_WORKER + 1))
