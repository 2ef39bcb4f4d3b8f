"""Verification: the public pages, without login, that tell whether a letter is genuine.

- `/verifikasi/<token>/` (the QR's address): the letter's status (the verdict word of
  `letters.verdict`: valid, specimen, revoked, replaced, certificate revoked; or not found),
  the printed facts and data table, SPESIMEN; a PDF upload matched by its SHA-256 or by its
  signed revision when only long-term-validation updates follow it, and validated with
  `signing.validation.pdf_validate` against `signing.trust.trust_roots_load()`. The verdict lists
  what was checked, one line each; a revocation of the signer's certificate is shown with its
  reason, its time and the proven signing time; `needs_renewal` for a copy whose last timestamp
  expired; timestamps appended by others named as later additions.
- `/verifikasi/` (check a PDF without its QR); `/verifikasi/akar/` (the trust roots and TSA
  anchors as PEM and how to check a letter elsewhere, `trust_views.py`).
- `services.py`: `file_verify` (the verdicts), `file_is_recorded` (a posted file that is a
  recorded letter: its SHA-256 or a signed revision's, no PDF parsed).
- Caches, all in the one cache every app server shares (Django's database cache, settings
  `CACHES`), so N servers give the same answer: `report_cache.py`, the signature report of a
  file already judged, kept a few minutes by its SHA-256 and the trust roots (the bytes' report
  only; status comes from the row); `facts.py`, what a signed letter states
  (`letter_public_facts`, by letter and SHA-256: it never changes; status, revocation and
  replacement always from its own row); `page_cache.py`, the QR page's whole HTML kept for
  visitors who are not signed in, one entry per letter stamped with the letter's changeable
  state (an entry of another state is drawn again) and deleted after a revocation, a
  replacement or a change of the signer certificate's status (the audit listener
  "verification.kept_pages", after the commit); the CSRF token filled in per request. Per
  process only what cannot change while it runs (`services._by_token_sql`, a statement).
- `throttle.py`: misses counted per keyed hash of the client address in `MissCounter` (HTTP 429
  after `AUTENTIKA_VERIFY_MISS_LIMIT` misses in `AUTENTIKA_VERIFY_MISS_WINDOW_MINUTES`, 20 in 15
  by default); a valid token is looked up first and always answered, and so is a posted file
  that is a recorded letter. A miss on a page served by the read replica while the primary is
  down goes uncounted (logged) instead of failing the page (`core/replica.py`).
- `/verifikasi/kelola/`: the signer's page for revoking and replacing, over
  `letters/revocation.py`.
"""
