from django.core.management import call_command

from autentika.organization.models import Assignment, Office, Position


def test_seed_demo_is_idempotent_and_wires_the_sop_chain(db, capsys):
    call_command("seed_demo")
    call_command("seed_demo")
    sumut = Office.objects.get(code="kpu-sumut")
    assert sumut.region_code == "12" and sumut.city == "Medan"
    chain = []
    position: Position | None = sumut.positions.get(code="PELAKSANA")
    while position is not None:
        chain.append(position.code)
        position = position.reports_to
    assert chain == ["PELAKSANA", "KASUBBAG", "KABAG", "SEKRETARIS", "KETUA"]
    assert Assignment.objects.filter(position__office=sumut).count() == 6
    out = capsys.readouterr().out
    assert "ketua" in out and "Kata sandi" in out
