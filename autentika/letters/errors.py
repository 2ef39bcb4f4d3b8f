"""Errors of the letters part that more than one module raises."""

from typing import Any

from django.core.exceptions import ValidationError


class LetterSigningError(ValidationError):
    """Signing was refused or failed; nothing was consumed. The message says why."""


class BackendFailure(LetterSigningError):
    """A signing backend refused or failed. `audit` carries what the provider answered (its raw
    code and message, whether it may have signed), recorded with the failed attempt."""

    def __init__(self, message: str, *, audit: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.audit: dict[str, Any] = audit or {}


class DraftConflict(ValidationError):
    """A save against a version older than the current one (another tab, another session):
    nothing was stored. `current` is the newer version, `based_on` the number the form had."""

    def __init__(self, message: str, *, current: Any, based_on: int) -> None:
        super().__init__(message)
        self.current = current
        self.based_on = based_on
