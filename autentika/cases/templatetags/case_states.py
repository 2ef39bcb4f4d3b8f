from django import template

from autentika.cases.models import CaseState

register = template.Library()


@register.filter
def case_state(value: str) -> str:
    """The Indonesian label of a case state code, as audit events record them."""
    try:
        return str(CaseState(value).label)
    except ValueError:
        return value
