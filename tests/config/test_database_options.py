"""How the app's database connections are set up."""

import pytest
from django.db import connection


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgresql_compiles_no_query_just_in_time():
    """JIT compiling costs more than the app's short queries take (the year's report: 170 ms
    of compiling for 30 ms of query at a hundred thousand requests)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
