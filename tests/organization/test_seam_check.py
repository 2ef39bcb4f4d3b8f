"""At start-up, every condition the permission table names has its evaluator and every book and
audit listener core/registry.py names is registered; a missing one stops `manage.py check` (and
so the server) instead of failing a live request."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from autentika.core import registry
from autentika.core.permissions import PERMISSIONS, Action, Condition, Rule
from autentika.organization import access
from autentika.organization.checks import seam_problems, seams_check


def test_the_installation_as_configured_has_every_seam():
    assert seams_check() == []


def test_a_table_naming_an_unregistered_condition_is_an_error():
    table = {
        **PERMISSIONS,
        Action.CASE_VIEW: Rule("Melihat perkara", any_position=True, condition="not_evaluated"),
    }
    problems = seam_problems(
        permissions=table,
        conditions=access.registered_conditions(),
        books_named=[],
        books=[],
        listeners_named=[],
        listeners=[],
    )
    assert [p.id for p in problems] == ["autentika.E010"]
    assert "not_evaluated" in problems[0].msg and "cases.view" in problems[0].msg


def test_an_evaluator_that_no_part_registered_stops_the_start(monkeypatch):
    monkeypatch.delitem(access._CONDITIONS, Condition.LETTER_SIGNER)
    with pytest.raises(SystemCheckError, match=r"autentika\.E010"):
        call_command("check")


def test_a_named_book_or_listener_not_registered_stops_the_start(monkeypatch):
    monkeypatch.setattr(registry, "BOOKS_NAMED", (*registry.BOOKS_NAMED, "buku-hilang"))
    monkeypatch.setattr(registry, "AUDIT_LISTENERS_NAMED", ("autentika.x.tidak_ada",))
    problems = seams_check()
    assert [p.id for p in problems] == ["autentika.E011", "autentika.E012"]
    assert "buku-hilang" in problems[0].msg and "autentika.x.tidak_ada" in problems[1].msg
    with pytest.raises(SystemCheckError, match=r"autentika\.E011"):
        call_command("check")
