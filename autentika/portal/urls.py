from django.urls import URLPattern, URLResolver, path

from autentika.portal import file_views, submission_views, views

app_name = "portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("layanan/", views.about, name="about"),
    path("", views.home, name="home"),
    path("permohonan/baru/", submission_views.submission_create, name="submit"),
    path("permohonan/<int:pk>/", views.case_detail, name="case"),
    path("pengajuan/<int:pk>/", views.submission_detail, name="submission"),
    path(
        "pengajuan/<int:pk>/pindaian/",
        file_views.submission_scan_preview,
        name="submission_scan_preview",
    ),
    path("surat/<int:pk>/unduh/", file_views.letter_download, name="download"),
    path("surat/<int:pk>/pratinjau/", file_views.letter_preview, name="letter_preview"),
    path("surat/<int:pk>/terima/", file_views.letter_receive, name="receive"),
    path("token/", views.tokens, name="tokens"),
    path("tu/antrian/", views.queue, name="queue"),
    path("tu/antrian/<int:pk>/", views.queue_detail, name="queue_detail"),
    path("tu/antrian/<int:pk>/tolak/", views.queue_reject, name="queue_reject"),
    path("tu/antrian/<int:pk>/pindaian/", file_views.queue_scan, name="queue_scan"),
    path(
        "tu/antrian/<int:pk>/pindaian/pratinjau/",
        file_views.queue_scan_preview,
        name="queue_scan_preview",
    ),
    path("tu/akun/", views.accounts, name="accounts"),
    path("tu/akun/<int:pk>/nonaktifkan/", views.account_deactivate, name="account_deactivate"),
]
