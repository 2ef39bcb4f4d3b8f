"""Pages of the second factor: the code step after the password, enrolment (QR code and
secret, confirmed with a first code), recovery codes and the settings page."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from autentika.organization import second_factor as sf


class CodeForm(forms.Form):
    token = forms.CharField(
        label="Kode verifikasi",
        max_length=32,
        error_messages={"required": "Masukkan kode verifikasi."},
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


@never_cache
@sensitive_post_parameters("token")
@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """After the password: the code of the authenticator app, or one recovery code."""
    if sf.session_verified(request.user) or not sf.second_factor_enabled(request.user):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        refusal = sf.code_verify(request=request, token=form.cleaned_data["token"])
        if refusal is None:
            return redirect(_next_url(request))
        if sf.code_lockout_remaining(user=request.user):
            logout(request)
            return render(request, "account/otp_locked.html", {"message": refusal}, status=429)
        form.add_error(None, refusal)
    return render(request, "account/otp_verify.html", {"form": form, "next": _next_url(request)})


@never_cache
@sensitive_post_parameters("token")
@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrolment: the QR code and the secret of a new app, confirmed with its first code. A
    user who already has an app must have entered its code this session (the middleware)."""
    if sf.second_factor_enabled(request.user) and not sf.session_verified(request.user):
        return redirect("otp_verify")
    device = sf.totp_enrolment_start(user=request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = sf.totp_enrolment_confirm(
            request=request, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            messages.success(request, "Verifikasi dua langkah aktif.")
            return render(request, "account/otp_recovery_codes.html", {"codes": codes})
        form.add_error(
            "token",
            "Kode tidak cocok. Pastikan jam ponsel tepat dan masukkan kode 6 angka terbaru.",
        )
    return render(
        request,
        "account/otp_setup.html",
        {
            "form": form,
            "qr_svg": sf.totp_qr_svg(device),
            "secret": sf.totp_secret(device),
            "required": sf.second_factor_required(request.user),
            "required_reason": sf.required_reason(user=request.user),
        },
    )


@never_cache
@login_required
def otp_settings(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "account/otp_settings.html",
        {
            "enabled": sf.second_factor_enabled(request.user),
            "required": sf.second_factor_required(request.user),
            "codes_left": sf.recovery_codes_left(request.user),
        },
    )


@never_cache
@require_POST
@login_required
def otp_recovery_codes(request: HttpRequest) -> HttpResponse:
    """New recovery codes (the old ones stop working), shown once."""
    if not sf.second_factor_enabled(request.user):
        return redirect("otp_settings")
    codes = sf.recovery_codes_create(user=request.user)
    return render(request, "account/otp_recovery_codes.html", {"codes": codes})


@require_POST
@login_required
def otp_disable(request: HttpRequest) -> HttpResponse:
    if reason := sf.required_reason(user=request.user):
        messages.error(request, f"Tidak dapat dinonaktifkan. {reason}")
    else:
        sf.second_factor_disable(request=request, user=request.user)
        messages.success(request, "Verifikasi dua langkah dinonaktifkan.")
    return redirect("otp_settings")
