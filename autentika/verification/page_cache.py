"""The QR page's HTML, kept per letter and per state of the letter, for visitors who are not
signed in (the page anyone scanning a letter opens; docs/BENCHMARKS.md "serving").

The key holds everything on the page that can change: the letter's row as read on every
request (status, revocation and certificate revocation times, reason, replacement;
`services.STATE_FIELDS`) and the letters it replaces (count and newest id, from the same
query). A visit the kept page answers costs that one narrow query. What the letter states never
changes (verification/facts.py). The upload form's CSRF token is the one part that differs
per visitor: the kept HTML has a placeholder where the token goes, filled in per request
(the token is masked per request as Django renders it, and its cookie is set as usual).
Signed-in staff get the page rendered for them (their navigation), and so does a visitor
with a message waiting to be shown."""

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render

from autentika.core.metrics import VERIFICATION_ANSWERS
from autentika.letters.models import SignedLetter
from autentika.letters.verdict import letter_public_status
from autentika.verification.facts import facts_cache_seconds
from autentika.verification.services import STATE_FIELDS, letter_by_token

CSRF_HOLE = "csrf-token-of-this-request-7f3a"


def page_key(letter: SignedLetter) -> str:
    """From a letter read by `letter_by_token` (either form: the same fields, the same key)."""
    state = (
        *(getattr(letter, attname(name)) for name in STATE_FIELDS),
        getattr(letter, "replaces_count", None),
        getattr(letter, "replaces_newest", None),
    )
    return "verify-page:" + hashlib.sha256(repr(state).encode()).hexdigest()


def attname(name: str) -> str:
    return str(getattr(SignedLetter._meta.get_field(name), "attname", name))


def kept_page(request: HttpRequest, token: str) -> HttpResponse | None:
    """The kept page of the letter with this token, when there is one and it may be shared:
    one narrow query (what can change about the letter) and the cache."""
    if not _shareable(request):
        return None
    letter = letter_by_token(token, state_only=True)
    if letter is None:
        return None
    html = cache.get(page_key(letter))
    if not isinstance(html, str):
        return None
    # answered like a rendered page, so counted like one (`/metrics`)
    VERIFICATION_ANSWERS.labels(verdict=letter_public_status(letter), check="page").inc()
    return HttpResponse(html.replace(CSRF_HOLE, get_token(request)))


def _shareable(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and facts_cache_seconds() > 0
        and not request.user.is_authenticated
        and not len(get_messages(request))
    )


def render_kept(
    request: HttpRequest, *, key: str, template_name: str, context: Callable[[], dict[str, Any]]
) -> HttpResponse:
    """The page from the kept HTML when it may be shared, else rendered (and kept)."""
    if not _shareable(request):
        return render(request, template_name, context())
    html = cache.get(key)
    if not isinstance(html, str):
        response = render(request, template_name, {**context(), "csrf_token": CSRF_HOLE})
        html = response.content.decode()
        cache.set(key, html, facts_cache_seconds())
    return HttpResponse(html.replace(CSRF_HOLE, get_token(request)))
