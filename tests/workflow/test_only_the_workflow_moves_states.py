"""Who writes which state: a case's (a draft's stage is its case's state) and a letter's only
through the workflow engine; every other `state` or `status` field only in the module that
owns that record. The guard finds every way of writing a field (tests/support/state_writes.py)
and holds each to the rule below; the sample file shows it sees each way."""

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.state_writes import Write, models_info, state_writes

ROOT = Path(__file__).resolve().parents[2] / "autentika"
SAMPLE = Path(__file__).with_name("state_writes_sample.py")
ENGINE = "core/workflow.py"

# The states of the procedure: what the workflow tables move.
CASE_DRAFT_OR_LETTER = {"Case", "SignedLetter"}
# Other records with a state or status of their own, none a case's, a draft's or a letter's.
OTHER_RECORDS = {
    "BulkSigning": "a bulk signing's progress (each letter is signed by letter_sign)",
    "BulkSigningItem": "one draft's progress in a bulk signing",
    "OutgoingEmail": "an e-mail's delivery",
    "DBTaskResult": "a task of the queue (django-tasks)",
    "OnlineSubmission": "a party's online request, before it is registered as a case",
    "CaseTimeline": "the reports' read model: a copy of the state each audit event reports",
    "Decision": "a results decision's status (official, provisional, sample)",
}


@dataclass(frozen=True)
class May:
    models: frozenset[str]
    why: str
    # Also writes through a field's name it is given (setattr with a variable).
    by_field_name: bool = False


# Every module that writes a state or status field, the models whose field it writes, and why.
WRITERS: dict[str, May] = {
    ENGINE: May(
        frozenset(CASE_DRAFT_OR_LETTER),
        "Workflow.move: each step of a case or a letter along its declared table, the field "
        "named by the table (CASE_WORKFLOW: Case.state; LETTER_WORKFLOW: SignedLetter.status)",
        by_field_name=True,
    ),
    "cases/registration.py": May(
        frozenset({"Case"}),
        "a case is made in its first state, NEW (no step leads there; the unsaved case the "
        "register step is checked on, then the one saved)",
    ),
    "bulk/services.py": May(
        frozenset({"BulkSigning", "BulkSigningItem"}), "a batch starts, ends or fails"
    ),
    "bulk/workers.py": May(frozenset({"BulkSigningItem"}), "each item's outcome"),
    "bulk/recovery.py": May(
        frozenset({"BulkSigning", "BulkSigningItem"}),
        "a stalled batch resumed (queued again) or cancelled, its items reconciled",
    ),
    "notifications/services.py": May(frozenset({"OutgoingEmail"}), "sent, retrying, failed"),
    "notifications/worker.py": May(
        frozenset({"DBTaskResult"}), "a task cut off by a database outage is queued again"
    ),
    "portal/services.py": May(
        frozenset({"OnlineSubmission"}), "an online request registered or rejected"
    ),
    "reports/timeline.py": May(
        frozenset({"CaseTimeline"}),
        "the timeline copies the state the audit events report, columns named per state",
        by_field_name=True,
    ),
    "results/decision_status.py": May(
        frozenset({"Decision"}), "decision_status_change: provisional to official, audited"
    ),
    "results/election_services.py": May(
        frozenset({"Decision"}), "decision_create: a decision is recorded with its status"
    ),
    "results/views.py": May(
        frozenset({"Decision"}),
        "the upload page's new decision, with the status its form gives, recorded by "
        "results_import",
    ),
    "organization/settings_services.py": May(
        frozenset(),
        "changes_apply sets the fields a settings form names on an office, a position or an "
        "assignment, none of which has a state",
        by_field_name=True,
    ),
}


def _allowed(module: str, write: Write) -> bool:
    may = WRITERS.get(module)
    if may is None:
        return False
    if write.model is None:
        return may.by_field_name and write.how == "setattr"
    return write.model in may.models


def _writes() -> dict[str, list[Write]]:
    models = models_info()
    return {
        str(path.relative_to(ROOT)): writes
        for path in sorted(ROOT.rglob("*.py"))
        if "migrations" not in path.parts and (writes := state_writes(path, models))
    }


def test_every_model_with_a_state_is_a_case_draft_or_letter_or_named_as_another_record():
    stateful = {name for name, info in models_info().items() if info.has_state}
    assert stateful == CASE_DRAFT_OR_LETTER | set(OTHER_RECORDS)
    assert not CASE_DRAFT_OR_LETTER & set(OTHER_RECORDS)


def test_only_the_engine_moves_a_case_or_a_letter_and_registration_only_makes_a_case():
    movers = {
        module: may.models & CASE_DRAFT_OR_LETTER
        for module, may in WRITERS.items()
        if may.models & CASE_DRAFT_OR_LETTER
    }
    assert movers == {ENGINE: CASE_DRAFT_OR_LETTER, "cases/registration.py": {"Case"}}
    registration = _writes()["cases/registration.py"]
    assert {w.how for w in registration} == {"constructor state="}


def test_the_code_writes_states_only_where_the_rule_allows():
    writes = _writes()
    offenders = [
        f"{module}:{w.line} {w.how} ({w.model or 'model not named'})"
        for module, found in writes.items()
        for w in found
        if not _allowed(module, w)
    ]
    assert offenders == []
    # every line of the rule is still needed
    assert set(WRITERS) == set(writes)


def _marked_ways() -> dict[str, int]:
    ways = {}
    for number, line in enumerate(SAMPLE.read_text(encoding="utf-8").splitlines(), start=1):
        if match := re.search(r"# way: (.+)$", line):
            ways[match.group(1)] = number
    return ways


SAMPLE_WAYS = _marked_ways()


@pytest.fixture(scope="module")
def sample_writes() -> list[Write]:
    return state_writes(SAMPLE, models_info())


@pytest.mark.parametrize("way", list(SAMPLE_WAYS))
def test_the_guard_sees_each_way_of_writing_a_state(sample_writes, way):
    line = SAMPLE_WAYS[way]
    found = [w for w in sample_writes if w.line == line]
    assert found, f"line {line} ({way}) writes a state the guard did not see"
    # the sample is no writer the rule allows: each of its writes would fail the guard
    assert not any(_allowed("workflow/state_writes_sample.py", w) for w in found)


def test_the_guard_takes_no_read_for_a_write(sample_writes):
    assert {w.line for w in sample_writes} == set(SAMPLE_WAYS.values())


def test_the_guard_names_the_model_written_where_the_code_says_it():
    writes = {w.line: w.model for w in state_writes(SAMPLE, models_info())}
    assert writes[SAMPLE_WAYS["through a relation"]] == "Case"
    assert writes[SAMPLE_WAYS["letter constructor"]] == "SignedLetter"
    assert writes[SAMPLE_WAYS["related manager update"]] == "Case"
    assert writes[SAMPLE_WAYS["a loop over a queryset"]] == "Case"
    assert writes[SAMPLE_WAYS["an object whose kind the code does not say"]] is None


@pytest.mark.django_db
def test_no_admin_page_changes_a_recorded_state(rf, admin_user):
    """The admin is a writer too, through its forms: no case or letter has a page there, and
    another record's state is at most chosen when it is added (a decision's status)."""
    from django.contrib import admin

    request = rf.get("/")
    request.user = admin_user
    editable = []
    for model, model_admin in admin.site._registry.items():
        fields = {f.name for f in model._meta.concrete_fields} & {"state", "status"}
        assert not (fields and model.__name__ in CASE_DRAFT_OR_LETTER)
        recorded = model()
        if not fields or not model_admin.has_change_permission(request, recorded):
            continue
        shown = set(model_admin.get_fields(request, recorded))
        readonly = set(model_admin.get_readonly_fields(request, recorded))
        editable += [f"{model.__name__}.{name}" for name in fields & (shown - readonly)]
    assert editable == []
