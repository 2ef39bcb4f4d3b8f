"""Reads for bulk signing: the drafts awaiting the signer, a batch's progress."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet

from autentika.bulk.models import (
    BulkSigning,
    BulkSigningItem,
    BulkSigningItemState,
    BulkSigningState,
)
from autentika.cases.models import CaseState
from autentika.cases.selectors import inbox
from autentika.letters.desks import signer_position
from autentika.letters.models import Draft
from autentika.organization.models import Office


def drafts_awaiting_signature(*, user: Any, office: Office) -> QuerySet[Draft]:
    """The drafts at the signing step that wait for this user: the cases of their inbox at the
    office's signer position (so a Plt/Plh of the position sees them too), in agenda order.
    Drafts already in a batch still running are left out."""
    position = signer_position(office=office)
    cases = inbox(user=user, office=office).filter(
        state=CaseState.SIGNING, current_position=position
    )
    in_running_batch = BulkSigningItem.objects.filter(
        batch__office=office,
        batch__state__in=[BulkSigningState.QUEUED, BulkSigningState.RUNNING],
    ).values("draft_id")
    return (
        Draft.objects.filter(case__in=cases)
        .exclude(pk__in=in_running_batch)
        .select_related("case", "case__party", "case__office")
        .order_by("case__agenda_year", "case__agenda_number")
    )


def bulk_signings_of_signer(*, user: Any, office: Office) -> QuerySet[BulkSigning]:
    return BulkSigning.objects.filter(office=office, signer=user).order_by("-created_at", "-id")


@dataclass(frozen=True)
class BulkProgress:
    total: int
    pending: int
    signing: int
    signed: int
    failed: int
    skipped: int

    @property
    def processed(self) -> int:
        return self.signed + self.failed + self.skipped

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 100


def bulk_progress(*, batch: BulkSigning) -> BulkProgress:
    counts = dict(
        batch.items.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return BulkProgress(
        total=sum(counts.values()),
        pending=counts.get(BulkSigningItemState.PENDING, 0),
        signing=counts.get(BulkSigningItemState.SIGNING, 0),
        signed=counts.get(BulkSigningItemState.SIGNED, 0),
        failed=counts.get(BulkSigningItemState.FAILED, 0),
        skipped=counts.get(BulkSigningItemState.SKIPPED, 0),
    )
