from django.urls import path

from autentika.organization import calendar_views
from autentika.organization import settings_views as views

app_name = "organization"

urlpatterns = [
    path("pengaturan/", views.settings_current, name="settings_current"),
    path("<slug:code>/pengaturan/", views.settings_page, name="settings"),
    path("<slug:code>/pengaturan/profil/", views.profile_change, name="profile"),
    path("<slug:code>/pengaturan/logo/", views.logo_change, name="logo"),
    path("<slug:code>/pengaturan/logo/hapus/", views.logo_remove, name="logo_remove"),
    path("<slug:code>/pengaturan/jabatan/", views.position_create, name="position_create"),
    path("<slug:code>/pengaturan/jabatan/<int:pk>/", views.position_change, name="position"),
    path("<slug:code>/pengaturan/penugasan/", views.assignment_create, name="assignment_create"),
    path("<slug:code>/pengaturan/penugasan/<int:pk>/", views.assignment_change, name="assignment"),
    path("<slug:code>/pengaturan/alur/<str:purpose>/", views.chain_change, name="chain"),
    path("<slug:code>/pengaturan/kalender/", calendar_views.calendar_page, name="calendar"),
    path("<slug:code>/pengaturan/kalender/jam/", calendar_views.hours_change, name="hours"),
    path("<slug:code>/pengaturan/kalender/tutup/", calendar_views.closure_add, name="closure_add"),
    path(
        "<slug:code>/pengaturan/kalender/tutup/<int:pk>/hapus/",
        calendar_views.closure_remove,
        name="closure_remove",
    ),
]
