"""Only `cases/moves.py: case_move` sets a case's desk and member, and only it moves a case
through the case workflow table: every part's services call it (issue #29)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "autentika"
MOVES = ROOT / "cases" / "moves.py"
DESK_FIELDS = {"current_position", "current_assignee", "current_position_id", "current_assignee_id"}
# Calls that write a row (a filter or get only reads).
WRITING_CALLS = {"Case", "create", "update", "get_or_create", "update_or_create"}


def _moves(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        if any(isinstance(t, ast.Attribute) and t.attr in DESK_FIELDS for t in targets):
            found.append(where)
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in WRITING_CALLS and any(k.arg in DESK_FIELDS for k in node.keywords):
            found.append(where)
        if name == "setattr" and len(node.args) >= 2:
            field = node.args[1]
            if isinstance(field, ast.Constant) and field.value in DESK_FIELDS:
                found.append(where)
        # CASE_WORKFLOW.move(...)
        if (
            name == "move"
            and isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "CASE_WORKFLOW"
        ):
            found.append(where)
    return found


def test_no_module_but_case_move_moves_a_case():
    offenders = [
        f"{path.relative_to(ROOT)}: {hit}"
        for path in sorted(ROOT.rglob("*.py"))
        if "migrations" not in path.parts and path != MOVES
        for hit in _moves(path)
    ]
    assert offenders == []


def test_the_check_would_see_each_way_of_moving_a_case(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text(
        "case.current_position = desk\n"
        "case.current_assignee_id = 3\n"
        "Case.objects.filter(pk=1).update(current_position=desk)\n"
        "Case(office=office, current_assignee=member)\n"
        "setattr(case, 'current_position', desk)\n"
        "CASE_WORKFLOW.move(case, 'sign', 'signed')\n"
        "Case.objects.filter(current_position=desk)\n"
    )
    assert len(_moves(sample)) == 6
