"""Finds every place in a Python module that may write a model's `state` or `status` field,
and which model's, as far as the code names it (the state guard of
tests/workflow/test_only_the_workflow_moves_states.py).

A field can be written by: an assignment to the attribute in any form (plain, augmented,
annotated, one target of a tuple, a loop or `with` target); `setattr` or `__setattr__`,
with the field's name as text or in a variable (which may hold "state"); the instance's
`__dict__`; a keyword of a model's constructor or of a queryset write (`create`, `update`,
`get_or_create`, `update_or_create` and their `defaults`, the async ones), a `**` mapping
there; the field list of `bulk_update`; raw SQL. The model is read from the object written:
a parameter's annotation, what a local name was bound to (a model's manager or queryset, a
constructor, `get_object_or_404`, a function's return annotation, a loop over a queryset),
`self` in a model's method, a relation followed from a model (`draft.case`, `batch.items`).
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

STATE_FIELDS = frozenset({"state", "status"})
# Queryset methods whose keywords (and `defaults`) become field values.
_WRITES_BY_KEYWORD = {"create", "update", "get_or_create", "update_or_create"}
_WRITES_BY_KEYWORD |= {f"a{name}" for name in _WRITES_BY_KEYWORD}
_BULK_UPDATE = {"bulk_update", "abulk_update"}
_DEFAULTS = {"defaults", "create_defaults"}
_SQL_WRITE = re.compile(
    r"\b(UPDATE\b.*\bSET\b.*|INSERT\s+INTO\b.*)\b(state|status)\b", re.IGNORECASE | re.DOTALL
)
_PLAIN_VALUES = (
    ast.Constant,
    ast.JoinedStr,
    ast.Dict,
    ast.List,
    ast.Set,
    ast.Tuple,
    ast.DictComp,
    ast.ListComp,
    ast.SetComp,
)
_PLAIN_CONSTRUCTORS = {"dict", "list", "set", "tuple", "defaultdict", "Counter", "OrderedDict"}
_GET_OR_404 = {"get_object_or_404", "aget_object_or_404"}
_MANAGERS = {"objects", "_default_manager", "_base_manager"}


class NotAModel:
    """The object written is known and is not a model (a form, a response, a plain class)."""


NOT_A_MODEL = NotAModel()
Resolved = str | NotAModel | None  # a model's name, not a model, or unknown


@dataclass(frozen=True)
class ModelInfo:
    fields: frozenset[str]  # its concrete fields' names
    relations: dict[str, str]  # attribute (a relation, either way) -> the related model's name

    @property
    def has_state(self) -> bool:
        return bool(self.fields & STATE_FIELDS)


@dataclass(frozen=True)
class Write:
    line: int
    model: Resolved
    how: str


def models_info() -> dict[str, ModelInfo]:
    """Every installed model by its class name, with its fields and relations."""
    from django.apps import apps

    info = {}
    for model in apps.get_models():
        relations = {}
        for field in model._meta.get_fields():
            if field.related_model is None or isinstance(field.related_model, str):
                continue
            name = field.get_accessor_name() if field.auto_created else field.name  # type: ignore[union-attr]
            if name:
                relations[name] = field.related_model.__name__
        concrete = frozenset(f.name for f in model._meta.concrete_fields)
        info[model.__name__] = ModelInfo(concrete, relations)
    return info


_ScopeNode = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


class _Scope:
    """The names bound in one function (or a module, or a class body)."""

    def __init__(self, node: _ScopeNode, parent: "_Scope | None", cls: str | None) -> None:
        self.parent, self.cls = parent, cls
        self.bindings: dict[str, list[ast.expr]] = {}
        self.annotations: dict[str, ast.expr] = {}
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            arguments = node.args
            for arg in [*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs]:
                if arg.annotation is not None:
                    self.annotations[arg.arg] = arg.annotation
        body = node.body if isinstance(node.body, list) else [node.body]
        for child in body:
            for inner in _walk_scope(child):
                self._bind(inner)

    def _bind(self, node: ast.AST) -> None:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                self._bind_target(target, node.value)
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)):
            if isinstance(node.target, ast.Name):
                if isinstance(node, ast.AnnAssign):
                    self.annotations.setdefault(node.target.id, node.annotation)
                if node.value is not None:
                    self.bindings.setdefault(node.target.id, []).append(node.value)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            self._bind_target(node.target, node.iter)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            self._bind_target(node.optional_vars, node.context_expr)

    def _bind_target(self, target: ast.expr, value: ast.expr) -> None:
        if isinstance(target, ast.Name):
            self.bindings.setdefault(target.id, []).append(value)
        elif isinstance(target, (ast.Tuple, ast.List)) and target.elts:
            # `obj, created = X.objects.get_or_create(...)`: the object comes first
            self._bind_target(target.elts[0], value)


def _walk_scope(node: ast.AST):  # type: ignore[no-untyped-def]
    """The nodes of one scope: not into nested functions or classes."""
    yield node
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield from _walk_scope(child)


class _Finder(ast.NodeVisitor):
    def __init__(self, tree: ast.Module, models: dict[str, ModelInfo]) -> None:
        self.models = models
        self.writes: list[Write] = []
        self.returns = {
            node.name: node.returns
            for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns
        }
        self.scope = _Scope(tree, None, None)

    # scopes
    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        saved, self.scope = self.scope, _Scope(node, self.scope, node.name)
        self.generic_visit(node)
        self.scope = saved

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        saved, self.scope = self.scope, _Scope(node, self.scope, self.scope.cls)
        self.generic_visit(node)
        self.scope = saved

    visit_AsyncFunctionDef = visit_FunctionDef

    # what a name or an expression is
    def _annotation(self, node: ast.expr | None) -> Resolved:
        if node is None:
            return None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            node = ast.parse(node.value, mode="eval").body
        if isinstance(node, ast.BinOp):  # X | None
            return self._annotation(node.left) or self._annotation(node.right)
        if isinstance(node, ast.Subscript):  # Optional[X], QuerySet[X]
            return self._annotation(node.slice)
        name = node.id if isinstance(node, ast.Name) else getattr(node, "attr", None)
        if name in (None, "Any", "None", "object"):
            return None
        return name if name in self.models else NOT_A_MODEL

    def _name(self, name: str, seen: frozenset[str]) -> Resolved:
        if name in self.models:
            return name
        scope: _Scope | None = self.scope
        while scope is not None:
            if name == "self" and scope.cls is not None:
                return scope.cls if scope.cls in self.models else NOT_A_MODEL
            if name in scope.annotations:
                found = self._annotation(scope.annotations[name])
                if found is not None:
                    return found
            for value in scope.bindings.get(name, []):
                found = self.model_of(value, seen | {name})
                if found is not None:
                    return found
            if name in scope.annotations or name in scope.bindings:
                return None
            scope = scope.parent
        return None

    def model_of(self, node: ast.expr, seen: frozenset[str] = frozenset()) -> Resolved:
        if isinstance(node, _PLAIN_VALUES) or (
            isinstance(node, ast.Call) and func_name(node.func) in _PLAIN_CONSTRUCTORS
        ):
            return NOT_A_MODEL
        if isinstance(node, ast.Name):
            return None if node.id in seen else self._name(node.id, seen)
        if isinstance(node, ast.Attribute):
            owner = self.model_of(node.value, seen)
            if node.attr in self.models:  # models.Case
                return node.attr
            if isinstance(owner, str):
                if node.attr in _MANAGERS:
                    return owner
                return self.models[owner].relations.get(node.attr)
            return None
        if isinstance(node, ast.Subscript):
            return self.model_of(node.value, seen)
        if isinstance(node, ast.Await):
            return self.model_of(node.value, seen)
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in (
                "get_object_or_404",
                "aget_object_or_404",
            ):
                return self.model_of(node.args[0], seen) if node.args else None
            if isinstance(func, ast.Name) and func.id in self.returns:
                return self._annotation(self.returns[func.id])
            if isinstance(func, ast.Attribute):  # a queryset's method: its model
                return self.model_of(func.value, seen)
            return self.model_of(func, seen)
        return None

    def _record(self, node: ast.AST, model: Resolved, how: str) -> None:
        self.writes.append(Write(getattr(node, "lineno", 0), model, how))

    # the writes
    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.ctx, ast.Store) and node.attr in STATE_FIELDS:
            self._record(node, self.model_of(node.value), f"assigns .{node.attr}")
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        # obj.__dict__["state"] = ..., vars(obj)["state"] = ...
        if isinstance(node.ctx, ast.Store) and _names_state(node.slice):
            holder = node.value
            if isinstance(holder, ast.Attribute) and holder.attr == "__dict__":
                self._record(node, self.model_of(holder.value), "writes __dict__")
            elif isinstance(holder, ast.Call) and getattr(holder.func, "id", "") == "vars":
                self._record(node, self.model_of(holder.args[0]), "writes vars()")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        self._setattr(node)
        self._keywords(node)
        self.generic_visit(node)

    def _setattr(self, node: ast.Call) -> None:
        func, args = node.func, node.args
        if isinstance(func, ast.Name) and func.id == "setattr" and len(args) >= 2:
            obj, field = args[0], args[1]
        elif isinstance(func, ast.Attribute) and func.attr == "__setattr__":
            if isinstance(func.value, ast.Name) and func.value.id == "object" and len(args) >= 2:
                obj, field = args[0], args[1]
            elif args:
                obj, field = func.value, args[0]
            else:
                return
        else:
            return
        if _names_state(field):
            self._record(node, self.model_of(obj), "setattr")

    def _keywords(self, node: ast.Call) -> None:
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr in _WRITES_BY_KEYWORD:
            model, how = self.model_of(func.value), f".{func.attr}()"
        elif isinstance(func, ast.Attribute) and func.attr in _BULK_UPDATE:
            fields = node.args[1] if len(node.args) > 1 else _keyword(node, "fields")
            if fields is not None and _lists_state(fields):
                self._record(node, self.model_of(func.value), f".{func.attr}()")
            return
        else:
            model, how = self.model_of(func), "constructor"
            if not isinstance(model, str) or not isinstance(func, (ast.Name, ast.Attribute)):
                return
            if func_name(func) != model:
                return
        for keyword in node.keywords:
            if keyword.arg in STATE_FIELDS:
                self._record(node, model, f"{how} {keyword.arg}=")
            elif keyword.arg is None and _maps_state(keyword.value):
                self._record(node, model, f"{how} **mapping")
            elif keyword.arg in _DEFAULTS and _maps_state(keyword.value):
                self._record(node, model, f"{how} {keyword.arg}")

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and _SQL_WRITE.search(node.value):
            self._record(node, None, "raw SQL")


def func_name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def _names_state(node: ast.expr) -> bool:
    """A field name that is a state field, or not written out (a variable may hold one)."""
    if isinstance(node, ast.Constant):
        return node.value in STATE_FIELDS
    return not isinstance(node, ast.JoinedStr)


def _maps_state(node: ast.expr) -> bool:
    """A mapping of field values that has a state field, or whose keys are not written out."""
    if isinstance(node, ast.Dict):
        return any(key is None or _names_state(key) for key in node.keys)
    return not (isinstance(node, ast.Constant) and node.value is None)


def _lists_state(node: ast.expr) -> bool:
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return any(_names_state(element) for element in node.elts)
    return True


def _keyword(node: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in node.keywords if k.arg == name), None)


def state_writes(path: Path, models: dict[str, ModelInfo]) -> list[Write]:
    """Every place in the module that may write a state or status field. A write on an object
    known not to be a model, or a model without such a field, is not one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    finder = _Finder(tree, models)
    finder.visit(tree)
    return [
        write
        for write in finder.writes
        if write.model is None or (isinstance(write.model, str) and models[write.model].has_state)
    ]
