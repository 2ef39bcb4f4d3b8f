"""The SOP's rules of who does what, written out by hand (not computed from the table), checked
against the permission table and the workflow on the demo office's six positions."""

from types import SimpleNamespace

import pytest

from autentika.cases.models import CaseState
from autentika.cases.workflow import CASE_WORKFLOW
from autentika.core.permissions import PERMISSIONS, Action
from autentika.organization.access import user_may

USERS = ["ketua", "sekretaris", "kabag", "kasubbag", "pelaksana", "tu"]

# action -> the demo users who may do it anywhere in the office (office-wide question).
WHO_MAY = {
    Action.CASE_REGISTER: {"tu"},  # only Tata Usaha registers
    Action.LETTER_SIGN: {"ketua"},  # only the Ketua signs
    Action.LETTER_SIGN_BULK: {"ketua"},  # and only the Ketua signs in bulk
    Action.LETTER_HAND_OVER: {"tu"},  # the Pelaksana never hands over
    Action.LETTER_DRAFT: {"pelaksana"},  # only the Pelaksana drafts
    Action.CASE_RECHECK: {"pelaksana"},  # the completeness re-check is the drafter's
    Action.LETTER_INITIAL: {"sekretaris", "kabag", "kasubbag"},  # paraf up the hierarchy
    Action.LETTER_RETURN: {"sekretaris", "kabag", "kasubbag"},
    Action.LETTER_REVOKE: {"ketua"},  # revocation belongs to the signing position
    Action.RESULTS_MANAGE: {"kabag", "kasubbag", "pelaksana"},
    # declaring a provisional decision official: the results duty, not the signer
    Action.RESULTS_DECISION_STATUS: {"kabag", "kasubbag", "pelaksana"},
    # four eyes on a total above the decision's: the signing position, not the results managers
    Action.RESULTS_EXPLANATION_CONFIRM: {"ketua"},
    Action.PORTAL_MANAGE: {"tu"},
    # UU 14/2008 art. 22(8): the head of the PPID (the Sekretaris) extends the legal deadline
    Action.CASE_EXTEND_DEADLINE: {"sekretaris"},
    Action.CASE_DISPOSE: {"ketua", "sekretaris", "kabag", "kasubbag"},  # the Pelaksana drafts
    Action.PORTAL_USE: set(),  # staff are not party users
    Action.CASE_VIEW: set(USERS),
    Action.RESULTS_VIEW: set(USERS),
}


@pytest.mark.django_db
@pytest.mark.parametrize("action", sorted(WHO_MAY, key=str))
def test_who_may_do_what_in_the_office(sumut, demo_user, action):
    def may(name: str) -> bool:
        user = demo_user(name)
        if PERMISSIONS[action].holds_current_step:
            # asked at the user's own desk: a step held by the user's position
            desk = SimpleNamespace(office=sumut, current_position=user.assignments.get().position)
            return user_may(user, action, obj=desk)
        return user_may(user, action, office=sumut)

    assert {name for name in USERS if may(name)} == WHO_MAY[action]


# The steps the SOP allows in each state of a case, written out by hand.
STEPS_IN_STATE = {
    # "assign": the head of a position several staff hold gives the case to one of them.
    # "extend": the legal deadline, extended once, in every state before the letter is signed.
    CaseState.DISPOSITION: {"dispose", "withdraw", "assign", "extend"},
    CaseState.INCOMPLETE: {"recheck", "draft", "withdraw", "assign", "extend"},
    CaseState.DRAFTING: {"draft", "revise", "submit", "withdraw", "assign", "extend"},
    CaseState.REVIEW: {"approve", "return", "extend"},
    CaseState.SIGNING: {"sign", "extend"},
    CaseState.SIGNED: {"hand_over", "download"},
    CaseState.HANDED_OVER: {"hand_over", "download"},
}


@pytest.mark.parametrize("state", list(CaseState))
def test_the_steps_each_state_allows(state):
    in_table = {t.step for t in CASE_WORKFLOW.transitions.values() if state in t.sources}
    assert in_table == STEPS_IN_STATE[state]


def test_nothing_leaves_a_signed_case_but_hand_overs():
    for transition in CASE_WORKFLOW.transitions.values():
        if CaseState.SIGNED in transition.sources or CaseState.HANDED_OVER in transition.sources:
            assert transition.targets == {CaseState.HANDED_OVER}


def test_the_extension_keeps_the_case_where_it_is():
    extend = CASE_WORKFLOW.transitions["extend"]
    assert extend.action == Action.CASE_EXTEND_DEADLINE
    assert extend.sources == extend.targets
    assert CaseState.SIGNED not in extend.sources
