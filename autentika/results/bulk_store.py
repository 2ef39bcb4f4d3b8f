"""Storing a results version's many rows (per-dapil figures, candidates) in one pass: COPY on
PostgreSQL, batched INSERTs elsewhere. The rows are already checked (importing.py, services.py);
this only writes them, inside the caller's transaction."""

from collections.abc import Sequence
from typing import Any

from django.db import connection, models


def rows_store(
    model: type[models.Model], columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert `rows` (values in the order of `columns`, attribute names such as `dapil_id`)."""
    if connection.vendor == "postgresql":
        fields = {f.attname: str(f.column) for f in model._meta.concrete_fields}
        names = ", ".join(connection.ops.quote_name(fields[column]) for column in columns)
        statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({names}) FROM STDIN"
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        return
    model._default_manager.bulk_create(
        [model(**dict(zip(columns, row, strict=True))) for row in rows], batch_size=1000
    )
