"""What any text typed into a form may hold (issue #27): a positive rule. A character is
allowed when it is visible (a letter, mark, number, punctuation or symbol), an ordinary space,
or a tab or line break; every other character is refused, named by its Unicode name: control
characters, bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069, which turn
"rdp.exe" into what reads as "exe.pdr"), zero-width and other format characters, line and
paragraph separators, private-use and unassigned code points.

`text_hygiene_install` makes every Django form CharField check `text_validator` (the admin and
Django's own forms included) from start-up, so no form can forget it. The letter's text has a
narrower rule of its own (`text_rules.py`), results files theirs (`results/importing.py`)."""

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError

ALLOWED_CATEGORIES = ("L", "M", "N", "P", "S", "Zs")
ALLOWED_WHITESPACE = frozenset("\t\n\r")


def character_allowed(char: str) -> bool:
    return char in ALLOWED_WHITESPACE or unicodedata.category(char).startswith(ALLOWED_CATEGORIES)


def character_name(char: str) -> str:
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code} {name}" if name else code


def text_problem(text: str) -> str | None:
    """The first character outside the rule, named, or None."""
    for char in text:
        if not character_allowed(char):
            return character_name(char)
    return None


def text_validator(value: Any) -> None:
    if not isinstance(value, str):
        return
    if problem := text_problem(value):
        raise ValidationError(
            f"Teks memuat karakter yang tidak diizinkan ({problem}): karakter kendali, pembalik "
            "arah teks atau karakter tak terlihat. Hapus karakter itu lalu kirim lagi.",
            code="text_hygiene",
        )


def text_hygiene_install() -> None:
    """Every form CharField and subclass checks the rule after its own validators: wrapped on
    the class, so fields created before start-up (Django's own forms) follow it too."""
    from django import forms

    if getattr(forms.CharField, "text_hygiene", False):
        return
    own_validators = forms.CharField.run_validators

    def run_validators(self: forms.CharField, value: Any) -> None:
        own_validators(self, value)  # Django's own first (its NUL message among them)
        if value not in self.empty_values:
            text_validator(value)

    forms.CharField.run_validators = run_validators  # type: ignore[method-assign,assignment]
    forms.CharField.text_hygiene = True  # type: ignore[attr-defined]


# The characters that reorder how text is displayed (Unicode's bidirectional formatting
# characters and marks).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def bidi_controls_removed(text: str) -> str:
    """Text stored before the rule, for output that must not carry them (exports): the
    bidirectional formatting characters dropped, everything else kept."""
    return "".join(char for char in text if char not in BIDI_CONTROLS)
