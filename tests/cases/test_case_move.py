"""One way to move a case (`cases/moves.py: case_move`): its state along the workflow table,
its desk, and the member it is given to. The rule of a position several staff hold at once,
written out by hand: a case moved there with a named member is that member's; moved there with
nobody named, it is nobody's (the head of the position assigns it); at a position one person
holds, no member is ever recorded, even when one is named. A move that stays at the same desk
keeps the member; a move to a new desk without a named member names nobody."""

import pytest

from autentika.cases.models import Case, CaseState
from autentika.cases.moves import case_move


@pytest.fixture
def shared_desks(sumut):
    """The Kasubbag and Pelaksana positions of the demo office made positions several staff
    hold at once (the Pelaksana and Kasubbag demo users are their only members)."""
    for code in ("KASUBBAG", "PELAKSANA"):
        sumut.positions.filter(code=code).update(several_holders=True)
    return {code: sumut.positions.get(code=code) for code in ("KASUBBAG", "PELAKSANA")}


def _fresh(case):
    return Case.objects.select_related("current_position", "current_assignee").get(pk=case.pk)


def _disposed(case, *, to_state, desk, member):
    return case_move(
        case=case, step="dispose", to_state=to_state, to_position=desk, assignee=member
    )


def test_a_case_moved_to_a_shared_position_with_a_named_member_is_that_members(
    register, official_without_figures, shared_desks, demo_user
):
    case = register()
    pelaksana = demo_user("pelaksana")
    from_state = _disposed(
        case, to_state=CaseState.DRAFTING, desk=shared_desks["PELAKSANA"], member=pelaksana
    )
    assert from_state == "disposition"
    case = _fresh(case)
    assert case.state == "drafting"
    assert case.current_position.code == "PELAKSANA"
    assert case.current_assignee == pelaksana


def test_a_case_moved_to_a_shared_position_with_nobody_named_is_nobodys(
    register, official_without_figures, shared_desks
):
    case = register()
    _disposed(case, to_state=CaseState.DISPOSITION, desk=shared_desks["KASUBBAG"], member=None)
    case = _fresh(case)
    assert case.current_position.code == "KASUBBAG"
    assert case.current_assignee is None


def test_at_a_position_one_person_holds_no_member_is_recorded(
    register, official_without_figures, sumut, demo_user
):
    case = register()
    _disposed(
        case,
        to_state=CaseState.DISPOSITION,
        desk=sumut.positions.get(code="SEKRETARIS"),
        member=demo_user("sekretaris"),
    )
    case = _fresh(case)
    assert case.current_position.code == "SEKRETARIS"
    assert case.current_assignee is None


def test_a_move_at_the_same_desk_keeps_the_member_and_a_new_desk_names_nobody(
    register, official_without_figures, shared_desks, demo_user
):
    case = register()
    pelaksana = demo_user("pelaksana")
    _disposed(case, to_state=CaseState.INCOMPLETE, desk=shared_desks["PELAKSANA"], member=pelaksana)
    case_move(case=case, step="recheck", to_state=CaseState.DRAFTING)
    assert _fresh(case).current_assignee == pelaksana
    # back up to the Kasubbag (a shared desk too), nobody named there
    case_move(
        case=case,
        step="withdraw",
        to_state=CaseState.DISPOSITION,
        to_position=shared_desks["KASUBBAG"],
    )
    case = _fresh(case)
    assert case.current_position.code == "KASUBBAG"
    assert case.current_assignee is None


def test_a_case_leaving_the_desks_has_neither_desk_nor_member(
    register, official_without_figures, shared_desks, demo_user
):
    case = register()
    _disposed(
        case,
        to_state=CaseState.DISPOSITION,
        desk=shared_desks["KASUBBAG"],
        member=demo_user("kasubbag"),
    )
    # the state table would not let it be signed from here
    with pytest.raises(ValueError, match="not in the workflow table"):
        case_move(case=case, step="sign", to_state=CaseState.SIGNED, to_position=None)
    case = _fresh(case)
    assert case.state == "disposition"
    assert case.current_position.code == "KASUBBAG"
    assert case.current_assignee.username == "kasubbag"
