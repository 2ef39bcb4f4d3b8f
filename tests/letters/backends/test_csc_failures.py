"""A CSC provider that fails: an HTTP 5xx or no answer in time, at each stage. The signer
reads what happened in Indonesian (and whether the provider may have signed), nothing is
consumed, and the next letter gets the next number."""

import re

import pytest

from autentika.core.models import AuditEvent, AuditEventType
from tests.letters.backends.test_bsre_errors import _attempt, _nothing_consumed
from tests.support.signing import SLOW_TIMEOUT

# (endpoint, failure) -> (message part, may the provider have signed)
CASES = {
    ("credentials/info", "500"): ("gangguan (HTTP 500) saat membaca kredensial", False),
    ("credentials/authorize", "500"): ("gangguan (HTTP 500) saat otorisasi PIN", False),
    ("signatures/signHash", "500"): ("gangguan (HTTP 500) saat penandatanganan", True),
    ("credentials/info", "slow"): ("tidak menjawab dalam 3 detik saat membaca kredensial", False),
    ("signatures/signHash", "slow"): ("tidak menjawab dalam 3 detik saat penandatanganan", True),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("endpoint", "failure"), sorted(CASES))
def test_csc_failure_consumes_nothing(
    official,
    at_signer,
    demo_user,
    signer_keys,
    csc_signing,
    csc_service,
    settings,
    endpoint,
    failure,
):
    from autentika.letters.errors import LetterSigningError

    csc_signing()
    if failure == "slow":
        settings.AUTENTIKA_SIGNING_BACKENDS["kpu-sumut"]["timeout"] = SLOW_TIMEOUT
    csc_service.on_demand.failures[endpoint] = failure
    draft = at_signer()
    text, may = CASES[(endpoint, failure)]
    try:
        with pytest.raises(LetterSigningError, match=re.escape(text)) as raised:
            _attempt(draft, demo_user, signer_keys)
    finally:
        csc_service.on_demand.failures.clear()
        csc_service.on_demand.released.set()
    message = " ".join(raised.value.messages)
    assert "tidak ada nomor yang terpakai" in message
    assert ("aman untuk mencoba lagi" in message) is may
    _nothing_consumed(draft)
    audit = AuditEvent.objects.filter(event_type=AuditEventType.LETTER_SIGN_FAILED).latest("id")
    assert audit.data["may_have_signed"] is may
    assert audit.data["failure"] == ("http" if failure == "500" else "timeout")
    assert _attempt(draft, demo_user, signer_keys).sequence == 1
