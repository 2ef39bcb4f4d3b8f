"""Migration 0004 keys a chain written before issue #27: an unkeyed chain that is whole is
re-linked with the keyed hash and verifies; a chain already broken is not re-keyed (that would
bless the break), and the migration names the broken event."""

import hashlib
import json
from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from autentika.core.audit import audit_record
from autentika.core.audit_chain import GENESIS, audit_chain_verify, audit_content
from autentika.core.models import AuditChainHead, AuditEvent, AuditEventType
from tests.core.test_audit_chain import _owner_disables_the_triggers

key_the_chain = import_module("autentika.core.migrations.0004_audit_chain_keyed").key_the_chain

pytestmark = pytest.mark.django_db


def _as_before_issue_27(*, break_at: int | None = None) -> list[AuditEvent]:
    """The whole chain (the demo office's events, seeded before the test, and three more)
    chained with plain SHA-256, as the chain was before it was keyed."""
    for n in range(3):
        audit_record(event_type=AuditEventType.DEMO_SEEDED, data={"n": n})
    previous = GENESIS
    with _owner_disables_the_triggers(), connection.cursor() as cursor:
        for index, event in enumerate(AuditEvent.objects.order_by("sequence")):
            event.previous_hash = previous
            previous = hashlib.sha256(audit_content(event)).hexdigest()
            if index == break_at:
                previous = "f" * 64
            cursor.execute(
                "UPDATE core_auditevent SET previous_hash = %s, hash = %s WHERE id = %s",
                [event.previous_hash, previous, event.pk],
            )
    AuditChainHead.objects.filter(pk=1).update(hash=previous)
    assert audit_chain_verify()[1] is not None  # not keyed: does not verify now
    return list(AuditEvent.objects.order_by("sequence"))


def _migrate() -> None:
    with _owner_disables_the_triggers():
        key_the_chain(apps, SimpleNamespace(connection=connection))


def test_a_whole_unkeyed_chain_is_keyed_and_verifies():
    events = _as_before_issue_27()
    _migrate()
    assert audit_chain_verify() == (len(events), None)
    stored = list(AuditEvent.objects.order_by("sequence").values_list("data", flat=True))
    assert [json.loads(json.dumps(d)) for d in stored[-3:]] == [{"n": 0}, {"n": 1}, {"n": 2}]
    assert stored == [event.data for event in events]  # keying changes no event's content


def test_a_chain_broken_before_keying_stops_the_migration():
    events = _as_before_issue_27(break_at=1)
    with pytest.raises(RuntimeError, match=f"peristiwa #{events[1].pk}"):
        _migrate()
