"""Tanda tangan massal (bulk signing): the signer signs every draft awaiting their signature as
one background action. Each letter goes through `letters.services.letter_sign`, exactly as a
single signing does; this package only selects, checks the secrets once, runs and reports.

- `models.py`: `BulkSigning` (the batch: who, state, counts) and `BulkSigningItem` (one per
  draft: state, letter, error), the progress the pages show.
- `services.py`: `bulk_signing_start` (permission, second factor, secrets checked once, the
  batch and its audit event), `bulk_signing_run` (sign every item, in this process or a pool).
- `workers.py`: the process pool (fork; each worker its own database connection; the secrets
  only in memory, handed over at fork).
- `launch.py`: the detached process the web request starts (`manage.py letters_sign_bulk
  --batch ID`, the secrets on its stdin pipe).
- `selectors.py`: drafts awaiting the signer, a batch's progress.
"""
