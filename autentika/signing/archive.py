"""Archive timestamps (PAdES B-LTA): when a file's last document timestamp expires, and the
file with fresh validation data and a new document timestamp appended. letters/archive.py
renews the recorded letters' chains with these (`letters_maintain`)."""

import asyncio
import datetime as dt
from io import BytesIO

import aiohttp
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers import PdfTimeStamper
from pyhanko.sign.timestamps import HTTPTimeStamper

from .pades import fetching_context, outside_event_loop
from .trust import trust_roots_load


def archive_timestamp_expiry(pdf: bytes) -> dt.datetime | None:
    """When the certificate of the file's last document timestamp expires (None: no
    document timestamp)."""
    stamps = PdfFileReader(BytesIO(pdf), strict=False).embedded_timestamp_signatures
    if not stamps:
        return None
    expiry: dt.datetime = stamps[-1].signer_cert["tbs_certificate"]["validity"]["not_after"].native
    return expiry


def archive_timestamp_add(*, pdf: bytes, timestamp_url: str) -> bytes:
    """The file with fresh validation data for its last timestamp and a new document
    timestamp appended (pyHanko's archival timestamp chain update)."""

    async def update() -> bytes:
        async with aiohttp.ClientSession() as session:
            stamper = PdfTimeStamper(HTTPTimeStamper(timestamp_url, timeout=10, session=session))
            context = fetching_context(session=session, trust_roots=trust_roots_load())
            reader = PdfFileReader(BytesIO(pdf), strict=False)
            output = await stamper.async_update_archival_timestamp_chain(
                reader, context, in_place=False
            )
            return bytes(output.getvalue())

    return outside_event_loop(lambda: asyncio.run(update()))
