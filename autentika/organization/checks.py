"""What is checked at start-up (every `manage.py` command, the server).

The seams: every action has its rule in the permission table and each `Condition` a rule names
has its evaluator (`access.register_condition`); the transition tables name actions, so this
covers their permissions too (E010). Each `Requirement` a transition table names has its
evaluator (`core.workflow.register_requirement`, E013). Each book and audit listener named in
`core/registry.py` is registered (E011, E012), each listener runs at the moment the table
names, one of `ListenerWhen` (E014), and no listener runs unnamed (E015). A missing one is an
error before the first request, not a KeyError on a live one.
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
    listeners_named: Mapping[str, str],
    listeners: Iterable[registry.AuditListener],
    transitions: Iterable[Transition] = (),
    requirements: Iterable[Any] = (),
    actions: Iterable[Action] = (),
) -> list[Error]:
    """What the tables name and nothing registered: rules, conditions, requirements, books,
    audit listeners."""
    problems: list[Error] = [
        Error(
            f"The action {action} has no rule in the permission table.",
            hint="Add its Rule to core.permissions.PERMISSIONS.",
            id="autentika.E010",
        )
        for action in actions
        if action not in permissions
    ]
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
    return problems + listener_problems(named=listeners_named, registered=listeners)


def listener_problems(
    *, named: Mapping[str, str], registered: Iterable[registry.AuditListener]
) -> list[Error]:
    """The audit listeners the table names against those registered, with when each runs."""
    problems: list[Error] = []
    found = {listener.name: listener for listener in registered}
    moments = {when.value for when in registry.ListenerWhen}
    for name in sorted(set(named) - set(found)):
        problems.append(
            Error(
                f"The audit listener {name} is named in core/registry.py but not registered.",
                hint="Call core.registry.register_audit_listener from its part's AppConfig.ready.",
                id="autentika.E012",
            )
        )
    for name, listener in sorted(found.items()):
        if name not in named:
            problems.append(
                Error(
                    f"The audit listener {name} is registered but not named in "
                    "core/registry.py AUDIT_LISTENERS_NAMED.",
                    hint="Name it there with when it runs, so the table says every listener "
                    "that can roll a step back.",
                    id="autentika.E015",
                )
            )
        elif listener.when not in moments or listener.when != named[name]:
            problems.append(
                Error(
                    f"The audit listener {name} is registered to run at {listener.when!r}; "
                    f"core/registry.py names {str(named[name])!r}, and it must be one of "
                    f"{', '.join(sorted(moments))}.",
                    hint="A read model that must agree with the log runs in the transaction; "
                    "notices, e-mail, caches and reports on commit.",
                    id="autentika.E014",
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
        listeners=registry.audit_listeners(),
        transitions=[t for flow in workflows() for t in flow.transitions.values()],
        requirements=registered_requirements(),
        actions=list(Action),
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
