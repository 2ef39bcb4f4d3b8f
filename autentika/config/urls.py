from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from autentika.core.forms import LoginForm
from autentika.organization import views as office_views

admin.site.site_header = "Autentika — Administrasi"
admin.site.site_title = "Autentika"

urlpatterns = [
    path("", office_views.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("hasil/", include("autentika.results.urls")),
    path("serah-terima/", include("autentika.handover.urls")),
    path("laporan/", include("autentika.reports.urls")),
    path("notifikasi/", include("autentika.notifications.urls")),
    path("verifikasi/", include("autentika.verification.urls")),
    path("portal/", include("autentika.portal.urls")),
    path("api/v1/", include("autentika.api.urls")),
    path("", include("autentika.cases.urls")),
    path("", include("autentika.letters.urls")),
]

# Error answers (core/errors.py): static 500/503 pages, JSON under /api/.
handler403 = "autentika.core.errors.permission_denied"
handler404 = "autentika.core.errors.page_not_found"
handler500 = "autentika.core.errors.server_error"
