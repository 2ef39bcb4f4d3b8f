"""At start-up, every action has its rule, every condition the permission table names has its
evaluator, and every book and audit listener core/registry.py names is registered, each listener
at the moment the table names; a missing one stops `manage.py check` (and so the server) instead
of failing a live request."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from autentika.core import registry
from autentika.core.permissions import PERMISSIONS, Action, Condition, Rule
from autentika.core.registry import ListenerWhen
from autentika.organization import access
from autentika.organization.checks import seam_problems, seams_check


def _table_problems(table):
    return seam_problems(
        actions=list(Action),
        permissions=table,
        conditions=access.registered_conditions(),
        books_named=[],
        books=[],
        listeners_named={},
        listeners=[],
    )


def test_the_installation_as_configured_has_every_seam():
    assert seams_check() == []


def test_a_table_naming_an_unregistered_condition_is_an_error():
    table = {
        **PERMISSIONS,
        Action.CASE_VIEW: Rule("Melihat perkara", any_position=True, condition="not_evaluated"),
    }
    problems = _table_problems(table)
    assert [p.id for p in problems] == ["autentika.E010"]
    assert "not_evaluated" in problems[0].msg and "cases.view" in problems[0].msg


def test_an_action_without_a_rule_is_an_error():
    # the transition tables name actions; an action without a rule is a KeyError on the page
    table = {action: rule for action, rule in PERMISSIONS.items() if action != Action.LETTER_REVOKE}
    problems = _table_problems(table)
    assert [p.id for p in problems] == ["autentika.E010"]
    assert "letters.revoke" in problems[0].msg


def test_an_evaluator_that_no_part_registered_stops_the_start(monkeypatch):
    monkeypatch.delitem(access._CONDITIONS, Condition.LETTER_SIGNER)
    with pytest.raises(SystemCheckError, match=r"autentika\.E010"):
        call_command("check")


def test_a_named_book_or_listener_not_registered_stops_the_start(monkeypatch):
    monkeypatch.setattr(registry, "BOOKS_NAMED", (*registry.BOOKS_NAMED, "buku-hilang"))
    monkeypatch.setattr(
        registry,
        "AUDIT_LISTENERS_NAMED",
        {**registry.AUDIT_LISTENERS_NAMED, "autentika.x.tidak_ada": ListenerWhen.COMMIT},
    )
    problems = seams_check()
    assert [p.id for p in problems] == ["autentika.E011", "autentika.E012"]
    assert "buku-hilang" in problems[0].msg and "autentika.x.tidak_ada" in problems[1].msg
    with pytest.raises(SystemCheckError, match=r"autentika\.E011"):
        call_command("check")


def _ignore(event):
    return None


def _registered(monkeypatch, name, when):
    listener = registry.AuditListener(name, _ignore, when)
    monkeypatch.setitem(registry._audit_listeners, name, listener)


def test_a_listener_at_neither_moment_stops_the_start(monkeypatch):
    _registered(monkeypatch, "reports.timeline", "later")
    problems = seams_check()
    assert [p.id for p in problems] == ["autentika.E014"]
    assert "'later'" in problems[0].msg and "reports.timeline" in problems[0].msg
    with pytest.raises(SystemCheckError, match=r"autentika\.E014"):
        call_command("check")


def test_a_listener_at_another_moment_than_the_table_names_stops_the_start(monkeypatch):
    # notices registered to run inside the step's transaction could roll a signing back
    _registered(monkeypatch, "notifications.desk", ListenerWhen.TRANSACTION)
    problems = seams_check()
    assert [p.id for p in problems] == ["autentika.E014"]
    assert "notifications.desk" in problems[0].msg and "'commit'" in problems[0].msg


def test_a_listener_the_table_does_not_name_stops_the_start(monkeypatch):
    _registered(monkeypatch, "reports.cache", ListenerWhen.COMMIT)
    problems = seams_check()
    assert [p.id for p in problems] == ["autentika.E015"]
    assert "reports.cache" in problems[0].msg
    with pytest.raises(SystemCheckError, match=r"autentika\.E015"):
        call_command("check")
