"""Offices that existed before the settings page: their Sekretaris gets the MANAGE_OFFICE duty
(migration 0007), without losing any duty it had; reversing takes only that duty away."""

import importlib

from django.apps import apps

from autentika.core.permissions import Duty

migration = importlib.import_module(
    "autentika.organization.migrations.0007_sekretaris_manages_office"
)


def test_an_existing_sekretaris_gets_the_duty_and_keeps_its_others(sumut):
    position = sumut.positions.get(code="SEKRETARIS")
    position.duties = [Duty.DISPOSE.value, Duty.INITIAL.value]
    position.save()
    migration.duty_give(apps, None)
    position.refresh_from_db()
    assert position.duties == ["dispose", "initial", "manage_office"]
    migration.duty_give(apps, None)  # running again adds nothing
    position.refresh_from_db()
    assert position.duties == ["dispose", "initial", "manage_office"]
    migration.duty_take(apps, None)
    position.refresh_from_db()
    assert position.duties == ["dispose", "initial"]


def test_other_positions_are_left_as_they_were(sumut):
    before = {p.code: p.duties for p in sumut.positions.exclude(code="SEKRETARIS")}
    migration.duty_give(apps, None)
    after = {p.code: p.duties for p in sumut.positions.exclude(code="SEKRETARIS")}
    assert after == before
