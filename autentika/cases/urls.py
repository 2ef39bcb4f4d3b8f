from django.urls import path

from autentika.cases import deadline_views, registration_views, views

app_name = "cases"

urlpatterns = [
    path("kotak-masuk/", views.inbox_view, name="inbox"),
    path("permohonan/", views.register_view, name="register"),
    path("permohonan/buku.<str:fmt>", views.register_export, name="register_export"),
    path("permohonan/baru/", registration_views.register_create, name="create"),
    path("permohonan/<int:pk>/", views.case_detail, name="detail"),
    path("permohonan/<int:pk>/disposisi/", views.case_dispose_view, name="dispose"),
    path(
        "permohonan/<int:pk>/disposisi/<int:disposition_pk>/tarik/",
        views.disposition_withdraw_view,
        name="withdraw",
    ),
    path("permohonan/<int:pk>/tugaskan/", views.case_assign_view, name="assign"),
    path("permohonan/<int:pk>/perpanjang/", deadline_views.case_extend_view, name="extend"),
    path("permohonan/<int:pk>/periksa-kelengkapan/", views.case_recheck_view, name="recheck"),
    path("permohonan/<int:pk>/berkas/<int:document_pk>/", views.document_download, name="document"),
    path(
        "permohonan/<int:pk>/berkas/<int:document_pk>/pratinjau/",
        views.document_preview,
        name="document_preview",
    ),
    path("permohonan/<int:pk>/lembar-disposisi.pdf", views.disposition_sheet, name="sheet"),
    path("permohonan/<int:pk>/tanda-terima.pdf", views.intake_receipt, name="intake_receipt"),
]
