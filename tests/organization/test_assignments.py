import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from autentika.core.models import AuditEvent, AuditEventType
from autentika.organization.models import Assignment, AssignmentKind
from autentika.organization.selectors import (
    acting_assignment,
    position_definitive_holder,
    position_get,
    position_holders,
)
from autentika.organization.services import assignment_create, assignment_end

D = dt.date


@pytest.fixture
def person(db):
    def make(username: str):
        return get_user_model().objects.create_user(username=username, password="x")

    return make


def test_who_holds_a_position_today_and_on_other_days(sumut, demo_user, person):
    ketua = position_get(office=sumut, code="KETUA")
    holder = position_definitive_holder(position=ketua, on=D(2024, 6, 1))
    assert holder is not None and holder.user == demo_user("ketua")
    assert position_definitive_holder(position=ketua, on=D(2023, 12, 31)) is None


def test_plh_acts_for_the_position_only_during_the_period(sumut, demo_user, person):
    sekretaris = position_get(office=sumut, code="SEKRETARIS")
    deputy = person("plh")
    assignment_create(
        user=deputy,
        position=sekretaris,
        kind=AssignmentKind.PLH,
        starts_on=D(2024, 3, 1),
        ends_on=D(2024, 3, 10),
    )
    holders = position_holders(position=sekretaris, on=D(2024, 3, 5))
    assert {a.user.username for a in holders} == {"sekretaris", "plh"}
    acting = acting_assignment(user=deputy, position=sekretaris, on=D(2024, 3, 5))
    assert acting is not None and acting.signature_prefix == "Plh. "
    assert acting_assignment(user=deputy, position=sekretaris, on=D(2024, 3, 11)) is None


def test_expired_assignment_no_longer_gives_the_position(sumut, demo_user):
    tu = position_get(office=sumut, code="TU")
    assignment = position_definitive_holder(position=tu, on=D(2024, 6, 1))
    assert assignment is not None
    assignment_end(assignment=assignment, ends_on=D(2024, 6, 30))
    assert position_definitive_holder(position=tu, on=D(2024, 7, 1)) is None
    assert AuditEvent.objects.filter(event_type=AuditEventType.ASSIGNMENT_ENDED).count() == 1


def test_plt_when_the_position_is_vacant(sumut, demo_user, person):
    kabag = position_get(office=sumut, code="KABAG")
    current = position_definitive_holder(position=kabag)
    assert current is not None
    assignment_end(assignment=current, ends_on=D(2024, 8, 31))
    acting = assignment_create(
        user=person("plt"), position=kabag, kind=AssignmentKind.PLT, starts_on=D(2024, 9, 1)
    )
    assert list(position_holders(position=kabag, on=D(2024, 9, 2))) == [acting]


def test_two_definitive_holders_at_once_are_refused(sumut, person):
    ketua = position_get(office=sumut, code="KETUA")
    with pytest.raises(ValidationError, match="sudah dipegang secara definitif"):
        assignment_create(user=person("other"), position=ketua, starts_on=D(2024, 5, 1))
    assert Assignment.objects.filter(position=ketua).count() == 1


def test_overlapping_acting_periods_are_refused(sumut, person):
    kabag = position_get(office=sumut, code="KABAG")
    assignment_create(
        user=person("a"),
        position=kabag,
        kind=AssignmentKind.PLH,
        starts_on=D(2024, 3, 1),
        ends_on=D(2024, 3, 10),
    )
    with pytest.raises(ValidationError, match="bertumpang tindih"):
        assignment_create(
            user=person("b"),
            position=kabag,
            kind=AssignmentKind.PLT,
            starts_on=D(2024, 3, 10),
            ends_on=D(2024, 3, 20),
        )
    assignment_create(
        user=person("c"),
        position=kabag,
        kind=AssignmentKind.PLH,
        starts_on=D(2024, 3, 11),
        ends_on=D(2024, 3, 20),
    )


def test_the_same_user_twice_in_one_position_is_refused(sumut, demo_user):
    ketua = position_get(office=sumut, code="KETUA")
    with pytest.raises(ValidationError, match="sudah memegang jabatan yang sama"):
        assignment_create(
            user=demo_user("ketua"),
            position=ketua,
            kind=AssignmentKind.PLH,
            starts_on=D(2024, 2, 1),
            ends_on=D(2024, 2, 2),
        )


def test_assignment_ending_before_it_starts_is_refused(sumut, person):
    kabag = position_get(office=sumut, code="KABAG")
    with pytest.raises(ValidationError, match="tidak boleh sebelum tanggal mulai"):
        assignment_create(
            user=person("x"),
            position=kabag,
            kind=AssignmentKind.PLH,
            starts_on=D(2024, 3, 10),
            ends_on=D(2024, 3, 1),
        )
    assert not Assignment.objects.filter(user__username="x").exists()


def test_unknown_position_code_is_refused(sumut):
    with pytest.raises(ValidationError, match="Kode jabatan tidak dikenal: 'BUPATI'"):
        position_get(office=sumut, code="BUPATI")


def test_unknown_position_code_is_refused_by_the_model(sumut):
    position = sumut.positions.get(code="TU")
    position.code = "BUPATI"
    with pytest.raises(ValidationError, match="BUPATI"):
        position.full_clean()


def test_assignment_creation_is_audited(sumut, person):
    kabag = position_get(office=sumut, code="KABAG")
    before = AuditEvent.objects.filter(event_type=AuditEventType.ASSIGNMENT_CREATED).count()
    assignment_create(
        user=person("p"),
        position=kabag,
        kind=AssignmentKind.PLH,
        starts_on=D(2024, 4, 1),
        ends_on=D(2024, 4, 2),
    )
    event = AuditEvent.objects.filter(event_type=AuditEventType.ASSIGNMENT_CREATED).last()
    assert (
        AuditEvent.objects.filter(event_type=AuditEventType.ASSIGNMENT_CREATED).count()
        == before + 1
    )
    assert event is not None and event.data["kind"] == "plh" and event.office == sumut


def test_a_page_reads_the_users_assignments_once_and_the_next_request_reads_them_again(
    client, demo_user, official, at_drafter
):
    """A GET asks the assignments for the menu, the second factor, the permission decorator
    and every step the page offers: one read. Nothing is kept past the request: an assignment
    ended since is seen by the next one."""
    from django.urls import reverse
    from django.utils import timezone

    from tests.support.queries import statements_counted

    case = at_drafter()
    pelaksana = demo_user("pelaksana")
    client.force_login(pelaksana)
    page = reverse("cases:detail", args=[case.pk])
    client.get(page)
    with statements_counted() as statements:
        assert client.get(page).status_code == 200
    assert sum('FROM "organization_assignment"' in sql for sql in statements) == 1

    assignment_end(
        assignment=Assignment.objects.get(user=pelaksana, position__code="PELAKSANA"),
        ends_on=timezone.localdate() - dt.timedelta(days=1),
        actor=demo_user("sekretaris"),
    )
    assert client.get(page).status_code == 403
