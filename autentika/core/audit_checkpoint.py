"""Checkpoints of the audit chain, timestamped outside the database (issue #27).

A checkpoint is the chain's head (sequence and keyed hash) at one moment, with an RFC 3161
timestamp token of the TSA the letters use over
SHA-256("autentika-audit-checkpoint:<sequence>:<hash>"). Because the TSA signed it, nobody can
make a checkpoint after the fact; so the owner of the database who deletes the last events and
rewinds the head, or rewrites the chain, is seen by `verify_audit`: the event a checkpoint names
is gone, or no longer has the hash the TSA saw. Taken by `manage.py audit_checkpoint` (daily
from cron, and on demand); each one is an audit event.

Each token is checked: its imprint must be the checkpoint's, and its signature must validate
(pyHanko) against the TSA anchors the letters part registers (`registry.register_tsa_anchors`)."""

import asyncio
import datetime as dt
import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from autentika.core.audit import audit_record
from autentika.core.models import AuditChainHead, AuditCheckpoint, AuditEvent, AuditEventType
from autentika.core.registry import tsa_anchors


class CheckpointError(Exception):
    """A checkpoint could not be taken; the message is Indonesian."""


def checkpoint_message(*, sequence: int, head_hash: str) -> bytes:
    return f"autentika-audit-checkpoint:{sequence}:{head_hash}".encode()


def audit_checkpoint_take(*, tsa_url: str) -> AuditCheckpoint:
    """Timestamp the chain's current head and store it with the token."""
    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    if not tsa_url:
        raise CheckpointError("Layanan stempel waktu (AUTENTIKA_TSA_URL) belum dikonfigurasi.")
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None or head.sequence == 0:
        raise CheckpointError("Jejak audit masih kosong; belum ada yang perlu dicatat.")
    digest = hashlib.sha256(
        checkpoint_message(sequence=head.sequence, head_hash=head.hash)
    ).digest()
    stamper = RequestsHTTPTimeStamper(tsa_url, timeout=10)
    try:
        token = asyncio.run(stamper.async_timestamp(digest, "sha256"))
    except Exception as error:
        raise CheckpointError(f"Layanan stempel waktu tidak menjawab: {error}") from error
    with transaction.atomic():
        checkpoint = AuditCheckpoint.objects.create(
            sequence=head.sequence,
            head_hash=head.hash,
            taken_at=timezone.now(),
            tsa_url=tsa_url,
            token=token.dump(),
        )
        audit_record(
            event_type=AuditEventType.AUDIT_CHECKPOINT_TAKEN,
            target=checkpoint,
            data={"sequence": head.sequence, "head_hash": head.hash},
        )
    return checkpoint


def token_problem(checkpoint: Any) -> str | None:
    """Why a checkpoint's token does not prove its head, or None (imprint, then signature)."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko_certvalidator import ValidationContext

    message = checkpoint_message(sequence=checkpoint.sequence, head_hash=checkpoint.head_hash)
    try:
        signed_data = cms.ContentInfo.load(bytes(checkpoint.token))["content"]
        tst_info = signed_data["encap_content_info"]["content"].parsed
        imprint = tst_info["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        expected = hashlib.new(algorithm, message).digest()
    except Exception:
        return "token stempel waktu rusak"
    if imprint["hashed_message"].native != expected:
        return "token stempel waktu bukan untuk ujung rantai ini"
    context = ValidationContext(
        trust_roots=tsa_anchors(), allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        status = asyncio.run(
            validate_tst_signed_data(
                signed_data, context, lambda name: hashlib.new(name, message).digest()
            )
        )
    except Exception:
        return "tanda tangan token stempel waktu tidak sah"
    trusted = status.get("trust_problem_indic") is None
    if not (status.get("intact") and status.get("valid") and trusted):
        return "tanda tangan token stempel waktu tidak sah atau TSA tidak tepercaya"
    return None


def checkpoint_time(checkpoint: Any) -> dt.datetime:
    from asn1crypto import cms

    signed_data = cms.ContentInfo.load(bytes(checkpoint.token))["content"]
    tst_info = signed_data["encap_content_info"]["content"].parsed
    return tst_info["gen_time"].native  # type: ignore[no-any-return]


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
