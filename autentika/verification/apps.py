from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "autentika.verification"
    label = "verification"
    verbose_name = "Verifikasi publik"
