from django.db.models import Q, QuerySet

from autentika.cases.models import Case
from autentika.core.periods import Period
from autentika.handover.models import Receipt
from autentika.letters.models import SignedLetter
from autentika.organization.models import Office


def receipts_search(
    *, office: Office, period: Period | None = None, query: str = ""
) -> QuerySet[Receipt]:
    receipts = Receipt.objects.filter(office=office).select_related(
        "case__party", "letter", "recorded_by", "recorded_by_position"
    )
    if period is not None:
        receipts = receipts.filter(
            handed_at__date__gte=period.start, handed_at__date__lte=period.end
        )
    if query:
        receipts = receipts.filter(
            Q(recipient_name__icontains=query)
            | Q(recipient_position__icontains=query)
            | Q(letter__number__icontains=query)
            | Q(case__party__short_name__icontains=query)
            | Q(case__party__full_name__icontains=query)
            | Q(case__letter_number__icontains=query)
        )
    return receipts.order_by("year", "sequence")


def case_signed_letter(*, case: Case) -> SignedLetter | None:
    """The letter the case's hand-over is for (the latest valid signed letter)."""
    return SignedLetter.objects.filter(case=case).order_by("-signed_at").first()
