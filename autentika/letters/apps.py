from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "autentika.letters"
    label = "letters"
    verbose_name = "Surat balasan"
