"""The seams checked at start-up (every `manage.py` command, the server): each `Condition` the
permission table names has its evaluator (`access.register_condition`), each book and audit
listener named in `core/registry.py` is registered. A missing one is an error before the first
request, not a KeyError on a live one."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.checks import Error, register

from autentika.core import registry
from autentika.core.permissions import PERMISSIONS, Action, Rule


def seam_problems(
    *,
    permissions: Mapping[Action, Rule],
    conditions: Iterable[Any],
    books_named: Iterable[str],
    books: Iterable[str],
    listeners_named: Iterable[str],
    listeners: Iterable[str],
) -> list[Error]:
    """What the tables name and nothing registered: conditions, books, audit listeners."""
    problems: list[Error] = []
    evaluated = set(conditions)
    for action, rule in permissions.items():
        if rule.condition is not None and rule.condition not in evaluated:
            problems.append(
                Error(
                    f"The permission rule {action} names the condition {rule.condition}, "
                    "which no part evaluates.",
                    hint="Register it with organization.access.register_condition in the "
                    "AppConfig.ready of the part that knows the object.",
                    id="autentika.E010",
                )
            )
    for name in sorted(set(books_named) - set(books)):
        problems.append(
            Error(
                f"The book {name!r} is named in core/registry.py but not registered.",
                hint="Call core.registry.register_book from its part's AppConfig.ready.",
                id="autentika.E011",
            )
        )
    for name in sorted(set(listeners_named) - set(listeners)):
        problems.append(
            Error(
                f"The audit listener {name} is named in core/registry.py but not registered.",
                hint="Call core.registry.register_audit_listener from its part's AppConfig.ready.",
                id="autentika.E012",
            )
        )
    return problems


@register("seams")
def seams_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from autentika.organization.access import registered_conditions

    return seam_problems(
        permissions=PERMISSIONS,
        conditions=registered_conditions(),
        books_named=registry.BOOKS_NAMED,
        books=registry.books(),
        listeners_named=registry.AUDIT_LISTENERS_NAMED,
        listeners=[registry.listener_name(listener) for listener in registry.audit_listeners()],
    )
