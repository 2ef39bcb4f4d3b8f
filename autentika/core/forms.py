from django import forms
from django.contrib.auth.forms import AuthenticationForm


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
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
