"""Any text typed into a form holds only visible characters, ordinary spaces, tabs and line
breaks. Control characters, bidirectional overrides and isolates, zero-width and other invisible
format characters, line and paragraph separators, private-use and unassigned code points are
refused, and the refusal names the character. Every form's text fields follow the rule."""

import pytest
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from autentika.core.text_hygiene import text_problem

ALLOWED = [
    "Permohonan data perolehan suara DPD Partai Golkar Sumatera Utara",
    "Nurhaliza Siregar, S.H., M.Kn. — Kepala Biro",  # punctuation and an em dash
    "Baris satu\nBaris dua\r\nBaris tiga\tdengan tab",
    "Café Ümraniye Łódź",  # accented letters
    "Rp 1.000.000,00 (satu juta rupiah) © KPU ★",
    "angka\u00a0dan\u2009spasi",  # no-break and thin space: spaces
    "ثلاثة 三",  # other scripts are letters
]

REFUSED = {
    "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE",
    "\u202d": "U+202D LEFT-TO-RIGHT OVERRIDE",
    "\u202b": "U+202B RIGHT-TO-LEFT EMBEDDING",
    "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE",
    "\u2067": "U+2067 RIGHT-TO-LEFT ISOLATE",
    "\u2069": "U+2069 POP DIRECTIONAL ISOLATE",
    "\u200f": "U+200F RIGHT-TO-LEFT MARK",
    "\u061c": "U+061C ARABIC LETTER MARK",
    "\u200b": "U+200B ZERO WIDTH SPACE",
    "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    "\u00ad": "U+00AD SOFT HYPHEN",
    "\u0007": "U+0007",
    "\u001b": "U+001B",
    "\u007f": "U+007F",
    "\u0085": "U+0085",
    "\u2028": "U+2028 LINE SEPARATOR",
    "\u2029": "U+2029 PARAGRAPH SEPARATOR",
    "\ue000": "U+E000",
    "\U000f0000": "U+F0000",
}


@pytest.mark.parametrize("text", ALLOWED)
def test_visible_text_spaces_tabs_and_line_breaks_are_allowed(text):
    assert text_problem(text) is None


@pytest.mark.parametrize("char", sorted(REFUSED))
def test_each_hidden_or_controlling_character_is_refused_by_name(char):
    assert text_problem(f"surat{char}fdp.exe") == REFUSED[char]


class _Form(forms.Form):
    subject = forms.CharField()
    note = forms.CharField(widget=forms.Textarea, required=False)


def test_every_form_text_field_follows_the_rule():
    form = _Form(data={"subject": "Surat\u202efdp.exe", "note": "ok"})
    assert not form.is_valid()
    (message,) = form.errors["subject"]
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in message
    assert "karakter yang tidak diizinkan" in message
    assert _Form(data={"subject": "Surat", "note": "Baris\nbaris"}).is_valid()


@pytest.mark.django_db
def test_django_forms_follow_it_too(rf):
    form = AuthenticationForm(rf.get("/"), data={"username": "tu\u2066", "password": "x"})
    assert not form.is_valid()
    assert "U+2066" in str(form.errors["username"])
