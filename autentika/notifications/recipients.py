"""Who hears about a party's case: resolvers registered by the parts that know the party's
contacts (the portal registers one from its `AppConfig.ready`)."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PartyRecipientResolver = Callable[[Any], list[Any]]
_resolvers: list[PartyRecipientResolver] = []


def register_party_recipients(resolver: PartyRecipientResolver) -> None:
    """`resolver(case)` returns the party's recipients: user objects (in-app notice plus
    e-mail when they have an address) or plain e-mail address strings (e-mail only)."""
    if resolver not in _resolvers:
        _resolvers.append(resolver)


def unregister_party_recipients(resolver: PartyRecipientResolver) -> None:
    if resolver in _resolvers:
        _resolvers.remove(resolver)


def party_recipients(case: Any) -> list[Any]:
    found: list[Any] = []
    for resolver in list(_resolvers):
        for recipient in resolver(case) or []:
            if recipient not in found:
                found.append(recipient)
    return found


@dataclass(frozen=True)
class Notice:
    """One notice about an event whose target is not a case (e.g. an online submission)."""

    user: Any
    title: str
    body: str
    url: str
    office: Any
    kind: str


EventNotices = Callable[[Any], list[Notice]]
_event_notices: dict[str, EventNotices] = {}


def register_event_notices(event_type: str, notices: EventNotices) -> None:
    """`notices(event)` says who hears of an event of this type and what they read."""
    _event_notices[event_type] = notices


def event_notices(event: Any) -> list[Notice]:
    notices = _event_notices.get(event.event_type)
    return notices(event) if notices else []
