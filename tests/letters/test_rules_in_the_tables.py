"""Rules of the reply that the tables state (issue #29), refused through them:
- a request still waiting for the decisions it names (incomplete) is answered only with a reply
  that certifies no figures: a refusal may be drafted from it, a certificate may not, and the
  case page offers only the replies without figures;
- only the office's signer position signs: once the office names another position its signer,
  a letter waiting at the Ketua's desk is no longer the Ketua's to sign, though the Ketua
  holds the signing duty and the desk."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from autentika.cases.models import Case, CaseState
from autentika.cases.workflow import CASE_WORKFLOW, case_steps
from autentika.core.permissions import Action
from autentika.letters.drafting import draft_create
from autentika.letters.hooks import letter_panel
from autentika.letters.models import Draft
from autentika.letters.services import letter_sign
from autentika.organization.access import user_may
from autentika.organization.models import Office
from tests.support.letters import PASSWORD

pytestmark = pytest.mark.django_db


def test_an_incomplete_request_is_answered_only_by_a_reply_without_figures(at_drafter, demo_user):
    case = at_drafter()  # no decision archived for its election
    assert case.state == CaseState.INCOMPLETE
    pelaksana = demo_user("pelaksana")
    assert CASE_WORKFLOW.unready(case, "draft", {"kind": "certificate"})
    assert CASE_WORKFLOW.unready(case, "draft", {"kind": "refusal_no_seat"})
    assert CASE_WORKFLOW.unready(case, "draft", {"kind": "refusal_incomplete"}) == ""
    offered = letter_panel(SimpleNamespace(user=pelaksana), case)
    assert offered is not None
    kinds = {value for value, _ in offered.context["form"].fields["kind"].choices}
    assert kinds == {"refusal_incomplete", "refusal_not_held"}
    with pytest.raises(ValidationError, match="tidak dapat dibuat pada tahap"):
        draft_create(case=case, actor=pelaksana, kind="certificate")
    assert not Draft.objects.filter(case=case).exists()
    draft_create(case=case, actor=pelaksana, kind="refusal_incomplete")
    case.refresh_from_db()
    assert case.state == CaseState.DRAFTING


def test_a_complete_request_may_be_answered_by_any_reply(official, at_drafter, demo_user):
    case = at_drafter()
    assert case.state == CaseState.DRAFTING
    for kind in ("certificate", "refusal_no_seat", "refusal_incomplete", "refusal_not_held"):
        assert CASE_WORKFLOW.unready(case, "draft", {"kind": kind}) == ""


def test_only_the_office_signer_position_signs(official, at_signer, demo_user, sumut):
    draft = at_signer()
    ketua = demo_user("ketua")
    case = Case.objects.select_related("office", "current_position").get(pk=draft.case_id)
    assert "sign" in case_steps(ketua, case)
    Office.objects.filter(pk=sumut.pk).update(letter_signer_code="SEKRETARIS")
    case = Case.objects.select_related("office", "current_position").get(pk=draft.case_id)
    assert case.current_position.code == "KETUA" and case.state == CaseState.SIGNING
    assert not user_may(ketua, Action.LETTER_SIGN, obj=case)
    assert "sign" not in case_steps(ketua, case)
    with pytest.raises(PermissionDenied, match="Hanya pemegang jabatan Sekretaris"):
        letter_sign(draft=draft, actor=ketua, password=PASSWORD, passphrase="tidak-dipakai")
    case.refresh_from_db()
    assert case.state == CaseState.SIGNING
