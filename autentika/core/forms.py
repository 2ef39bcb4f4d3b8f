from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil. "
            "Setelah beberapa kali gagal, akun dikunci sementara."
        ),
        "inactive": "Akun ini tidak aktif. Hubungi administrator kantor.",
    }


INVALID_CHOICE = "Pilihan tidak sah: pilih salah satu yang tersedia."


class StyledFormMixin:
    """Bootstrap classes on every widget, so templates stay plain."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            # Django's Indonesian catalogue leaves "Select a valid choice" untranslated.
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                field.error_messages["invalid_choice"] = INVALID_CHOICE
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.error_messages["invalid_choice"] = INVALID_CHOICE
                field.error_messages["invalid_pk_value"] = INVALID_CHOICE
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue  # each box is drawn by cases/_form_field.html
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")

    def full_clean(self) -> None:
        """Mark the fields in error, so the page shows each message at its field."""
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                classes = widget.attrs.get("class", "")
                if "is-invalid" not in classes:
                    widget.attrs["class"] = f"{classes} is-invalid".strip()


def form_errors_add(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal shown on the form: at the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
