"""The text rule of every form (`core/text_hygiene.py`: visible characters, spaces, tabs and
line breaks only) for what the API is sent (issue #27): path, query and form parameters typed
`Text`, JSON bodies as schemas derived from `InputSchema` (every string in them, nested ones
included). A refused value answers 422 with an Indonesian message naming the field and the
character (`validation_error_text`). `tests/api/test_api_text.py` walks every operation and
fails when a text input is not under the rule."""

from typing import Annotated, Any

from ninja import Schema
from pydantic import AfterValidator, field_validator
from pydantic_core import PydanticCustomError

from autentika.core.text_hygiene import text_problem

TEXT_HYGIENE = "text_hygiene"


def text_checked(value: Any) -> Any:
    """Every string in `value` (lists and dicts walked) within the rule, else a pydantic error
    carrying the character's name."""
    if isinstance(value, str):
        if problem := text_problem(value):
            raise PydanticCustomError(
                TEXT_HYGIENE, "karakter tidak diizinkan: {character}", {"character": problem}
            )
    elif isinstance(value, list | tuple | set):
        for item in value:
            text_checked(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            text_checked(key)
            text_checked(item)
    return value


# A text parameter of an operation (path, query, form).
Text = Annotated[str, AfterValidator(text_checked)]


class InputSchema(Schema):
    """The base of every schema the API reads from a request body."""

    @field_validator("*", mode="after")
    @classmethod
    def _text_rule(cls, value: Any) -> Any:
        return text_checked(value)


def field_name(location: list[Any]) -> str:
    """The field a pydantic error location names (its last name, not a list index)."""
    names = [str(part) for part in location if isinstance(part, str)]
    return names[-1] if names else "?"


def validation_error_text(error: dict[str, Any]) -> str | None:
    """The Indonesian message of a refused text value, naming the field, or None for other
    errors."""
    if error.get("type") != TEXT_HYGIENE:
        return None
    character = (error.get("ctx") or {}).get("character", "?")
    return (
        f"Kolom {field_name(list(error.get('loc', [])))} memuat karakter yang tidak diizinkan "
        f"({character}): karakter kendali, pembalik arah teks atau karakter tak terlihat. Hapus "
        "karakter itu lalu kirim lagi."
    )
