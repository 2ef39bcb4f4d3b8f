"""Every file input tells the user its limits before they choose a file."""

import re

import pytest
from django import forms

from autentika.cases.forms import RegisterForm
from autentika.handover.forms import ScanForm
from autentika.organization.settings_forms import OfficeLogoForm
from autentika.portal.forms import SubmissionForm
from autentika.results.forms import UploadForm
from autentika.verification.forms import FileCheckForm

FORMS = [RegisterForm, ScanForm, SubmissionForm, UploadForm, FileCheckForm, OfficeLogoForm]


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f.__name__)
def test_each_file_field_names_its_size_limit(form_class):
    fields = form_class.base_fields
    file_fields = {n: f for n, f in fields.items() if isinstance(f, forms.FileField)}
    assert file_fields, f"{form_class.__name__} has no file input"
    for name, field in file_fields.items():
        assert re.search(r"paling besar \d+ MB", str(field.help_text), re.IGNORECASE), name


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f.__name__)
def test_each_file_field_names_its_types_and_how_many_files(form_class):
    """Accepted types, largest size and how many files: all three, before a file is chosen."""
    for name, field in form_class.base_fields.items():
        if not isinstance(field, forms.FileField):
            continue
        text = str(field.help_text)
        assert re.search(r"\b(PDF|CSV|XLSX|PNG)\b", text), name
        assert re.search(r"satu berkas|paling banyak \d+ berkas", text), name


def test_the_receipt_scan_input_on_the_case_page_names_its_limits():
    from django.template.loader import get_template

    source = get_template("handover/_case_panel.html").template.source
    assert "panel.scan_form.scan.help_text" in source and 'accept="' in source
