"""Reads for the party portal. Everything a party user sees goes through `party_cases`,
`party_letters` or `party_submissions`, each scoped to the account's office and party."""

from typing import Any

from django.db.models import QuerySet

from autentika.cases.models import Case
from autentika.letters.models import SignedLetter
from autentika.organization.models import Office
from autentika.portal.models import OnlineSubmission, PartyAccount, SubmissionState
from autentika.results.models import Party
from autentika.results.selectors import parties_once


def account_of(user: Any) -> PartyAccount | None:
    """The user's active party account, or None (staff, anonymous, deactivated)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    account = PartyAccount.objects.select_related("office").filter(user=user).first()
    return account if account is not None and account.is_active else None


def party_cases(*, account: PartyAccount) -> QuerySet[Case]:
    return (
        Case.objects.filter(office=account.office, party__short_name=account.party_short_name)
        .select_related("party", "office")
        .order_by("-registered_at", "-id")
    )


def party_letters(*, account: PartyAccount) -> QuerySet[SignedLetter]:
    return (
        SignedLetter.objects.filter(
            office=account.office, case__party__short_name=account.party_short_name
        )
        .select_related("case", "office", "version", "replaced_by")
        .order_by("-signed_at", "-id")
    )


def letters_received(*, user: Any) -> set[int]:
    """The letters this party user has acknowledged (their electronic receipts)."""
    from autentika.handover.models import HandoverChannel, Receipt

    return set(
        Receipt.objects.filter(recipient_user=user, channel=HandoverChannel.ONLINE).values_list(
            "letter_id", flat=True
        )
    )


def party_submissions(*, account: PartyAccount) -> QuerySet[OnlineSubmission]:
    return (
        OnlineSubmission.objects.filter(
            office=account.office, party__short_name=account.party_short_name
        )
        .select_related("party", "case")
        .order_by("-submitted_at", "-id")
    )


def party_choices(*, account: PartyAccount) -> QuerySet[Party]:
    """The party once (its latest participation in the office's elections); the request's
    elections pick the participation for each (`results.parties.party_in_requested`)."""
    return parties_once(
        Party.objects.filter(election__office=account.office, short_name=account.party_short_name)
    ).order_by("number")


def pending_submissions(*, office: Office) -> QuerySet[OnlineSubmission]:
    return (
        OnlineSubmission.objects.filter(office=office, state=SubmissionState.PENDING)
        .select_related("party", "account__user")
        .order_by("submitted_at", "id")
    )


def office_accounts(*, office: Office) -> QuerySet[PartyAccount]:
    return PartyAccount.objects.filter(office=office).select_related("user")


def party_recipients(case: Any) -> list[Any]:
    """The active party users of the case's party in the case's office (for notifications)."""
    accounts = PartyAccount.objects.filter(
        office_id=case.office_id,
        party_short_name=case.party.short_name,
        is_active=True,
        user__is_active=True,
    ).select_related("user")
    return [account.user for account in accounts]
