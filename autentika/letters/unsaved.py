"""The editor's text kept when its POST arrives after the session ended (#28): bound to the
user who typed it and the draft, offered back after logging in again, never a version."""

from typing import Any

from django.db import transaction
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from autentika.core.audit import audit_record
from autentika.core.models import AuditEventType
from autentika.letters.drafting import TEXT_FIELDS, text_normalised
from autentika.letters.models import Draft, LetterKind, UnsavedText

# The editor's pages whose POST carries the draft's text.
EDITOR_URLS = {"letters:draft", "letters:submit"}


@transaction.atomic
def unsaved_keep(
    *, draft: Draft, user: Any, posted: dict[str, str], based_on: int | None, now: Any = None
) -> UnsavedText:
    """Keep what was typed (one copy per user and draft, the latest), audited."""
    texts = {name: text_normalised(posted.get(name, "")) for name in TEXT_FIELDS}
    kind = posted.get("kind", "")
    texts["kind"] = kind if kind in LetterKind.values else draft.current_version.kind
    kept, _ = UnsavedText.objects.update_or_create(
        draft=draft,
        user=user,
        defaults={"texts": texts, "based_on": based_on, "kept_at": now or timezone.now()},
    )
    audit_record(
        event_type=AuditEventType.LETTER_UNSAVED_KEPT,
        office=draft.case.office,
        actor=user,
        target=draft.case,
        data={"draft": draft.pk, "based_on": based_on},
    )
    return kept


def unsaved_of(*, draft: Draft, user: Any) -> UnsavedText | None:
    return UnsavedText.objects.filter(draft=draft, user=user).first()


def unsaved_discard(*, draft: Draft, user: Any) -> None:
    """Restored into a saved version, or thrown away by the user who typed it."""
    UnsavedText.objects.filter(draft=draft, user=user).delete()


def expired_editor_post_keep(request: Any, user: Any) -> str | None:
    """The idle-timeout hook (core/registry.py): a POST of the draft editor from a user of
    the draft's office is kept; returns the draft's page to open after logging in."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    if match.view_name not in EDITOR_URLS or "body" not in request.POST:
        return None
    offices = Draft.objects.filter(case__office__positions__assignments__user=user)
    draft = offices.filter(pk=int(match.kwargs["pk"])).select_related("case__office").first()
    if draft is None:
        return None
    try:
        based_on = int(request.POST.get("based_on", ""))
    except ValueError:
        based_on = None
    unsaved_keep(draft=draft, user=user, posted=request.POST.dict(), based_on=based_on)
    return reverse("letters:draft", args=[draft.pk])
