"""A decision's status is set when it is recorded. Afterwards the only change is a provisional
decision declared official, by the holder of the results duty, audited. Sample figures never
become official or provisional, and no decision goes back to sample: not in the admin, not
through the service or its command, not by saving the model."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from autentika.core.models import AuditEvent, AuditEventType
from autentika.results.decision_status import decision_status_change
from autentika.results.election_services import decision_create
from autentika.results.models import Decision, DecisionStatus
from tests.support.results import keeper

REASON = "Ditetapkan dalam rapat pleno terbuka tanggal 28 Mei 2024."


def _decision(election, status: str, number: str = "22 Tahun 2024") -> Decision:
    return decision_create(
        election=election,
        number=number,
        date=dt.date(2024, 5, 28),
        title="Penetapan hasil",
        status=status,
        actor=keeper(election.office),
    )


def _status_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event_type=AuditEventType.DECISION_STATUS_CHANGED))


@pytest.mark.django_db
def test_the_admin_shows_a_recorded_decisions_status_read_only_and_ignores_a_posted_one(
    admin_client,
    sample,
):
    decision = sample.decisions.get()
    url = f"/admin/results/decision/{decision.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="status"' not in page
    assert "Contoh (sampel)" in page
    response = admin_client.post(
        url,
        {
            "election": sample.pk,
            "number": decision.number,
            "date": decision.date.strftime("%d-%m-%Y"),
            "title": "Judul diperbaiki",
            "status": DecisionStatus.OFFICIAL,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    decision.refresh_from_db()
    assert decision.title == "Judul diperbaiki"  # the other fields are still edited there
    assert decision.status == DecisionStatus.SAMPLE
    assert _status_events() == []


@pytest.mark.django_db
def test_a_new_decision_in_the_admin_still_chooses_its_status(admin_client, db):
    assert 'name="status"' in admin_client.get("/admin/results/decision/add/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("status", [DecisionStatus.OFFICIAL, DecisionStatus.PROVISIONAL])
def test_sample_figures_never_become_official_or_provisional_through_the_service(
    sample,
    demo_user,
    status,
):
    decision = sample.decisions.get()
    with pytest.raises(ValidationError) as refused:
        decision_status_change(
            decision=decision, actor=demo_user("kabag"), status=status, reason=REASON
        )
    message = " ".join(refused.value.messages)
    assert f"Keputusan Nomor {decision.number} berstatus contoh (sampel)" in message
    assert "impor baru data resmi" in message
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SAMPLE
    assert _status_events() == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("current", "new", "says"),
    [
        (DecisionStatus.PROVISIONAL, DecisionStatus.SAMPLE, "tidak dapat dijadikan contoh"),
        (DecisionStatus.OFFICIAL, DecisionStatus.SAMPLE, "tidak dapat dijadikan contoh"),
        (DecisionStatus.OFFICIAL, DecisionStatus.PROVISIONAL, "keputusan pembetulan"),
        (DecisionStatus.OFFICIAL, DecisionStatus.OFFICIAL, "sudah berstatus resmi"),
        (DecisionStatus.PROVISIONAL, "final", "tidak dikenal"),
    ],
)
def test_no_decision_goes_back_to_sample_or_down_from_official(
    election,
    demo_user,
    current,
    new,
    says,
):
    decision = _decision(election, current)
    with pytest.raises(ValidationError, match=says):
        decision_status_change(
            decision=decision, actor=demo_user("kabag"), status=new, reason=REASON
        )
    decision.refresh_from_db()
    assert decision.status == current


@pytest.mark.django_db
def test_a_provisional_decision_is_declared_official_by_the_holder_of_the_duty_and_audited(
    election,
    demo_user,
):
    decision = _decision(election, DecisionStatus.PROVISIONAL)
    kabag = demo_user("kabag")
    changed = decision_status_change(
        decision=decision, actor=kabag, status=DecisionStatus.OFFICIAL, reason=REASON
    )
    decision.refresh_from_db()
    assert changed.status == decision.status == DecisionStatus.OFFICIAL
    [event] = _status_events()
    assert event.actor == kabag and event.office == election.office
    assert (event.from_state, event.to_state) == ("provisional", "official")
    assert event.target_id == str(decision.pk)
    assert event.data == {"election": election.code, "number": decision.number, "reason": REASON}


@pytest.mark.django_db
def test_who_lacks_the_results_duty_cannot_declare_a_decision_official(
    election,
    demo_user,
):
    decision = _decision(election, DecisionStatus.PROVISIONAL)
    with pytest.raises(PermissionDenied, match="tidak berwenang mengubah status keputusan"):
        decision_status_change(
            decision=decision, actor=demo_user("tu"), status=DecisionStatus.OFFICIAL, reason=REASON
        )
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PROVISIONAL


@pytest.mark.django_db
def test_a_status_change_needs_a_reason(election, demo_user):
    decision = _decision(election, DecisionStatus.PROVISIONAL)
    with pytest.raises(ValidationError, match="alasan perubahan status"):
        decision_status_change(
            decision=decision, actor=demo_user("kabag"), status=DecisionStatus.OFFICIAL, reason=" "
        )


@pytest.mark.django_db
@pytest.mark.parametrize("current", [DecisionStatus.SAMPLE, DecisionStatus.PROVISIONAL])
def test_saving_a_changed_status_on_the_model_is_refused(election, current):
    """Any code path but the service (a form, the shell, a script) saving the model."""
    decision = _decision(election, current)
    decision.status = DecisionStatus.OFFICIAL
    with pytest.raises(ValidationError, match="tidak dapat diubah langsung"):
        decision.save()
    decision.refresh_from_db()
    assert decision.status == current
    decision.title = "Judul lain"
    decision.save()  # other fields save as before
    decision.save(update_fields=["title"])


@pytest.mark.django_db
def test_even_the_services_flag_cannot_save_sample_as_official(sample):
    decision = sample.decisions.get()
    decision.status = DecisionStatus.OFFICIAL
    with pytest.raises(ValidationError, match="berstatus contoh"):
        decision.save(status_change=True)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.SAMPLE


@pytest.mark.django_db
def test_the_decision_status_command_refuses_sample_and_declares_provisional_official(
    sample,
    capsys,
):
    base = ["decision_status", "--office=kpu-sumut", f"--election={sample.code}"]
    sample_number = sample.decisions.get().number
    with pytest.raises(CommandError, match="berstatus contoh"):
        call_command(
            *base,
            f"--decision={sample_number}",
            "--status=official",
            f"--reason={REASON}",
            "--user=kabag",
        )
    provisional = _decision(sample, DecisionStatus.PROVISIONAL)
    with pytest.raises(CommandError, match="tidak berwenang"):
        call_command(
            *base,
            f"--decision={provisional.number}",
            "--status=official",
            f"--reason={REASON}",
            "--user=tu",
        )
    call_command(
        *base,
        f"--decision={provisional.number}",
        "--status=official",
        f"--reason={REASON}",
        "--user=kabag",
    )
    assert "status kini Resmi" in capsys.readouterr().out
    provisional.refresh_from_db()
    assert provisional.status == DecisionStatus.OFFICIAL
    assert sample.decisions.get(number=sample_number).status == DecisionStatus.SAMPLE


@pytest.mark.django_db
def test_importing_under_a_sample_decision_never_makes_it_official(
    sample,
    tmp_path,
):
    path = tmp_path / "hasil.csv"
    path.write_text("dapil,kursi_dapil,nomor_partai,partai,suara_sah,kursi\n")
    number = sample.decisions.get().number
    with pytest.raises(CommandError, match="impor tidak mengubah status keputusan"):
        call_command(
            "import_results",
            str(path),
            "--office=kpu-sumut",
            f"--election={sample.code}",
            "--user=kasubbag",
            f"--decision-number={number}",
            "--decision-status=official",
        )
    assert sample.decisions.get().status == DecisionStatus.SAMPLE
