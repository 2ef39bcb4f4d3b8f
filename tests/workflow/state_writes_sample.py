"""Samples for the state guard (tests/workflow/test_only_the_workflow_moves_states.py): one way
of writing a case's or a letter's state on each line marked `# way:`, and reads the guard must
not take for writes. Never run, never imported (not a test module, outside autentika/): only
read as text."""

from typing import Any

from django.db import connection
from django.http import HttpResponse

from autentika.cases.models import Case, CaseState
from autentika.letters.models import Draft, LetterStatus, SignedLetter
from autentika.organization.models import Office

SIGNED = CaseState.SIGNED


def ways_of_writing(case: Case, letter: SignedLetter, draft: Draft, field: str, office: Office):  # type: ignore[no-untyped-def]
    case.state = SIGNED  # way: assignment
    letter.status += ""  # way: augmented assignment
    case.state, note = SIGNED, "tuple"  # way: tuple assignment
    [note, case.state] = ["list", SIGNED]  # way: list assignment
    for case.state in [SIGNED]:  # way: loop target
        pass
    draft.case.state = SIGNED  # way: through a relation
    setattr(case, "state", SIGNED)  # noqa: B010  # way: setattr by name
    setattr(case, field, SIGNED)  # way: setattr with a variable
    object.__setattr__(letter, "status", LetterStatus.REVOKED)  # way: object.__setattr__
    case.__setattr__(field, SIGNED)  # way: __setattr__ with a variable
    case.__dict__["state"] = SIGNED  # way: __dict__
    Case.objects.filter(pk=case.pk).update(state=SIGNED)  # way: queryset update
    office.cases.update(state=SIGNED)  # way: related manager update
    Case.objects.create(office=office, state=SIGNED)  # way: create
    Case(office=office, state=SIGNED)  # way: constructor
    SignedLetter(status=LetterStatus.REVOKED)  # way: letter constructor
    Case.objects.get_or_create(pk=1, defaults={"state": SIGNED})  # way: get_or_create defaults
    Case.objects.update_or_create(pk=1, create_defaults={"state": SIGNED})  # way: update_or_create
    Case.objects.update(**{"state": SIGNED})  # way: keywords from a mapping
    Case.objects.update(**{field: SIGNED})  # way: keywords from a mapping with a variable key
    Case.objects.bulk_update([case], ["state"])  # way: bulk_update
    Case.objects.bulk_update([case], fields=[field])  # way: bulk_update with a variable field
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET state = %s", [SIGNED])  # way: raw SQL
    return note


def a_variable_of_a_case(pk: int, values: dict[str, Any]) -> None:
    case = Case.objects.select_for_update().get(pk=pk)
    case.state = SIGNED  # way: a name bound to a queryset's object
    found, _ = Case.objects.get_or_create(pk=pk)
    found.state = SIGNED  # way: the first of a tuple
    for each in Case.objects.filter(office_id=1):
        each.state = SIGNED  # way: a loop over a queryset
    Case.objects.filter(pk=pk).update(**values)  # way: keywords from a mapping variable


async def asynchronous(pk: int) -> None:
    await Case.objects.filter(pk=pk).aupdate(state=SIGNED)  # way: async update


def an_object_of_no_known_kind(thing: Any) -> None:
    thing.state = SIGNED  # way: an object whose kind the code does not say


def reads_and_other_fields(case: Case, office: Office) -> HttpResponse:
    """None of these writes a state."""
    waiting = Case.objects.filter(state=CaseState.SIGNING).exclude(state=SIGNED)
    assert case.state == SIGNED or waiting.exists()
    setattr(office, "name", "KPU")  # noqa: B010
    Office.objects.filter(pk=office.pk).update(name="KPU")
    office.cases.filter(state=SIGNED).update(letter_number="1")
    response = HttpResponse(status=404)
    response.status_code = 410
    return response
