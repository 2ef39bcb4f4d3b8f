from tests.verification.conftest import (  # noqa: F401
    PARTY_PASSWORD,
    at_drafter,
    at_signer,
    election,
    official,
    party_user,
    sign,
    signer_keys,
)
