"""The signature BSrE returns carries its RFC 3161 timestamp: it is validated against the
timestamp authorities letters trust before anything is numbered, and a correct one builds its
path without a warning."""

import logging

import pytest

from tests.letters.backends.test_bsre_protocol_errors import (
    KINDS,
    _refusal,
    _sign,
    ketua_assignment,  # noqa: F401
)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_a_correct_timestamp_passes_without_a_warning(
    ketua_assignment,  # noqa: F811
    signer_keys,
    remote_signing,
    kind,
    caplog,
):
    remote_signing(kind)
    for name in ("pyhanko", "pyhanko_certvalidator"):
        caplog.set_level(logging.WARNING, logger=name)
    _sign(ketua_assignment, signer_keys)
    assert not [r for r in caplog.records if r.name.startswith("pyhanko")], caplog.text


@pytest.mark.django_db
def test_a_timestamp_of_an_untrusted_authority_is_refused(
    ketua_assignment,  # noqa: F811
    signer_keys,
    remote_signing,
    settings,
):
    remote_signing("bsre")
    # The simulator stamps with the demo TSA; here no trust root and no TSA anchor names it.
    settings.AUTENTIKA_TRUST_DEMO_CA = False
    error = _refusal(ketua_assignment, signer_keys, "stempel waktu pada tanda tangannya")
    assert "stempel waktu" in error.audit["refused"]
