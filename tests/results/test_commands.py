import json

import pytest
from django.core.management import CommandError, call_command

from autentika.results.models import Election, ResultVersion
from tests.support.results import SMALL_CSV, dpr_2024_csv


def test_election_create_and_import_results_commands(sumut, tmp_path, capsys):
    call_command(
        "election_create",
        "--office=kpu-sumut",
        "--user=kasubbag",
        "--code=dprd-2024",
        "--year=2024",
        "--legislature=DPRD_PROVINSI",
    )
    election = Election.objects.get(office=sumut, code="dprd-2024")
    path = tmp_path / "hasil.csv"
    path.write_text(SMALL_CSV)
    base = [
        "import_results",
        str(path),
        "--office=kpu-sumut",
        "--election=dprd-2024",
        "--user=kasubbag",
    ]
    with pytest.raises(CommandError, match="belum punya keputusan"):
        call_command(*base)
    decision = [
        "--decision-number=21 Tahun 2024",
        "--decision-date=2024-05-28",
        "--decision-title=Penetapan hasil",
        "--decision-status=sample",
    ]
    call_command(*base, *decision, "--dry-run")
    assert "uji coba" in capsys.readouterr().out
    assert not ResultVersion.objects.exists() and not election.decisions.exists()
    call_command(*base, *decision)
    assert "Dibuat versi 1" in capsys.readouterr().out
    call_command(*base, "--decision-number=21 Tahun 2024")
    assert "Tidak ada perubahan" in capsys.readouterr().out
    assert election.decisions.get().status == "sample"


def test_import_results_reports_every_problem(sumut, tmp_path, capsys):
    call_command(
        "election_create",
        "--office=kpu-sumut",
        "--user=kasubbag",
        "--code=x",
        "--year=2024",
        "--legislature=DPRD_PROVINSI",
    )
    path = tmp_path / "rusak.csv"
    path.write_text(SMALL_CSV.replace("1.000", "-5").replace("400", "1,5"))
    with pytest.raises(CommandError, match="2 masalah"):
        call_command(
            "import_results",
            str(path),
            "--office=kpu-sumut",
            "--user=kasubbag",
            "--election=x",
            "--decision-number=1",
            "--decision-date=2024-01-01",
            "--decision-title=t",
        )
    err = capsys.readouterr().err
    assert "rusak.csv, baris 2, kolom suara_sah: nilai “-5”" in err
    assert not Election.objects.get(code="x").decisions.exists()


def test_check_results_json_and_exit_codes(ri, tmp_path, capsys):
    call_command(
        "election_create",
        "--office=kpu-ri",
        "--user=ri-kasubbag",
        "--code=dpr-2024",
        "--year=2024",
        "--legislature=DPR",
        "--threshold=4",
    )
    capsys.readouterr()
    with pytest.raises(CommandError) as no_results:
        call_command("check_results", "--json")
    assert no_results.value.returncode == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["elections"][0]["findings"][0]["code"] == "no_results"

    good = tmp_path / "dpr.csv"
    good.write_bytes(dpr_2024_csv())
    call_command(
        "import_results",
        str(good),
        "--office=kpu-ri",
        "--user=ri-kasubbag",
        "--election=dpr-2024",
        "--decision-number=360 Tahun 2024",
        "--decision-date=2024-03-20",
        "--decision-title=Penetapan hasil",
        "--decision-status=provisional",
    )
    capsys.readouterr()
    call_command("check_results", "--election=dpr-2024", "--json")  # exit 0: no exception
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "ok": True,
        "elections": [
            {
                "office": "kpu-ri",
                "code": "dpr-2024",
                "name": "Pemilu Anggota Dewan Perwakilan Rakyat Tahun 2024",
                "version": 1,
                "decision_status": "provisional",
                "findings": [],
            }
        ],
    }

    # A mistyped seat: moved from one party to another in ACEH I.
    bad = tmp_path / "dpr-salah.csv"
    text = dpr_2024_csv().decode()
    text = text.replace("ACEH I,7,1,PKB,320033,1", "ACEH I,7,1,PKB,320033,0")
    text = text.replace("ACEH I,7,2,GERINDRA,104005,0", "ACEH I,7,2,GERINDRA,104005,1")
    bad.write_text(text)
    call_command(
        "import_results",
        str(bad),
        "--office=kpu-ri",
        "--user=ri-kasubbag",
        "--election=dpr-2024",
        "--decision-number=360 Tahun 2024",
    )
    capsys.readouterr()
    with pytest.raises(CommandError) as found:
        call_command("check_results", "--election=dpr-2024")
    assert found.value.returncode == 1
    out = capsys.readouterr().out
    assert "Dapil ACEH I, partai 1 PKB: kursi tercatat 0, hitung ulang Sainte-Laguë 1." in out
    assert "Dapil ACEH I, partai 2 GERINDRA: kursi tercatat 1, hitung ulang Sainte-Laguë 0." in out


def test_check_results_unknown_election(db):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("check_results", "--election=tidak-ada")


def test_the_commands_refuse_a_user_who_does_not_keep_the_results_archive(sumut, tmp_path):
    """Tata Usaha registers letters; it does not create elections nor import their figures."""
    with pytest.raises(CommandError, match="tidak berwenang"):
        call_command(
            "election_create",
            "--office=kpu-sumut",
            "--code=dprd-2024",
            "--year=2024",
            "--legislature=DPRD_PROVINSI",
            "--user=tu",
        )
    assert not Election.objects.filter(code="dprd-2024").exists()
    call_command(
        "election_create",
        "--office=kpu-sumut",
        "--code=dprd-2024",
        "--year=2024",
        "--legislature=DPRD_PROVINSI",
        "--user=kasubbag",
    )
    path = tmp_path / "hasil.csv"
    path.write_text(SMALL_CSV)
    with pytest.raises(CommandError, match="tidak berwenang"):
        call_command(
            "import_results",
            str(path),
            "--office=kpu-sumut",
            "--election=dprd-2024",
            "--decision-number=21 Tahun 2024",
            "--decision-date=2024-05-28",
            "--decision-title=Penetapan hasil",
            "--user=tu",
        )
    assert not ResultVersion.objects.exists()
    assert not Election.objects.get(code="dprd-2024").decisions.exists()
