"""A position several staff hold at once (KPU RI's demo Pelaksana: Rizky Hidayat and Sari
Wulandari). The rules, written out by hand:
- a disposition to it names the member who works on it, and only that member (or a Plt/Plh of
  the position) drafts; the other member neither sees it in the inbox nor may draft;
- a disposition that names nobody leaves it to the head (the Kepala Bagian the position reports
  to), who sees it in the inbox and assigns it; until then no member drafts;
- only the head assigns; a returned draft goes back to the member who submitted it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from autentika.cases.selectors import inbox
from autentika.cases.services import case_assign, case_dispose
from autentika.cases.workflow import case_steps
from autentika.core.models import AuditEvent, AuditEventType
from autentika.letters.drafting import draft_create
from autentika.letters.review import draft_return, draft_submit
from autentika.organization.demo import RI, demo_office_seed
from autentika.organization.models import Assignment, AssignmentKind
from autentika.organization.selectors import chain_positions, position_holders
from tests.workflow.test_workflow_stateful import _election, request_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def ri(django_user_model):
    office, _ = demo_office_seed(RI)
    election = _election(office, "dpr-uji-ri")
    user = {u.username: u for u in django_user_model.objects.filter(username__startswith="ri-")}
    return office, election, user


def _down_to_the_pelaksana(office, election, user, to_user, *, steps=4):
    """Registered and disposed `steps` desks down the chain; the last names `to_user`."""
    case = request_register(office=office, election=election, actor=user["ri-tu"], number=1)
    route = chain_positions(office=office, purpose="disposition")
    holders = ["ri-ketua", "ri-sekretaris", "ri-kabag", "ri-kasubbag"][:steps]
    for name, to_position in zip(holders, route[1 : steps + 1], strict=True):
        last = to_position == route[-1]
        case_dispose(
            case=case,
            actor=user[name],
            to_position=to_position,
            instruction="proses",
            urgency="biasa",
            to_user=to_user if last else None,
        )
    case.refresh_from_db()
    return case


def test_only_the_named_member_drafts_and_sees_it(ri):
    office, election, user = ri
    case = _down_to_the_pelaksana(office, election, user, user["ri-pelaksana2"])
    assert "Sari Wulandari" in case.current_desk
    assert case in inbox(user=user["ri-pelaksana2"], office=office)
    assert case not in inbox(user=user["ri-pelaksana"], office=office)
    assert "draft" not in case_steps(user["ri-pelaksana"], case)
    with pytest.raises(PermissionDenied):
        draft_create(case=case, actor=user["ri-pelaksana"], kind="certificate")
    assert "draft" in case_steps(user["ri-pelaksana2"], case)
    draft_create(case=case, actor=user["ri-pelaksana2"], kind="certificate")


def test_an_unnamed_disposition_waits_for_the_head_to_assign(ri):
    office, election, user = ri
    case = _down_to_the_pelaksana(office, election, user, None)
    for member in ("ri-pelaksana", "ri-pelaksana2"):
        assert case not in inbox(user=user[member], office=office)
        assert "draft" not in case_steps(user[member], case)
    head = user["ri-kasubbag"]
    assert case in inbox(user=head, office=office)
    assert "assign" in case_steps(head, case)
    for not_the_head in ("ri-kabag", "ri-ketua", "ri-pelaksana", "ri-tu"):
        assert "assign" not in case_steps(user[not_the_head], case)
        with pytest.raises(PermissionDenied):
            case_assign(case=case, actor=user[not_the_head], member=user["ri-pelaksana"])

    case_assign(case=case, actor=head, member=user["ri-pelaksana"])
    case.refresh_from_db()
    assert case in inbox(user=user["ri-pelaksana"], office=office)
    assert case not in inbox(user=head, office=office)
    event = AuditEvent.objects.get(event_type=AuditEventType.CASE_ASSIGNED, target_id=str(case.pk))
    assert event.data["member"] == "ri-pelaksana"
    assert event.acting_position.code == "KASUBBAG"
    draft_create(case=case, actor=user["ri-pelaksana"], kind="certificate")


def test_a_disposition_cannot_name_someone_outside_the_position(ri):
    office, election, user = ri
    with pytest.raises(ValidationError, match="tidak sedang memegang jabatan"):
        _down_to_the_pelaksana(office, election, user, user["ri-tu"])


def test_an_acting_holder_may_draft_a_case_given_to_a_member(ri):
    office, election, user = ri
    case = _down_to_the_pelaksana(office, election, user, user["ri-pelaksana2"])
    position = case.current_position
    Assignment.objects.create(
        user=user["ri-kabag"],
        position=position,
        kind=AssignmentKind.PLH,
        starts_on=timezone.localdate(),
    )
    assert "draft" in case_steps(user["ri-kabag"], case)


def test_a_returned_draft_goes_back_to_the_member_who_submitted_it(ri):
    office, election, user = ri
    case = _down_to_the_pelaksana(office, election, user, user["ri-pelaksana2"])
    draft = draft_create(case=case, actor=user["ri-pelaksana2"], kind="certificate")
    draft_submit(draft=draft, actor=user["ri-pelaksana2"])
    case.refresh_from_db()
    assert case.current_assignee is None  # the Kepala Bagian is one person
    draft_return(draft=draft, actor=user["ri-kasubbag"], note="perbaiki tanggal")
    case.refresh_from_db()
    assert case.current_assignee == user["ri-pelaksana2"]
    assert "revise" in case_steps(user["ri-pelaksana2"], case)
    assert "revise" not in case_steps(user["ri-pelaksana"], case)


def test_two_definitive_holders_only_where_the_position_allows_it(ri):
    _, _, user = ri
    shared = position_holders(position=user["ri-pelaksana"].assignments.get().position)
    assert {a.kind for a in shared} == {AssignmentKind.DEFINITIVE} and shared.count() == 2
    single = user["ri-kasubbag"].assignments.get().position
    second = Assignment(user=user["ri-pelaksana"], position=single, starts_on=timezone.localdate())
    with pytest.raises(ValidationError, match="sudah dipegang secara definitif"):
        second.full_clean()


def test_the_screens_show_who_and_let_the_head_assign(ri, client):
    from django.urls import reverse

    office, election, user = ri
    case = _down_to_the_pelaksana(office, election, user, None)
    client.force_login(user["ri-kasubbag"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "menunggu penugasan staf" in page
    assert "Tugaskan kepada staf" in page
    inbox_page = client.get(reverse("cases:inbox")).content.decode()
    assert case.agenda_label in inbox_page and "perlu ditugaskan" in inbox_page

    member = user["ri-pelaksana2"].assignments.get()
    client.post(reverse("cases:assign", args=[case.pk]), {"member": member.pk})
    case.refresh_from_db()
    assert case.current_assignee == user["ri-pelaksana2"]

    client.force_login(user["ri-pelaksana2"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Sari Wulandari" in page and "Tugaskan kepada staf" not in page
    for name in ("ri-ketua", "ri-sekretaris", "ri-kabag", "ri-kasubbag", "ri-pelaksana", "ri-tu"):
        client.force_login(user[name])
        page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
        offered = f'action="{reverse("cases:assign", args=[case.pk])}"' in page
        assert offered == ("assign" in case_steps(user[name], case)), name


def test_the_disposition_sheet_names_the_member(ri, client):
    from django.urls import reverse

    from tests.pdf import pdf_text

    office, election, user = ri
    case = _down_to_the_pelaksana(office, election, user, user["ri-pelaksana"])
    client.force_login(user["ri-kasubbag"])
    sheet = client.get(reverse("cases:sheet", args=[case.pk]))
    assert "Rizky Hidayat" in pdf_text(
        b"".join(sheet.streaming_content) if sheet.streaming else sheet.content
    )


def test_the_dispose_form_offers_the_members_of_a_shared_position(ri, client):
    from django.urls import reverse

    office, election, user = ri
    case = _down_to_the_pelaksana(office, election, user, None, steps=3)
    client.force_login(user["ri-kasubbag"])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Staf yang mengerjakan" in page
    assert "Rizky Hidayat" in page and "Sari Wulandari" in page
    member = user["ri-pelaksana2"].assignments.get()
    client.post(
        reverse("cases:dispose", args=[case.pk]),
        {
            "to_position": member.position.pk,
            "instruction": "proses",
            "urgency": "biasa",
            "security_class": "biasa",
            "to_user": member.pk,
        },
    )
    case.refresh_from_db()
    assert case.current_assignee == user["ri-pelaksana2"]
