"""The QR page's HTML, kept per letter for visitors who are not signed in (the page anyone
scanning a letter opens; docs/BENCHMARKS.md "serving"), in the shared cache (the database
cache: every app server reads the same entries).

One entry per letter, `verify-page:<id>`, holding the HTML and the stamp of the letter's state
it was drawn for: everything on the page that can change, i.e. the letter's row as read on
every request (status, revocation and certificate revocation times, reason, replacement;
`services.STATE_FIELDS`) and the letters it replaces (count and newest id, from the same
query). A visit the kept page answers costs that one narrow query and one cache read; an entry
whose stamp is not the state read now is drawn again, so no server ever serves a page of a
state the database no longer holds. Revoking or replacing a letter also deletes the entries of
the letters it changes (`pages_forget`, an audit listener after the commit), so nothing stale
stays behind. What the letter states never changes (verification/facts.py). The upload form's
CSRF token is the one part that differs per visitor: the kept HTML has a placeholder where the
token goes, filled in per request (the token is masked per request as Django renders it, and
its cookie is set as usual). Signed-in staff get the page rendered for them (their
navigation), and so does a visitor with a message waiting to be shown."""

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render

from autentika.core.metrics import VERIFICATION_ANSWERS
from autentika.core.models import AuditEventType
from autentika.letters.models import SignedLetter
from autentika.letters.verdict import letter_public_status
from autentika.verification.facts import facts_cache_seconds
from autentika.verification.services import STATE_FIELDS, letter_by_token

CSRF_HOLE = "csrf-token-of-this-request-7f3a"


def page_key(letter_id: int) -> str:
    return f"verify-page:{letter_id}"


def page_stamp(letter: SignedLetter) -> str:
    """From a letter read by `letter_by_token` (either form: the same fields, the same stamp)."""
    state = (
        *(getattr(letter, attname(name)) for name in STATE_FIELDS),
        getattr(letter, "replaces_count", None),
        getattr(letter, "replaces_newest", None),
    )
    return hashlib.sha256(repr(state).encode()).hexdigest()


def attname(name: str) -> str:
    return str(getattr(SignedLetter._meta.get_field(name), "attname", name))


def _kept_html(letter: SignedLetter) -> str | None:
    entry = cache.get(page_key(letter.pk))
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == page_stamp(letter):
        return str(entry[1])
    return None


def kept_page(request: HttpRequest, token: str) -> HttpResponse | None:
    """The kept page of the letter with this token, when there is one for its present state and
    it may be shared: one narrow query (what can change about the letter) and the cache."""
    if not _shareable(request):
        return None
    letter = letter_by_token(token, state_only=True)
    if letter is None:
        return None
    html = _kept_html(letter)
    if html is None:
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
    request: HttpRequest,
    *,
    letter: SignedLetter,
    template_name: str,
    context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """The page from the kept HTML when it may be shared, else rendered (and kept)."""
    if not _shareable(request):
        return render(request, template_name, context())
    html = _kept_html(letter)
    if html is None:
        response = render(request, template_name, {**context(), "csrf_token": CSRF_HOLE})
        html = response.content.decode()
        cache.set(page_key(letter.pk), (page_stamp(letter), html), facts_cache_seconds())
    return HttpResponse(html.replace(CSRF_HOLE, get_token(request)))


def pages_forget(letter_ids: Iterable[int]) -> None:
    """Delete the kept pages of these letters (after a revocation or a replacement)."""
    cache.delete_many([page_key(pk) for pk in letter_ids])


# The audit events after which a letter's page says something else: each names the letter it
# changed ("letter") and, for a replacement, the letter that now lists it ("replaced_by").
CHANGING_EVENTS = (
    AuditEventType.LETTER_REVOKED.value,
    AuditEventType.LETTER_REPLACED.value,
    AuditEventType.LETTER_CERTIFICATE_STATUS.value,
)


def pages_forget_on_audit_event(event: Any) -> None:
    """The audit listener "verification.kept_pages" (after the commit)."""
    if event.event_type not in CHANGING_EVENTS:
        return
    data = event.data or {}
    pages_forget(int(data[name]) for name in ("letter", "replaced_by") if data.get(name))
