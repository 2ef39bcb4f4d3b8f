"""RFC 3161 timestamp tokens of the TSA the letters use, for what core proves outside the
database: the audit chain's checkpoints (`audit_checkpoint.py`) and the backup manifest
(`backup.py`, issue #27).

`tsa_token_request` asks the TSA for a token over SHA-256 of a message; `tsa_token_problem`
says why a token does not prove a message, or None: its imprint must be the message's, and its
signature must validate (pyHanko) against the TSA anchors the signing part registers
(`registry.register_tsa_anchors`: `signing.trust.tsa_anchors_load()`)."""

import asyncio
import datetime as dt
import hashlib

from autentika.core.registry import tsa_anchors


class TsaUnavailable(Exception):
    """No token could be had; the message is Indonesian."""


def tsa_token_request(*, tsa_url: str, message: bytes) -> bytes:
    """The DER of a timestamp token over SHA-256 of `message`."""
    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    if not tsa_url:
        raise TsaUnavailable("Layanan stempel waktu (AUTENTIKA_TSA_URL) belum dikonfigurasi.")
    stamper = RequestsHTTPTimeStamper(tsa_url, timeout=10)
    digest = hashlib.sha256(message).digest()
    try:
        token = asyncio.run(stamper.async_timestamp(digest, "sha256"))
    except Exception as error:
        raise TsaUnavailable(f"Layanan stempel waktu tidak menjawab: {error}") from error
    return bytes(token.dump())


def tsa_token_problem(*, token: bytes, message: bytes, what: str) -> str | None:
    """Why `token` does not prove `message` (named `what` in the answer), or None: the
    imprint first, then the signature against the TSA anchors."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
    from pyhanko_certvalidator import ValidationContext

    try:
        signed_data = cms.ContentInfo.load(bytes(token))["content"]
        tst_info = signed_data["encap_content_info"]["content"].parsed
        imprint = tst_info["message_imprint"]
        algorithm = imprint["hash_algorithm"]["algorithm"].native
        expected = hashlib.new(algorithm, message).digest()
    except Exception:
        return "token stempel waktu rusak"
    if imprint["hashed_message"].native != expected:
        return f"token stempel waktu bukan untuk {what}"
    context = ValidationContext(
        trust_roots=tsa_anchors(), allow_fetching=False, revocation_mode="soft-fail"
    )
    try:
        status = asyncio.run(
            validate_tst_signed_data(
                signed_data, context, lambda name: hashlib.new(name, message).digest()
            )
        )
    except Exception:
        return "tanda tangan token stempel waktu tidak sah"
    trusted = status.get("trust_problem_indic") is None
    if not (status.get("intact") and status.get("valid") and trusted):
        return "tanda tangan token stempel waktu tidak sah atau TSA tidak tepercaya"
    return None


def tsa_token_time(token: bytes) -> dt.datetime:
    """The time the TSA put in a token (its genTime)."""
    from asn1crypto import cms

    signed_data = cms.ContentInfo.load(bytes(token))["content"]
    tst_info = signed_data["encap_content_info"]["content"].parsed
    return tst_info["gen_time"].native  # type: ignore[no-any-return]
