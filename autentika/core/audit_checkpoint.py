"""Checkpoints of the audit chain, timestamped outside the database (issue #27).

A checkpoint is the chain's head (sequence and keyed hash) at one moment, with an RFC 3161
timestamp token of the TSA the letters use over
SHA-256("autentika-audit-checkpoint:<sequence>:<hash>"). Because the TSA signed it, nobody can
make a checkpoint after the fact; so the owner of the database who deletes the last events and
rewinds the head, or rewrites the chain, is seen by `verify_audit`: the event a checkpoint names
is gone, or no longer has the hash the TSA saw. Taken by `manage.py audit_checkpoint` (daily
from cron, and on demand); each one is an audit event.

Each token is checked (`tsa_tokens.py`): its imprint must be the checkpoint's, and its signature
must validate (pyHanko) against the TSA anchors the signing part registers
(`registry.register_tsa_anchors`)."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from autentika.core.audit import audit_record
from autentika.core.models import AuditChainHead, AuditCheckpoint, AuditEvent, AuditEventType
from autentika.core.tsa_tokens import (
    TsaUnavailable,
    tsa_token_problem,
    tsa_token_request,
    tsa_token_time,
)


class CheckpointError(Exception):
    """A checkpoint could not be taken; the message is Indonesian."""


def checkpoint_message(*, sequence: int, head_hash: str) -> bytes:
    return f"autentika-audit-checkpoint:{sequence}:{head_hash}".encode()


def audit_checkpoint_take(*, tsa_url: str) -> AuditCheckpoint:
    """Timestamp the chain's current head and store it with the token."""
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None or head.sequence == 0:
        raise CheckpointError("Jejak audit masih kosong; belum ada yang perlu dicatat.")
    message = checkpoint_message(sequence=head.sequence, head_hash=head.hash)
    try:
        token = tsa_token_request(tsa_url=tsa_url, message=message)
    except TsaUnavailable as error:
        raise CheckpointError(str(error)) from error
    with transaction.atomic():
        checkpoint = AuditCheckpoint.objects.create(
            sequence=head.sequence,
            head_hash=head.hash,
            taken_at=timezone.now(),
            tsa_url=tsa_url,
            token=token,
        )
        audit_record(
            event_type=AuditEventType.AUDIT_CHECKPOINT_TAKEN,
            target=checkpoint,
            data={"sequence": head.sequence, "head_hash": head.hash},
        )
    return checkpoint


def token_problem(checkpoint: Any) -> str | None:
    """Why a checkpoint's token does not prove its head, or None (imprint, then signature)."""
    message = checkpoint_message(sequence=checkpoint.sequence, head_hash=checkpoint.head_hash)
    return tsa_token_problem(
        token=bytes(checkpoint.token), message=message, what="ujung rantai ini"
    )


def checkpoint_time(checkpoint: Any) -> dt.datetime:
    return tsa_token_time(bytes(checkpoint.token))


def checkpoint_problems() -> list[str]:
    """For each checkpoint, in order: its token proves its head, and the chain still holds the
    event it names with the hash the TSA saw. The first problem first."""
    problems = []
    head = AuditChainHead.objects.filter(pk=1).first()
    for checkpoint in AuditCheckpoint.objects.order_by("sequence", "id"):
        name = f"titik periksa #{checkpoint.pk} (urutan {checkpoint.sequence})"
        if problem := token_problem(checkpoint):
            problems.append(f"{name}: {problem}.")
            continue
        event = AuditEvent.objects.filter(sequence=checkpoint.sequence).first()
        if event is None:
            problems.append(
                f"{name}: peristiwa berurutan {checkpoint.sequence} yang diberi stempel waktu "
                f"pada {checkpoint_time(checkpoint).isoformat(timespec='seconds')} sudah tidak "
                "ada (peristiwa terakhir dihapus dan ujung rantai dimundurkan)."
            )
        elif event.hash != checkpoint.head_hash:
            problems.append(
                f"{name}: peristiwa #{event.pk} tidak lagi memiliki hash yang diberi stempel "
                "waktu (rantai ditulis ulang)."
            )
        elif head is not None and head.sequence < checkpoint.sequence:
            problems.append(f"{name}: ujung rantai dimundurkan ke urutan {head.sequence}.")
    return problems
