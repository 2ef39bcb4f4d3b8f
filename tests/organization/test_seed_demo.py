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


def test_seed_demo_refuses_production_settings(db, settings):
    import pytest
    from django.contrib.auth import get_user_model
    from django.core.management import CommandError

    from autentika.core.models import AuditEvent

    def written() -> tuple[int, int, int]:
        return (
            Office.objects.count(),
            get_user_model().objects.count(),
            AuditEvent.objects.count(),
        )

    settings.AUTENTIKA_DEMO_ALLOWED = False  # as autentika.config.settings.prod sets it
    before = written()  # the test database holds the demo office the tests share
    with pytest.raises(CommandError, match="pengaturan produksi"):
        call_command("seed_demo")
    assert not Office.objects.filter(code="kpu-ri").exists()
    assert written() == before  # nothing written


def test_production_settings_forbid_the_demo():
    import importlib
    import os

    os.environ.setdefault("SECRET_KEY", "x" * 60)
    prod = importlib.import_module("autentika.config.settings.prod")
    assert prod.AUTENTIKA_DEMO_ALLOWED is False
