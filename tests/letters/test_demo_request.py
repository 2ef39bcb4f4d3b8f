import io
import json

import pytest
from django.core.management import CommandError, call_command

from autentika.letters.models import SignedLetter


@pytest.mark.django_db
def test_demo_request_end_to_end(official, tmp_path):
    out = tmp_path / "surat.pdf"
    buffer = io.StringIO()
    call_command("demo_request", office="kpu-sumut", party=4, out=str(out), stdout=buffer)
    summary = json.loads(buffer.getvalue())
    letter = SignedLetter.objects.get()
    assert summary["letter_number"] == letter.number
    assert summary["sha256"] == letter.sha256
    assert out.read_bytes() == bytes(letter.pdf)
    assert [s["step"] for s in summary["steps"]] == [
        "register",
        "dispose",
        "dispose",
        "dispose",
        "dispose",
        "draft",
        "submit",
        "initial",
        "initial",
        "initial",
        "sign",
    ]
    assert summary["steps"][-1]["position"] == "KETUA"


@pytest.mark.django_db
def test_demo_request_refuses_sample_without_flag(sample, tmp_path):
    with pytest.raises(CommandError, match="allow-sample"):
        call_command("demo_request", office="kpu-sumut", party=4, out=str(tmp_path / "x.pdf"))


@pytest.mark.django_db
def test_demo_request_sample_only_in_training_mode(sample, sumut, tmp_path):
    sumut.training_mode = False
    sumut.save()
    with pytest.raises(CommandError, match="mode latihan"):
        call_command(
            "demo_request",
            office="kpu-sumut",
            party=4,
            out=str(tmp_path / "x.pdf"),
            allow_sample=True,
        )


@pytest.mark.django_db
def test_demo_request_sample_in_training_mode_is_specimen(sample, tmp_path):
    buffer = io.StringIO()
    call_command(
        "demo_request",
        office="kpu-sumut",
        party=4,
        out=str(tmp_path / "x.pdf"),
        allow_sample=True,
        stdout=buffer,
    )
    assert json.loads(buffer.getvalue())["specimen"] is True
