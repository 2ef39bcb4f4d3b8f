from django.apps import AppConfig


class ResultsConfig(AppConfig):
    name = "autentika.results"
    label = "results"
    verbose_name = "Arsip hasil pemilu"
