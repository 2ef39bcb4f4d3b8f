"""What the permission table grants, stated here by hand for the demo office's positions
(their duties in organization/demo.py: Ketua dispose+sign; Sekretaris dispose+initial+manage
office; Kabag and Kasubbag dispose+initial+manage results; Pelaksana draft+manage results; Tata
Usaha register+hand over), so a change to the table shows up as a failing line here."""

import pytest

from autentika.core.permissions import PERMISSIONS, Action, Duty
from autentika.organization.access import user_may

HOLDERS = ["ketua", "sekretaris", "kabag", "kasubbag", "pelaksana", "tu"]
EVERYONE = set(HOLDERS)
RESULTS_KEEPERS = {"kabag", "kasubbag", "pelaksana"}

# Asked about the office (a menu), before any object: who may.
OFFICE_WIDE: dict[Action, set[str]] = {
    Action.VIEW_HOME: EVERYONE,
    Action.RESULTS_VIEW: EVERYONE,
    Action.CASE_VIEW: EVERYONE,
    Action.CASE_ASSIGN: EVERYONE,  # its condition (head of the desk) applies to a case
    Action.RESULTS_MANAGE: RESULTS_KEEPERS,
    Action.RESULTS_DECISION_STATUS: RESULTS_KEEPERS,
    Action.RESULTS_EXPLANATION_CONFIRM: {"ketua"},
    Action.CASE_REGISTER: {"tu"},
    Action.PORTAL_MANAGE: {"tu"},
    Action.LETTER_HAND_OVER: {"tu"},
    Action.CASE_WITHDRAW: {"ketua", "sekretaris", "kabag", "kasubbag"},
    Action.CASE_EXTEND_DEADLINE: {"sekretaris"},
    Action.OFFICE_MANAGE: {"sekretaris"},
    Action.LETTER_SIGN_BULK: {"ketua"},
    Action.LETTER_REVOKE: {"ketua"},
    Action.PORTAL_USE: set(),  # party accounts only
}
# Taken only by who holds the case's current step.
AT_THE_STEP = {
    Action.CASE_DISPOSE,
    Action.CASE_RECHECK,
    Action.LETTER_DRAFT,
    Action.LETTER_INITIAL,
    Action.LETTER_RETURN,
    Action.LETTER_SIGN,
}


def test_every_action_has_a_rule():
    assert set(PERMISSIONS) == set(Action)
    assert set(OFFICE_WIDE) | AT_THE_STEP == set(Action)
    assert {a for a in Action if PERMISSIONS[a].holds_current_step} == AT_THE_STEP


@pytest.mark.parametrize("action", list(OFFICE_WIDE))
@pytest.mark.parametrize("username", HOLDERS)
def test_office_wide_actions_follow_the_duties_of_the_users_position(
    sumut, demo_user, action, username
):
    user = demo_user(username)
    expected = username in OFFICE_WIDE[action]
    assert user_may(user, action, office=sumut) is expected
    assert user.has_perm(action.value, sumut) is expected


class Step:
    """Anything that sits at a position's desk: a case, a draft."""

    def __init__(self, office, position):
        self.office = office
        self.current_position = position


def test_step_actions_need_the_position_holding_the_step(sumut, demo_user):
    kasubbag_desk = Step(sumut, sumut.positions.get(code="KASUBBAG"))
    kabag_desk = Step(sumut, sumut.positions.get(code="KABAG"))
    assert user_may(demo_user("kasubbag"), Action.CASE_DISPOSE, obj=kasubbag_desk)
    assert not user_may(demo_user("kabag"), Action.CASE_DISPOSE, obj=kasubbag_desk)
    assert user_may(demo_user("kabag"), Action.CASE_DISPOSE, obj=kabag_desk)
    assert not user_may(
        demo_user("tu"), Action.CASE_DISPOSE, obj=Step(sumut, sumut.positions.get(code="TU"))
    )


@pytest.mark.parametrize("action", sorted(AT_THE_STEP, key=str))
def test_no_one_takes_a_step_at_a_desk_not_their_own(sumut, demo_user, action):
    """Whoever may take the step at their own desk (tests/workflow/test_business_rules.py
    names them), no one takes it where the case sits at another position's desk."""
    positions = {p.code: p for p in sumut.positions.all()}
    own = {"ketua": "KETUA", "sekretaris": "SEKRETARIS", "kabag": "KABAG"}
    own |= {"kasubbag": "KASUBBAG", "pelaksana": "PELAKSANA", "tu": "TU"}
    taken_elsewhere = [
        (username, code)
        for username in HOLDERS
        for code, position in positions.items()
        if code != own[username]
        and user_may(demo_user(username), action, obj=Step(sumut, position))
    ]
    assert taken_elsewhere == []


def test_anonymous_and_inactive_users_may_nothing(sumut, demo_user):
    from django.contrib.auth.models import AnonymousUser

    assert not user_may(AnonymousUser(), Action.VIEW_HOME, office=sumut)
    tu = demo_user("tu")
    tu.is_active = False
    tu.save()
    assert not user_may(tu, Action.CASE_REGISTER, office=sumut)


def test_the_registering_duty_is_what_grants_registration(sumut, demo_user):
    tu_position = sumut.positions.get(code="TU")
    assert Duty.REGISTER.value in tu_position.duties
    tu_position.duties = [Duty.HAND_OVER.value]
    tu_position.save()
    assert not user_may(demo_user("tu"), Action.CASE_REGISTER, office=sumut)
