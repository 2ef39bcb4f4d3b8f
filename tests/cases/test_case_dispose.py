import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from autentika.cases.models import CaseState, Disposition
from autentika.cases.selectors import inbox, inbox_overdue, inbox_unread
from autentika.cases.services import case_completeness_recheck, case_open, disposition_withdraw
from autentika.core.models import AuditEvent, AuditEventType
from autentika.organization.models import AssignmentKind, Chain, ChainLink
from autentika.organization.services import assignment_create
from autentika.results.models import DecisionStatus
from tests.support.cases import CHAIN, archive


def test_the_case_walks_down_the_chain_to_the_drafter(
    register, dispose, official_without_figures, demo_user, sumut
):
    case = register()
    for username, to_code in CHAIN:
        assert inbox(user=demo_user(username), office=sumut).filter(pk=case.pk).exists()
        dispose(case, username, to_code)
        case.refresh_from_db()
        assert case.current_position.code == to_code
    assert case.state == CaseState.DRAFTING
    assert [d.to_position.code for d in case.dispositions.all()] == [c for _, c in CHAIN]
    events = AuditEvent.objects.filter(
        event_type=AuditEventType.CASE_DISPOSED, target_id=str(case.pk)
    )
    assert [e.acting_position.code for e in events] == ["KETUA", "SEKRETARIS", "KABAG", "KASUBBAG"]
    assert events.last().to_state == CaseState.DRAFTING


def test_someone_not_holding_the_current_step_cannot_dispose(
    register, dispose, official_without_figures
):
    case = register()
    with pytest.raises(PermissionDenied, match="sedang berada di Ketua"):
        dispose(case, "sekretaris", "KABAG")
    case.refresh_from_db()
    assert case.current_position.code == "KETUA" and not case.dispositions.exists()


def test_skipping_a_level_is_refused_unless_the_office_allows_it(
    register, dispose, official_without_figures, sumut
):
    case = register()
    with pytest.raises(ValidationError, match="tidak mengizinkan melompati jenjang"):
        dispose(case, "ketua", "KABAG")
    Chain.objects.filter(office=sumut, purpose="disposition").update(allow_skip=True)
    dispose(case, "ketua", "KABAG")
    case.refresh_from_db()
    assert case.current_position.code == "KABAG"
    with pytest.raises(ValidationError, match="tidak sesuai alur"):
        dispose(case, "kabag", "SEKRETARIS")


def test_without_an_official_decision_the_case_cannot_reach_drafting(
    register, dispose, election_without_figures, sumut, demo_user
):
    sumut.training_mode = False
    sumut.save()
    archive(election_without_figures, DecisionStatus.SAMPLE)
    case = register()
    for username, to_code in CHAIN:
        dispose(case, username, to_code)
    case.refresh_from_db()
    assert case.state == CaseState.INCOMPLETE
    drafter = demo_user("pelaksana")
    with pytest.raises(ValidationError, match="bukan resmi"):
        case_completeness_recheck(case=case, actor=drafter)
    archive(election_without_figures, DecisionStatus.OFFICIAL)
    # only the drafter holding the step re-checks, never another staff member
    for other in ("tu", "kasubbag", "ketua"):
        with pytest.raises(PermissionDenied):
            case_completeness_recheck(case=case, actor=demo_user(other))
    assert case_completeness_recheck(case=case, actor=drafter).state == CaseState.DRAFTING


def test_training_mode_lets_sample_data_through_the_gate(
    register, dispose, election_without_figures, sumut
):
    assert sumut.training_mode
    archive(election_without_figures, DecisionStatus.SAMPLE)
    case = register()
    for username, to_code in CHAIN:
        dispose(case, username, to_code)
    case.refresh_from_db()
    assert case.state == CaseState.DRAFTING


def test_no_archived_decision_at_all_blocks_even_in_training(
    register, dispose, election_without_figures
):
    case = register()
    for username, to_code in CHAIN:
        dispose(case, username, to_code)
    case.refresh_from_db()
    assert case.state == CaseState.INCOMPLETE


def test_opening_the_case_records_when_the_disposition_was_read(
    register, dispose, official_without_figures, demo_user, sumut
):
    case = register()
    disposition = dispose(case, "ketua", "SEKRETARIS")
    sekretaris = demo_user("sekretaris")
    assert inbox_unread(user=sekretaris, office=sumut).count() == 1
    assert not case_open(case=case, actor=demo_user("kabag"))
    assert case_open(case=case, actor=sekretaris)
    assert not case_open(case=case, actor=sekretaris)
    disposition.refresh_from_db()
    assert disposition.read_by == sekretaris and disposition.read_at is not None
    assert inbox_unread(user=sekretaris, office=sumut).count() == 0


def test_an_unread_disposition_can_be_withdrawn_by_its_author(
    register, dispose, official_without_figures, demo_user
):
    case = register()
    disposition = dispose(case, "ketua", "SEKRETARIS")
    with pytest.raises(PermissionDenied):
        disposition_withdraw(disposition=disposition, actor=demo_user("sekretaris"))
    case = disposition_withdraw(disposition=disposition, actor=demo_user("ketua"))
    assert case.current_position.code == "KETUA"
    disposition.refresh_from_db()
    assert disposition.is_withdrawn
    dispose(case, "ketua", "SEKRETARIS", note="Perbaikan instruksi")
    assert case.dispositions.filter(withdrawn_at__isnull=True).count() == 1


def test_a_read_disposition_cannot_be_withdrawn(
    register, dispose, official_without_figures, demo_user
):
    case = register()
    disposition = dispose(case, "ketua", "SEKRETARIS")
    case_open(case=case, actor=demo_user("sekretaris"))
    with pytest.raises(ValidationError, match="sudah dibaca"):
        disposition_withdraw(disposition=disposition, actor=demo_user("ketua"))
    case.refresh_from_db()
    assert case.current_position.code == "SEKRETARIS"
    disposition.refresh_from_db()
    assert not disposition.is_withdrawn


def test_plh_acts_for_the_position_and_the_record_says_so(
    register, dispose, official_without_figures, sumut
):
    standin = get_user_model().objects.create_user("plh-ketua", first_name="Wakil")
    assignment_create(
        user=standin,
        position=sumut.positions.get(code="KETUA"),
        kind=AssignmentKind.PLH,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate(),
    )
    case = register()
    disposition = dispose(case, "plh-ketua", "SEKRETARIS")
    assert disposition.from_capacity == "plh"
    assert disposition.from_position_title.startswith("Plh. Ketua")


def test_editing_the_chain_changes_only_steps_not_yet_taken(
    register, dispose, official_without_figures, sumut
):
    case = register()
    dispose(case, "ketua", "SEKRETARIS")
    dispose(case, "sekretaris", "KABAG")
    chain = Chain.objects.get(office=sumut, purpose="disposition")
    # The office drops the Kasubbag level: the Kabag now disposes straight to the staff.
    ChainLink.objects.filter(chain=chain, position__code="KASUBBAG").delete()
    sumut.positions.filter(code="KETUA").update(title="Ketua KPU Provinsi (gelar baru)")
    with pytest.raises(ValidationError, match="tidak sesuai alur"):
        dispose(case, "kabag", "KASUBBAG")
    dispose(case, "kabag", "PELAKSANA")
    first = Disposition.objects.filter(case=case).first()
    assert first.from_position_title == "Ketua Komisi Pemilihan Umum Provinsi Sumatera Utara"
    assert [d.to_position.code for d in case.dispositions.all()] == [
        "SEKRETARIS",
        "KABAG",
        "PELAKSANA",
    ]


def test_overdue_cases_are_counted(register, dispose, official_without_figures, demo_user, sumut):
    case = register()
    dispose(case, "ketua", "SEKRETARIS", due_on=timezone.localdate())
    sekretaris = demo_user("sekretaris")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert inbox_overdue(user=sekretaris, office=sumut).count() == 0
    assert inbox_overdue(user=sekretaris, office=sumut, today=tomorrow).count() == 1


def test_due_date_in_the_past_is_refused(register, dispose, official_without_figures):
    case = register()
    with pytest.raises(ValidationError, match="Batas waktu"):
        dispose(case, "ketua", "SEKRETARIS", due_on=timezone.localdate() - dt.timedelta(days=1))
