"""Errors of the letters part that more than one module raises. The signing refusals are the
signing part's (signing/errors.py), named here too for the letters' modules."""

from typing import Any

from django.core.exceptions import ValidationError

from autentika.signing.errors import BackendFailure, LetterSigningError

__all__ = ["BackendFailure", "DraftConflict", "LetterSigningError"]


class DraftConflict(ValidationError):
    """A save against a version older than the current one (another tab, another session):
    nothing was stored. `current` is the newer version, `based_on` the number the form had."""

    def __init__(self, message: str, *, current: Any, based_on: int) -> None:
        super().__init__(message)
        self.current = current
        self.based_on = based_on
