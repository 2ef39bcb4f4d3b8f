"""System checks that keep production from issuing letters no one can check
(`manage.py check --deploy` reports them as errors), and the signing backends' configuration
(checked at every start: E005-E008)."""

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
    roots = list(settings.AUTENTIKA_TRUST_ROOTS)
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
    if not settings.AUTENTIKA_TSA_URL:
        errors.append(
            Error(
                "No timestamp service: letters would carry no trusted signing time.",
                hint="Set AUTENTIKA_TSA_URL to an RFC 3161 service (e.g. BSrE's TSA).",
                id="autentika.E002",
            )
        )
    public = urlsplit(settings.AUTENTIKA_PUBLIC_URL)
    if public.scheme != "https" or not public.hostname or _is_loopback(public.hostname):
        errors.append(
            Error(
                f"AUTENTIKA_PUBLIC_URL ({settings.AUTENTIKA_PUBLIC_URL!r}) is not a public HTTPS "
                "address: the QR code in every letter would point nowhere.",
                hint="Set AUTENTIKA_PUBLIC_URL=https://<the office's public host>.",
                id="autentika.E003",
            )
        )
    if settings.AUTENTIKA_TRUST_DEMO_CA:
        errors.append(
            Error(
                "The demo CA is trusted: anyone with the demo keys could make letters that pass.",
                hint="Unset AUTENTIKA_TRUST_DEMO_CA (it is off in production settings).",
                id="autentika.E004",
            )
        )
    return errors


KINDS = ("local", "bsre", "bsre-v2", "csc")
REMOTE_KINDS = ("bsre", "bsre-v2", "csc")


@register("signing")
def signing_backends_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """AUTENTIKA_SIGNING_BACKENDS (docs/SIGNING_BACKENDS.md): each entry a known kind, with
    its service address, its client credentials present and its trust anchors readable."""
    table = settings.AUTENTIKA_SIGNING_BACKENDS or {}
    if not isinstance(table, dict):
        return [
            Error(
                "AUTENTIKA_SIGNING_BACKENDS is not a JSON object.",
                hint='Give {"<office>/<position>" | "<office>" | "*": {"kind": ...}} '
                "(docs/SIGNING_BACKENDS.md). / Isi dengan objek JSON per kantor/jabatan.",
                id="autentika.E005",
            )
        ]
    errors: list[CheckMessage] = []
    for key, config in table.items():
        errors.extend(_entry_problems(str(key), config))
    return errors


def _entry_problems(key: str, config: Any) -> list[CheckMessage]:
    kind = config.get("kind", "local") if isinstance(config, dict) else None
    if kind not in KINDS:
        return [
            Error(
                f"Signing backend {key!r}: unknown kind {kind!r}.",
                hint=f"Use one of {', '.join(KINDS)}. / Jenis layanan tanda tangan tidak "
                "dikenal; pakai salah satu dari daftar itu.",
                id="autentika.E005",
            )
        ]
    if kind not in REMOTE_KINDS:
        return []
    errors: list[CheckMessage] = []
    url = urlsplit(str(config.get("url", "")))
    if url.scheme not in ("http", "https") or not url.hostname:
        errors.append(
            Error(
                f"Signing backend {key!r} ({kind}): no service address (url).",
                hint="Set url to the office's Esign Client Service or the CSC provider. / "
                "Isi url dengan alamat layanan tanda tangan kantor.",
                id="autentika.E006",
            )
        )
    if kind != "csc" and (problem := _credentials_problem(config)):
        errors.append(
            Error(
                f"Signing backend {key!r} ({kind}): {problem}",
                hint="Name the client credentials with username_env/password_env (set in the "
                "server's environment) or secrets_file. / Kredensial API Esign Client diambil "
                "dari variabel lingkungan atau berkas rahasia, tidak pernah dari basis data.",
                id="autentika.E007",
            )
        )
    if problem := _anchors_problem(config):
        errors.append(
            Error(
                f"Signing backend {key!r} ({kind}): {problem}",
                hint="List the provider's root certificate PEM file(s) in trust_anchors (e.g. "
                "BSrE's root). / Daftarkan berkas PEM sertifikat akar penyedia di "
                "trust_anchors.",
                id="autentika.E008",
            )
        )
    return errors


def _credentials_problem(config: dict[str, Any]) -> str:
    from .backends import client_credentials
    from .errors import BackendFailure

    if not config.get("secrets_file") and not (
        config.get("username_env") and config.get("password_env")
    ):
        return "no client credentials (username_env and password_env, or secrets_file)."
    try:
        client_credentials(config)
    except BackendFailure:
        if path := config.get("secrets_file"):
            return f"the secrets file {path} is missing or lacks username/password."
        return (
            f"the environment variables {config.get('username_env')} and "
            f"{config.get('password_env')} are not both set."
        )
    return ""


def _anchors_problem(config: dict[str, Any]) -> str:
    from .backends.remote import anchors_load
    from .errors import BackendFailure

    try:
        anchors_load(config)
    except BackendFailure:
        anchors = config.get("trust_anchors")
        if not anchors:
            return "no trust_anchors."
        return f"a trust anchor file of {anchors} is missing or holds no PEM certificate."
    return ""
