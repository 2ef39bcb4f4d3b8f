"""Refusals of signing that more than one module raises."""

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
