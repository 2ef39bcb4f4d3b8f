"""A certificate's revocation reason in the words of the public page: a module of its own, so
that the pages reading it (verification/facts.py) do not import the certificate checks and
pyHanko with them at every process's start."""

# RFC 5280 CRLReason names (asn1crypto) in the words of the public page.
REASONS = {
    "unspecified": "tanpa alasan yang disebutkan",
    "key_compromise": "kunci privat penanda tangan bocor (key compromise)",
    "ca_compromise": "kunci otoritas sertifikat bocor (CA compromise)",
    "affiliation_changed": "penanda tangan tidak lagi menjabat atau berpindah instansi",
    "superseded": "sertifikat diganti dengan yang baru",
    "cessation_of_operation": "sertifikat tidak dipakai lagi",
    "certificate_hold": "sertifikat ditangguhkan sementara",
    "remove_from_crl": "penangguhan dicabut",
    "privilege_withdrawn": "kewenangan penanda tangan dicabut",
    "aa_compromise": "kunci otoritas atribut bocor",
}


def reason_text(reason: str) -> str:
    return REASONS.get(reason, reason or REASONS["unspecified"])
