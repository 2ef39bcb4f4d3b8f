"""Gapless yearly numbering (agenda numbers, outgoing letter numbers)."""

from typing import Any

from django.db import models


def yearly_counter_take(model: type[models.Model], *, office: Any, year: int) -> int:
    """The next number of the office's year from a counter model with `office`, `year` and
    `last_number`. Call inside the transaction that uses the number: the row lock is held until
    it commits, and a rollback gives the number back, so numbers have no gaps."""
    model._default_manager.bulk_create([model(office=office, year=year)], ignore_conflicts=True)
    counter: Any = model._default_manager.select_for_update().get(office=office, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return int(counter.last_number)
