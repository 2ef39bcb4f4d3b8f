"""Only the workflow module assigns the state of a case, a draft or a letter."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "autentika"
WORKFLOW = {ROOT / "core" / "workflow.py"}
# Fields that hold a case's, draft's or letter's state.
STATE_FIELDS = {"state", "status"}
# Online submissions and e-mails are not cases; a bulk signing's batch and items record its
# progress (each letter's own state is moved by letter_sign through the workflow); a results
# decision's status changes only in its own audited service (results/decision_status.py); a
# task of the queue is put back by the notification worker after a database outage.
OTHER_OBJECTS = {"submission", "email", "self", "batch", "item", "decision", "task_result"}


def _assignments(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr in STATE_FIELDS
                and not (isinstance(target.value, ast.Name) and target.value.id in OTHER_OBJECTS)
            ):
                found.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}")
        # setattr(obj, "state", ...)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "setattr"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in STATE_FIELDS
        ):
            found.append(f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}")
    return found


def test_no_module_but_the_workflow_assigns_a_state():
    offenders = [
        hit
        for path in sorted(ROOT.rglob("*.py"))
        if "migrations" not in path.parts and path not in WORKFLOW
        for hit in _assignments(path)
    ]
    assert offenders == []


def test_the_check_would_see_an_assignment(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("case.state = 'signed'\nletter.status = 'revoked'\nsubmission.state = 1\n")
    assert len(_assignments_in(sample)) == 2


def _assignments_in(path: Path) -> list[str]:
    global ROOT
    saved, ROOT = ROOT, path.parent
    try:
        return _assignments(path)
    finally:
        ROOT = saved
