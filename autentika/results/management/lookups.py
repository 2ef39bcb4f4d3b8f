"""What the results commands look up from their options, each refusal an Indonesian
CommandError naming what was not found."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from autentika.results.models import Election


def election_named(*, office: str, code: str) -> Election:
    election = Election.objects.filter(office__code=office, code=code).first()
    if election is None:
        raise CommandError(f"Pemilu “{code}” tidak ditemukan.")
    return election


def user_named(username: str) -> Any:
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"Pengguna “{username}” tidak ditemukan.")
    return user
