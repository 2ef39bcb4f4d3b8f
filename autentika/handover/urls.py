from django.urls import URLPattern, URLResolver, path

from autentika.handover import views

app_name = "handover"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.receipt_list, name="list"),
    path("buku.<str:fmt>", views.receipt_book_export, name="export"),
    path("permohonan/<int:case_pk>/serahkan/", views.handover_create, name="create"),
    path("permohonan/<int:case_pk>/berkas.zip", views.case_file_download, name="case_file"),
    path("tanda-terima/<int:pk>.pdf", views.receipt_download, name="receipt"),
    path("tanda-terima/<int:pk>/pindaian/", views.receipt_scan_upload, name="scan_upload"),
    path("tanda-terima/<int:pk>/pindaian/lihat/", views.receipt_scan_download, name="scan"),
]
