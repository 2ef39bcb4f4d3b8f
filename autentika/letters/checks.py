"""System checks that keep production from issuing letters no one can check
(`manage.py check --deploy` reports them as errors)."""

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.core.exceptions import ImproperlyConfigured

LOOPBACK_NAMES = {"localhost", "localhost.localdomain"}


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@register(Tags.security, deploy=True)
def letters_deploy_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    roots = list(getattr(settings, "AUTENTIKA_TRUST_ROOTS", []))
    if not roots:
        errors.append(
            Error(
                "No trust root: letters cannot be signed or checked.",
                hint="Set AUTENTIKA_TRUST_ROOTS to the PEM file(s) of the signing CA's root "
                "(e.g. BSrE's).",
                id="autentika.E001",
            )
        )
    else:
        from .trust import trust_roots_load

        try:
            trust_roots_load()
        except ImproperlyConfigured as error:
            errors.append(Error(str(error), id="autentika.E001"))
    if not getattr(settings, "AUTENTIKA_TSA_URL", ""):
        errors.append(
            Error(
                "No timestamp service: letters would carry no trusted signing time.",
                hint="Set AUTENTIKA_TSA_URL to an RFC 3161 service (e.g. BSrE's TSA).",
                id="autentika.E002",
            )
        )
    public = urlsplit(getattr(settings, "AUTENTIKA_PUBLIC_URL", ""))
    if public.scheme != "https" or not public.hostname or _is_loopback(public.hostname):
        errors.append(
            Error(
                f"AUTENTIKA_PUBLIC_URL ({settings.AUTENTIKA_PUBLIC_URL!r}) is not a public HTTPS "
                "address: the QR code in every letter would point nowhere.",
                hint="Set AUTENTIKA_PUBLIC_URL=https://<the office's public host>.",
                id="autentika.E003",
            )
        )
    if getattr(settings, "AUTENTIKA_TRUST_DEMO_CA", False):
        errors.append(
            Error(
                "The demo CA is trusted: anyone with the demo keys could make letters that pass.",
                hint="Unset AUTENTIKA_TRUST_DEMO_CA (it is off in production settings).",
                id="autentika.E004",
            )
        )
    return errors
