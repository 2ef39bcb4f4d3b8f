from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from autentika.core.forms import LoginForm
from autentika.core.password_reset import ThrottledPasswordResetView
from autentika.organization import second_factor_views as otp_views
from autentika.organization import views as office_views

admin.site.site_header = "Autentika — Administrasi"
admin.site.site_title = "Autentika"

urlpatterns = [
    path("", office_views.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    # second factor (organization/second_factor.py): the code step after the password, and
    # the user's own settings (enrol, recovery codes)
    path("masuk/kode/", otp_views.otp_verify, name="otp_verify"),
    path("akun/dua-langkah/", otp_views.otp_settings, name="otp_settings"),
    path("akun/dua-langkah/aktifkan/", otp_views.otp_setup, name="otp_setup"),
    path(
        "akun/dua-langkah/kode-pemulihan/",
        otp_views.otp_recovery_codes,
        name="otp_recovery_codes",
    ),
    path("akun/dua-langkah/nonaktifkan/", otp_views.otp_disable, name="otp_disable"),
    # password change (signed in) and reset by e-mail: Django's views, Indonesian templates
    # (core/templates/account/: the admin's registration/ templates come first)
    path(
        "akun/kata-sandi/",
        auth_views.PasswordChangeView.as_view(template_name="account/password_change_form.html"),
        name="password_change",
    ),
    path(
        "akun/kata-sandi/selesai/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="account/password_change_done.html"
        ),
        name="password_change_done",
    ),
    path(
        "masuk/lupa/",
        ThrottledPasswordResetView.as_view(
            template_name="account/password_reset_form.html",
            email_template_name="account/password_reset_email.html",
            subject_template_name="account/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "masuk/lupa/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="account/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "masuk/atur/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="account/password_reset_confirm.html"
        ),
        name="password_reset_confirm",
    ),
    path(
        "masuk/atur/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="account/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("kantor/", include("autentika.organization.urls")),
    path("hasil/", include("autentika.results.urls")),
    path("serah-terima/", include("autentika.handover.urls")),
    path("laporan/", include("autentika.reports.urls")),
    path("notifikasi/", include("autentika.notifications.urls")),
    path("verifikasi/", include("autentika.verification.urls")),
    path("portal/", include("autentika.portal.urls")),
    path("api/v1/", include("autentika.api.urls")),
    # /sehat/ and /metrics (operations/): health for monitors, Prometheus for allowed networks
    path("", include("autentika.operations.urls")),
    path("", include("autentika.cases.urls")),
    path("", include("autentika.letters.urls")),
    path("", include("autentika.bulk.urls")),
]

# Error answers (core/errors.py): static 400/413/500/503 pages, JSON under /api/.
handler400 = "autentika.core.errors.bad_request"
handler403 = "autentika.core.errors.permission_denied"
handler404 = "autentika.core.errors.page_not_found"
handler500 = "autentika.core.errors.server_error"
