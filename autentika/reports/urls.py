from django.urls import URLPattern, URLResolver, path

from autentika.reports import target_views, views

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.report_view, name="report"),
    path("laporan.<str:fmt>", views.report_export, name="export"),
    path("dasbor/", views.dashboard, name="dashboard"),
    path("target/<slug:code>/", target_views.targets_page, name="targets"),
]
