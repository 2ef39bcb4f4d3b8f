from django.urls import path

from autentika.letters import draft_views, outgoing_views, views

app_name = "letters"

urlpatterns = [
    path("permohonan/<int:case_pk>/konsep/", views.draft_start, name="start"),
    path("konsep/<int:pk>/", draft_views.draft_view, name="draft"),
    path("konsep/<int:pk>/pratinjau/", draft_views.draft_preview, name="preview"),
    path("konsep/<int:pk>/versi/<int:number>.pdf", views.version_pdf, name="version_pdf"),
    path(
        "konsep/<int:pk>/versi/<int:number>/halaman-<int:page>.png",
        views.version_page,
        name="version_page",
    ),
    path(
        "konsep/<int:pk>/belum-tersimpan/buang/",
        draft_views.unsaved_discard,
        name="unsaved_discard",
    ),
    path("konsep/<int:pk>/sesi/", draft_views.session_keepalive, name="keepalive"),
    path("konsep/<int:pk>/ajukan/", draft_views.draft_submit, name="submit"),
    path("konsep/<int:pk>/paraf/", draft_views.draft_approve, name="approve"),
    path("konsep/<int:pk>/kembalikan/", draft_views.draft_return, name="return"),
    path("konsep/<int:pk>/tandatangani/", views.draft_sign, name="sign"),
    path("surat/<int:pk>.pdf", views.letter_pdf, name="letter_pdf"),
    path("surat/<int:pk>/pratinjau.pdf", views.letter_preview, name="letter_preview"),
    path("surat/<int:pk>/arsip.pdf", views.letter_archive_pdf, name="letter_archive_pdf"),
    path("surat-keluar/", outgoing_views.outgoing_list, name="outgoing"),
    path("surat-keluar/buku.<str:fmt>", outgoing_views.outgoing_export, name="outgoing_export"),
]
