"""Gapless yearly numbering (agenda numbers, outgoing letter numbers)."""

from typing import Any

from django.db import DatabaseError, connection, models, transaction


def yearly_counter_take(model: type[models.Model], *, office: Any, year: int) -> int:
    """The next number of the office's year from a counter model with `office`, `year` and
    `last_number` (unique together). Call inside the transaction that uses the number: the row
    lock is held until it commits, and a rollback gives the number back, so numbers have no
    gaps."""
    # One statement (PostgreSQL and SQLite >= 3.35): the year's first number makes the row, a
    # later one increments it under its row lock. The ORM would make it three.
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (office_id, year, last_number) VALUES (%s, %s, 1) "
            f"ON CONFLICT (office_id, year) DO UPDATE SET last_number = {table}.last_number + 1 "
            "RETURNING last_number",
            [office.pk, year],
        )
        return int(cursor.fetchone()[0])


def yearly_counter_predict(model: type[models.Model], *, office: Any, year: int) -> int:
    """The number `yearly_counter_take` will most likely give next, without taking it: the
    last committed number plus one, and one more while another transaction holds the counter
    (it is numbering something that will most likely commit). A guess, for work that can be
    prepared with it before the number is taken (a letter rendered outside the counter's
    lock) and must be redone when the number taken differs. Call inside a transaction."""
    manager = model._default_manager
    held = False
    try:
        with transaction.atomic():  # a savepoint: rolling it back releases the row lock
            row = manager.select_for_update(nowait=True).filter(office=office, year=year)
            list(row.values("pk"))
            transaction.set_rollback(True)
    except DatabaseError:  # NOWAIT: another transaction holds the row
        held = True
    last = manager.filter(office=office, year=year).values_list("last_number", flat=True).first()
    return int(last or 0) + 1 + (1 if held else 0)
