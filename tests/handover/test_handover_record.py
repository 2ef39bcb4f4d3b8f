"""Recording the hand-over: receipts, the electronic receipt of an online download, refusals."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from autentika.cases.models import CaseState
from autentika.core.models import AuditEvent, AuditEventType
from autentika.core.uploads import Upload
from autentika.handover.models import HandoverChannel, Receipt
from autentika.handover.services import (
    handover_record,
    handover_record_online_download,
    receipt_scan_attach,
)
from tests.support.documents import scan_pdf

NIK = "1271011203850001"


def _record(letter, actor, **kwargs):
    values = {
        "letter": letter,
        "actor": actor,
        "recipient_name": "Budi Santoso",
        "recipient_position": "Sekretaris DPD",
        "identity_number": NIK,
        "handed_at": timezone.now(),
        "channel": HandoverChannel.IN_PERSON,
    }
    values.update(kwargs)
    return handover_record(**values)


@pytest.mark.django_db
def test_online_download_is_the_receipt_once(signed_letter, party_person):
    letter = signed_letter()
    first = handover_record_online_download(letter=letter, user=party_person)
    again = handover_record_online_download(letter=letter, user=party_person)
    assert first.pk == again.pk
    assert Receipt.objects.filter(letter=letter).count() == 1
    assert first.channel == HandoverChannel.ONLINE
    assert first.recipient_name == "Budi Santoso"
    letter.case.refresh_from_db()
    assert letter.case.state == CaseState.HANDED_OVER
    events = AuditEvent.objects.filter(event_type=AuditEventType.LETTER_DOWNLOADED)
    assert events.count() == 1
    assert events.get().from_state == CaseState.SIGNED


@pytest.mark.django_db
def test_handover_by_tata_usaha_masks_identity(signed_letter, demo_user):
    letter = signed_letter()
    receipt = _record(letter, demo_user("tu"), identity_number="1271 0112 0385 0001")
    assert receipt.identity_number == NIK
    assert receipt.identity_masked == "1271********0001"
    assert receipt.number_label == f"1/TT/{timezone.localdate().year}"
    assert receipt.recorded_by_position.code == "TU"
    letter.case.refresh_from_db()
    assert letter.case.state == CaseState.HANDED_OVER
    # a second copy is another receipt, the state stays
    second = _record(letter, demo_user("tu"), channel=HandoverChannel.POST)
    assert second.sequence == 2
    # the drafter never hands over: the hand-over is Tata Usaha's duty
    with pytest.raises(PermissionDenied):
        _record(letter, demo_user("pelaksana"), channel=HandoverChannel.POST)
    assert letter.case.receipts.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("number", "kind", "message"),
    [
        ("12710112038500", "nik", "NIK harus 16 angka"),
        ("127101120385000A", "nik", "NIK harus 16 angka"),
        ("1271019903850001", "nik", "tanggal dan bulan lahir"),
        ("1234567", "passport", "paspor"),
        ("12345", "sim", "SIM"),
    ],
)
def test_identity_of_the_wrong_shape_is_refused(signed_letter, demo_user, number, kind, message):
    letter = signed_letter()
    with pytest.raises(ValidationError, match=message):
        _record(letter, demo_user("tu"), identity_number=number, identity_kind=kind)
    assert not Receipt.objects.exists()
    letter.case.refresh_from_db()
    assert letter.case.state == CaseState.SIGNED


@pytest.mark.django_db
def test_passport_is_accepted(signed_letter, demo_user):
    receipt = _record(
        signed_letter(), demo_user("tu"), identity_kind="passport", identity_number="x1234567"
    )
    assert receipt.identity_number == "X1234567"
    assert receipt.identity_masked == "*****567"


@pytest.mark.django_db
def test_refusals_write_nothing(signed_letter, at_signer, demo_user):
    letter = signed_letter()
    other = at_signer(party_number=5, letter_number="12/DPW-NASDEM/2025")
    # before signature
    with pytest.raises(ValidationError, match="belum ditandatangani"):
        _record(None, demo_user("tu"), case=other.case)
    # a receipt for another case
    with pytest.raises(ValidationError, match="bukan agenda"):
        _record(letter, demo_user("tu"), case=other.case)
    # only Tata Usaha or the drafter
    with pytest.raises(PermissionDenied):
        _record(letter, demo_user("kabag"))
    with pytest.raises(ValidationError, match="masa depan"):
        _record(letter, demo_user("tu"), handed_at=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="Nama penerima"):
        _record(letter, demo_user("tu"), recipient_name="  ")
    assert not Receipt.objects.exists()
    assert not AuditEvent.objects.filter(event_type=AuditEventType.LETTER_HANDED_OVER).exists()


@pytest.mark.django_db
def test_scan_upload_checks_content_and_case(signed_letter, at_signer, demo_user):
    letter = signed_letter()
    receipt = _record(letter, demo_user("tu"))
    other = at_signer(party_number=5, letter_number="12/DPW-NASDEM/2025")
    with pytest.raises(ValidationError, match="bukan agenda"):
        receipt_scan_attach(
            receipt=receipt,
            actor=demo_user("tu"),
            upload=Upload("tt.pdf", scan_pdf()),
            case=other.case,
        )
    with pytest.raises(ValidationError, match="bukan berkas PDF"):
        receipt_scan_attach(receipt=receipt, actor=demo_user("tu"), upload=Upload("tt.pdf", b"xx"))
    receipt = receipt_scan_attach(
        receipt=receipt, actor=demo_user("tu"), upload=Upload("tt.pdf", scan_pdf())
    )
    assert receipt.scan_content_type == "application/pdf"
    assert receipt.scan.read() == scan_pdf()


@pytest.mark.django_db
def test_the_hand_over_takes_its_states_from_the_workflow_table(
    signed_letter, demo_user, monkeypatch
):
    """The states a letter may be handed over in are the hand-over step's source states in the
    workflow table, not a list of the hand-over's own: with the table narrowed to a letter
    not yet handed over, a second copy is refused."""
    import dataclasses

    from autentika.cases.workflow import CASE_WORKFLOW

    letter = signed_letter()
    _record(letter, demo_user("tu"))
    narrowed = dataclasses.replace(
        CASE_WORKFLOW["hand_over"], sources=frozenset({CaseState.SIGNED})
    )
    monkeypatch.setitem(CASE_WORKFLOW.transitions, "hand_over", narrowed)
    with pytest.raises(ValidationError, match="belum ditandatangani"):
        _record(letter, demo_user("tu"), channel=HandoverChannel.POST)
    assert letter.case.receipts.count() == 1
