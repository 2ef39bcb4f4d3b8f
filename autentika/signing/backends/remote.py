"""What every remote signature goes through before it is kept: the returned PDF is checked
(our bytes unchanged, one signature added and nothing else, valid, by a certificate that chains
to the provider's configured root and names the signer on record), then our long-term data is
added (DSS with the chain's revocation data, a document timestamp: PAdES B-LTA)."""

import asyncio
import logging
from io import BytesIO
from pathlib import Path
from typing import Any

import aiohttp
from cryptography import x509
from django.conf import settings
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import async_add_validation_info
from pyhanko_certvalidator import ValidationContext

from autentika.signing import trust
from autentika.signing.certificates import certificates_from_pem, subject_identity
from autentika.signing.errors import BackendFailure
from autentika.signing.pades import (
    MD_ALGORITHM,
    _asn1_certificate,
    certificate_refusal_text,
    fetching_context,
    outside_event_loop,
)

from .base import SignerIdentity

logger = logging.getLogger(__name__)
NOT_KEPT = "Surat tidak disimpan dan nomor surat tidak terpakai; tanda tangan itu tidak dipakai."


def anchors_load(config: dict[str, Any]) -> list[x509.Certificate]:
    """The provider's trust anchors: the PEM file(s) of `trust_anchors` (e.g. the BSrE root)."""
    paths = config.get("trust_anchors") or []
    anchors: list[x509.Certificate] = []
    for path in [paths] if isinstance(paths, str) else paths:
        try:
            anchors.extend(certificates_from_pem(Path(path).read_bytes()))
        except (OSError, ValueError) as error:
            raise BackendFailure(
                f"Sertifikat akar layanan tanda tangan ({path}) tidak dapat dibaca; hubungi "
                "administrator."
            ) from error
    if not anchors:
        raise BackendFailure(
            "Sertifikat akar layanan tanda tangan (trust_anchors) belum diatur; hubungi "
            "administrator."
        )
    return anchors


def _refused(provider: str, why: str, audit: dict[str, Any]) -> BackendFailure:
    return BackendFailure(
        f"Dokumen yang dikembalikan {provider} ditolak: {why} {NOT_KEPT}",
        audit={**audit, "refused": why},
    )


def returned_check(
    *,
    provider: str,
    sent: bytes,
    returned: bytes,
    anchors: list[x509.Certificate],
    identity: SignerIdentity,
    audit: dict[str, Any],
) -> str:
    """Refuse (BackendFailure) a returned PDF that is not our letter with one valid signature
    of the signer on record added; return the signer certificate's subject."""
    if not returned.startswith(sent) or len(returned) <= len(sent):
        raise _refused(provider, "isinya tidak diawali surat yang dikirim.", audit)
    try:
        reader = PdfFileReader(BytesIO(returned), strict=False)
        signatures = reader.embedded_regular_signatures
    except Exception as error:
        raise _refused(provider, "berkasnya bukan PDF yang dapat dibaca.", audit) from error
    if len(signatures) != 1:
        raise _refused(provider, f"memuat {len(signatures)} tanda tangan, bukan satu.", audit)
    embedded = signatures[0]
    base = PdfFileReader(BytesIO(sent), strict=False).xrefs.total_revisions - 1
    if reader.xrefs.total_revisions != base + 2 or not _only_signature_added(reader, base):
        raise _refused(
            provider, "isi surat diubah (bukan hanya tanda tangan yang ditambahkan).", audit
        )
    context = ValidationContext(
        trust_roots=[_asn1_certificate(c) for c in anchors],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    # The signature's timestamp is judged against the timestamp authorities letters trust.
    ts_context = ValidationContext(
        trust_roots=[
            _asn1_certificate(c) for c in [*trust.trust_roots_load(), *trust.tsa_anchors_load()]
        ],
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    status = outside_event_loop(
        lambda: validate_pdf_signature(embedded, context, ts_validation_context=ts_context)
    )
    if not (status.intact and status.valid):
        raise _refused(provider, "tanda tangannya tidak sah secara kriptografis.", audit)
    stamp = status.timestamp_validity
    if stamp is not None and not (stamp.intact and stamp.valid and stamp.trusted):
        raise _refused(
            provider,
            "stempel waktu pada tanda tangannya tidak sah atau tidak berasal dari otoritas "
            "stempel waktu (TSA) yang dipercaya.",
            audit,
        )
    if not status.trusted:
        raise _refused(
            provider,
            "sertifikat penanda tangannya tidak diterbitkan oleh otoritas yang dikonfigurasi "
            "untuk layanan ini.",
            audit,
        )
    named = subject_identity(embedded.signer_cert)
    if not (
        (identity.nik and named["nik"] == identity.nik)
        or (
            not identity.nik and identity.email and named["email"].lower() == identity.email.lower()
        )
    ):
        raise _refused(
            provider,
            f"sertifikatnya atas nama {named['name'] or 'orang lain'}, bukan penanda tangan "
            "yang tercatat (NIK/e-mail).",
            audit,
        )
    return str(embedded.signer_cert.subject.human_friendly)[:400]


# What adding a signature may change in objects that existed before: a page gets its widget
# annotation, the catalog its form (and the metadata its dates); nothing else.
ALLOWED_CHANGES = {
    "/Page": {"/Annots"},
    "/Catalog": {"/AcroForm", "/Extensions", "/Metadata", "/Perms", "/Version"},
}


def _only_signature_added(reader: PdfFileReader, base: int) -> bool:
    """Whether the one revision after `base` changes no earlier object except as a
    signature does (ALLOWED_CHANGES; the document information, the XMP metadata and an
    existing form, which gets the new field)."""
    old = reader.get_historical_resolver(base)
    trailer = reader.trailer
    free = {
        getattr(holder.raw_get(key), "idnum", None)
        for holder, key in (
            (trailer, "/Info"),
            (reader.root, "/Metadata"),
            (reader.root, "/AcroForm"),
        )
        if key in holder
    }
    for ref in reader.xrefs.explicit_refs_in_revision(base + 1):
        if reader.xrefs.get_introducing_revision(ref) == base + 1 or ref.idnum in free:
            continue
        before, after = old(ref), ref.get_object()
        if not isinstance(before, generic.DictionaryObject) or isinstance(
            before, generic.StreamObject
        ):
            return False
        if not isinstance(after, generic.DictionaryObject):
            return False
        allowed = ALLOWED_CHANGES.get(str(before.get("/Type", "")), set())
        keys = (set(before) | set(after)) - allowed
        if any(before.raw_get(k) != after.raw_get(k) for k in keys if k in before and k in after):
            return False
        if {k for k in keys if (k in before) != (k in after)}:
            return False
    return True


def long_term_add(*, pdf: bytes, anchors: list[x509.Certificate], timestamper: Any = None) -> bytes:
    """Our long-term data on a remotely signed PDF: the DSS (certificates, CRL/OCSP responses
    of the signer's and the timestamps' chains, fetched now) and a document timestamp."""
    tsa_url = settings.AUTENTIKA_TSA_URL
    if timestamper is None and not tsa_url:
        raise BackendFailure(
            "Layanan stempel waktu (TSA) belum dikonfigurasi (AUTENTIKA_TSA_URL); surat tidak "
            "disimpan tanpa data validasi jangka panjang."
        )
    roots = [*trust.trust_roots_load(), *anchors]

    async def run() -> bytes:
        async with aiohttp.ClientSession() as session:
            context = fetching_context(session=session, trust_roots=roots)
            reader = PdfFileReader(BytesIO(pdf), strict=False)
            with_dss = BytesIO()
            await async_add_validation_info(
                reader.embedded_regular_signatures[0], context, output=with_dss
            )
            stamper = timestamper or HTTPTimeStamper(tsa_url, timeout=10, session=session)
            out = BytesIO()
            await PdfTimeStamper(stamper).async_timestamp_pdf(
                IncrementalPdfFileWriter(with_dss, strict=False),
                MD_ALGORITHM,
                validation_context=context,
                output=out,
            )
            return out.getvalue()

    try:
        return outside_event_loop(lambda: asyncio.run(run()))
    except Exception as error:
        logger.warning("adding long-term data to a remote signature failed", exc_info=True)
        text = certificate_refusal_text(error) or (
            "Data validasi jangka panjang (CRL/OCSP dan stempel waktu) tidak dapat ditambahkan: "
            "layanan CRL/OCSP atau TSA tidak dapat dihubungi."
        )
        raise BackendFailure(f"{text} {NOT_KEPT}", audit={"stage": "long_term"}) from error
