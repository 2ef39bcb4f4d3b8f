from tests.handover.conftest import signed_letter  # noqa: F401  (fixtures reused)
from tests.letters.conftest import (  # noqa: F401  (fixtures reused)
    at_drafter,
    at_signer,
    election,
    official,
    signer_keys,
)
from tests.verification.conftest import party_user, sign  # noqa: F401  (fixtures reused)
