"""The withdrawal of a disposition, as the tables state it (issue #29): who may take it back is
the permission table's (the holder of the position that wrote it); that it is still unread is
the withdraw step's requirement in the transition table. Once its addressee has read it, the
author may no longer withdraw it, and the case page no longer offers to."""

import pytest
from django.core.exceptions import ValidationError

from autentika.cases.services import case_open, disposition_withdraw
from autentika.cases.workflow import CASE_WORKFLOW, case_steps, disposition_author
from autentika.core.workflow import Requirement


def test_the_withdraw_step_requires_the_last_disposition_unread():
    assert Requirement.LAST_DISPOSITION_UNREAD in CASE_WORKFLOW["withdraw"].requires


def test_a_read_disposition_is_refused_by_the_table_though_its_author_asks(
    register, dispose, official_without_figures, demo_user
):
    case = register()
    disposition = dispose(case, "ketua", "SEKRETARIS")
    ketua = demo_user("ketua")
    case.refresh_from_db()
    assert CASE_WORKFLOW.unready(case, "withdraw") == ""
    assert "withdraw" in case_steps(ketua, case)
    assert "withdraw" not in case_steps(demo_user("sekretaris"), case)
    case_open(case=case, actor=demo_user("sekretaris"))
    assert "sudah dibaca oleh Sekretaris" in CASE_WORKFLOW.unready(case, "withdraw")
    assert disposition_author(ketua, case)  # still its author
    assert "withdraw" not in case_steps(ketua, case)
    with pytest.raises(ValidationError, match="sudah dibaca"):
        disposition_withdraw(disposition=disposition, actor=ketua)
