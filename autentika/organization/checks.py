"""System checks of the organization part's settings (checked at every start)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

from autentika.core.permissions import Duty, second_factor_duties


@register(Tags.security)
def second_factor_exemptions_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """AUTENTIKA_OTP_EXEMPT_DUTIES names duties by code; a misspelt one would exempt nothing
    while the operator believes it does (or the reverse after a rename), so it stops the start."""
    exempt = list(getattr(settings, "AUTENTIKA_OTP_EXEMPT_DUTIES", []))
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
