"""What is checked at start-up (every `manage.py` command, the server).

The seams: each `Condition` the permission table names has its evaluator
(`access.register_condition`, E010), each `Requirement` a transition table names has its
evaluator (`core.workflow.register_requirement`, E013), each book and audit listener named in
`core/registry.py` is registered (E011, E012). A missing one is an error before the first
request, not a KeyError on a live one.
The second factor's exemptions name duties that exist and need one."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from autentika.core import registry
from autentika.core.permissions import PERMISSIONS, Action, Duty, Rule, second_factor_duties
from autentika.core.workflow import Transition, registered_requirements, workflows


def seam_problems(
    *,
    permissions: Mapping[Action, Rule],
    conditions: Iterable[Any],
    books_named: Iterable[str],
    books: Iterable[str],
    listeners_named: Iterable[str],
    listeners: Iterable[str],
    transitions: Iterable[Transition] = (),
    requirements: Iterable[Any] = (),
) -> list[Error]:
    """What the tables name and nothing registered: conditions, requirements, books, audit
    listeners."""
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
    ready = set(requirements)
    for transition in transitions:
        for requirement in transition.requires:
            if requirement not in ready:
                problems.append(
                    Error(
                        f"The step {transition.step} requires {requirement}, which no part "
                        "evaluates.",
                        hint="Register it with core.workflow.register_requirement in the "
                        "AppConfig.ready of the part that knows the object.",
                        id="autentika.E013",
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
        transitions=[t for flow in workflows() for t in flow.transitions.values()],
        requirements=registered_requirements(),
    )


@register(Tags.security)
def second_factor_exemptions_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """AUTENTIKA_OTP_EXEMPT_DUTIES names duties by code; a misspelt one would exempt nothing
    while the operator believes it does (or the reverse after a rename), so it stops the start."""
    exempt = list(settings.AUTENTIKA_OTP_EXEMPT_DUTIES)
    needing = {duty.value for duty in second_factor_duties()}
    unknown = [code for code in exempt if code not in needing]
    if not unknown:
        return []
    return [
        Error(
            f"AUTENTIKA_OTP_EXEMPT_DUTIES names {', '.join(unknown)}, not a duty that needs a "
            "second factor.",
            hint="Use the codes of " + ", ".join(sorted(needing)) + f" (all duties: "
            f"{', '.join(duty.value for duty in Duty)}).",
            id="autentika.E009",
        )
    ]
