"""Demo hand-over for `demo_request --handover`; not used by the product's own steps."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from autentika.core.permissions import Duty
from autentika.handover.models import HandoverChannel, Receipt
from autentika.handover.services import handover_record
from autentika.letters.models import SignedLetter
from autentika.organization.models import Position
from autentika.organization.selectors import position_holders


def handover_demo_record(*, letter: SignedLetter) -> Receipt:
    """The demo hand-over (`demo_request --handover`): the office's Tata Usaha hands the
    letter to an invented party officer with an invented NIK."""
    for position in Position.objects.filter(office=letter.office).order_by("id"):
        if Duty.HAND_OVER.value in position.duties:
            holder = position_holders(position=position).first()
            if holder is not None:
                return handover_record(
                    letter=letter,
                    actor=holder.user,
                    recipient_name="Rahmat Hidayat (contoh)",
                    recipient_position="Sekretaris",
                    identity_number="1271010101800001",
                    handed_at=timezone.now(),
                    channel=HandoverChannel.IN_PERSON,
                )
    raise ValidationError(
        f"Kantor {letter.office.code} tidak memiliki pemegang tugas serah terima."
    )
