"""Checkpoints of the audit chain, timestamped by the TSA the letters use: the token proves the
head it names; deleting the last events and rewinding the head after a checkpoint, which the
owner of the database can do without the chain noticing, is named by `verify_audit`."""

import asyncio
import hashlib

import pytest
from asn1crypto import cms
from django.core.management import CommandError, call_command
from django.db import connection

from autentika.core.audit import audit_record
from autentika.core.models import AuditChainHead, AuditCheckpoint, AuditEvent, AuditEventType
from tests.core.test_audit_chain import _owner_disables_the_triggers

pytestmark = pytest.mark.django_db


def _events(count: int) -> list[AuditEvent]:
    return [audit_record(event_type=AuditEventType.DEMO_SEEDED) for _ in range(count)]


def _checkpoint() -> AuditCheckpoint:
    call_command("audit_checkpoint", verbosity=0)
    return AuditCheckpoint.objects.latest("id")


def test_the_token_proves_the_head_and_validates_with_pyhanko(capsys):
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko_certvalidator import ValidationContext

    from autentika.core.registry import tsa_anchors

    events = _events(3)
    checkpoint = _checkpoint()
    assert (checkpoint.sequence, checkpoint.head_hash) == (events[-1].sequence, events[-1].hash)
    # the imprint is SHA-256 of "autentika-audit-checkpoint:<sequence>:<hash>"
    message = f"autentika-audit-checkpoint:{events[-1].sequence}:{events[-1].hash}".encode()
    signed_data = cms.ContentInfo.load(bytes(checkpoint.token))["content"]
    tst_info = signed_data["encap_content_info"]["content"].parsed
    assert tst_info["message_imprint"]["hashed_message"].native == hashlib.sha256(message).digest()
    status = asyncio.run(
        validate_tst_signed_data(
            signed_data,
            ValidationContext(trust_roots=tsa_anchors(), allow_fetching=False),
            lambda name: hashlib.new(name, message).digest(),
        )
    )
    assert status["intact"] and status["valid"] and status["trust_problem_indic"] is None
    taken = AuditEvent.objects.get(event_type=AuditEventType.AUDIT_CHECKPOINT_TAKEN)
    assert taken.data == {"sequence": checkpoint.sequence, "head_hash": checkpoint.head_hash}
    call_command("verify_audit")
    assert "1 titik periksa bertanda waktu TSA sah" in capsys.readouterr().out


def test_the_last_events_deleted_and_the_head_rewound_after_a_checkpoint_are_named():
    events = _events(4)
    checkpoint = _checkpoint()
    # the owner deletes the last events (the checkpoint's record included) and rewinds the
    # head: the chain itself is whole again
    last = AuditEvent.objects.order_by("-sequence").first()
    with _owner_disables_the_triggers(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE sequence > %s", [events[1].sequence])
    AuditChainHead.objects.filter(pk=1).update(sequence=events[1].sequence, hash=events[1].hash)
    assert last.sequence > events[1].sequence
    with pytest.raises(CommandError) as failed:
        call_command("verify_audit")
    message = str(failed.value)
    assert f"titik periksa #{checkpoint.pk} (urutan {checkpoint.sequence})" in message
    assert "dihapus dan ujung rantai dimundurkan" in message


def test_a_checkpoint_changed_to_fit_a_rewritten_chain_is_named():
    events = _events(2)
    checkpoint = _checkpoint()
    with _owner_disables_the_triggers():
        AuditCheckpoint.objects.filter(pk=checkpoint.pk).update(head_hash=events[0].hash)
    with pytest.raises(CommandError, match="bukan untuk ujung rantai ini"):
        call_command("verify_audit")


def test_no_checkpoint_without_a_tsa(settings):
    _events(1)
    settings.AUTENTIKA_TSA_URL = ""
    with pytest.raises(CommandError, match="AUTENTIKA_TSA_URL"):
        call_command("audit_checkpoint")
