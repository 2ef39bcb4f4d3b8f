from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil. "
            "Setelah beberapa kali gagal, akun dikunci sementara."
        ),
        "inactive": "Akun ini tidak aktif. Hubungi administrator kantor.",
    }
