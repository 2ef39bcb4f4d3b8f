"""Gapless yearly numbering (agenda numbers, outgoing letter numbers)."""

from typing import Any

from django.db import DatabaseError, models, transaction


def yearly_counter_take(model: type[models.Model], *, office: Any, year: int) -> int:
    """The next number of the office's year from a counter model with `office`, `year` and
    `last_number`. Call inside the transaction that uses the number: the row lock is held until
    it commits, and a rollback gives the number back, so numbers have no gaps."""
    model._default_manager.bulk_create([model(office=office, year=year)], ignore_conflicts=True)
    counter: Any = model._default_manager.select_for_update().get(office=office, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return int(counter.last_number)


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
