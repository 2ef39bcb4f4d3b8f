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


class StyledFormMixin:
    """Bootstrap classes on every widget, so templates stay plain."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
