import io
import json

import pytest
from django.core.management import call_command

from autentika.cases.models import CaseState
from autentika.handover.models import Receipt


@pytest.mark.django_db
def test_demo_request_with_handover(official, demo_pki, tmp_path):
    buffer = io.StringIO()
    call_command(
        "demo_request",
        office="kpu-sumut",
        party=4,
        out=str(tmp_path / "surat.pdf"),
        handover=True,
        stdout=buffer,
    )
    summary = json.loads(buffer.getvalue())
    receipt = Receipt.objects.get()
    assert summary["receipt"] == receipt.number_label
    assert summary["steps"][-1]["step"] == "handover"
    assert summary["steps"][-1]["position"] == "TU"
    assert receipt.case.state == CaseState.HANDED_OVER
