"""Signing: PAdES signatures on a PDF and their checking, for the letters part and the
verification part. No models: a letter's record (`letters.SignedLetter`) stays with the letters.

- `pades.py`: pyHanko PAdES B-LTA signing (the signer's chain validated at signing time against
  the trust roots, CRL/OCSP fetched and embedded, signature and document timestamps; a revoked
  certificate or an unreachable service refuses); `loaded_key.py`: signatures with a private key
  loaded and checked once.
- `validation.py` + `validation_policy.py` + `validation_text.py`: one pass of AdES LTA
  validation from the file alone; the policy (trust roots, the TSA anchors); one Indonesian line
  per thing checked.
- `trust.py`: trust roots, TSA anchors, the signers' PKCS#12 files; `certificates.py`: PEM
  bundles and the identity a certificate names.
- `archive.py`: archive timestamps (renewed for the recorded letters by
  `letters.archive.letters_maintain`); `certificate_watch.py`: the signer's certificate asked
  again after signing, the proven signing time.
- `signer_keys.py` + `manage.py signer_key_install`: a signer's PKCS#12 accepted only when it
  chains to a trust root, has nonRepudiation and names the person and office on record;
  `manage.py trust_roots_export`.
- `reauth.py`: the secrets at signing (one message for any wrong one, the lockout).
- `backends/`: the signing backends (local PKCS#12, BSrE v1/v2, CSC), chosen by
  `AUTENTIKA_SIGNING_BACKENDS` (docs/SIGNING_BACKENDS.md); `errors.py`: the refusals.
- `checks.py`: deploy checks E001-E004 and the backends' checks E005-E008 (registered by
  `apps.py`, which also gives core the TSA anchors for the audit checkpoints).

The demo CA, TSA and the test services that sign in development live in `autentika.demo`,
which nothing here imports.
"""
