"""The declared table decides; these tests read it rather than restate it."""

import pytest

from autentika.core.permissions import PERMISSIONS, Action, Duty
from autentika.organization.access import user_may

HOLDERS = ["ketua", "sekretaris", "kabag", "kasubbag", "pelaksana", "tu"]


def test_every_action_has_a_rule():
    assert set(PERMISSIONS) == set(Action)


@pytest.mark.parametrize("action", [a for a in Action if not PERMISSIONS[a].holds_current_step])
@pytest.mark.parametrize("username", HOLDERS)
def test_office_wide_actions_follow_the_duties_of_the_users_position(
    sumut, demo_user, action, username
):
    user = demo_user(username)
    position = user.assignments.get().position
    rule = PERMISSIONS[action]
    expected = rule.any_position or any(duty.value in position.duties for duty in rule.duties)
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
