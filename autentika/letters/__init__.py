"""Letters: the reply, from draft through review to the signed, numbered letter and its status.
Signing itself (PAdES, validation, trust, backends) is `autentika.signing`.

Records
- `models.py`: `Draft` with every `DraftVersion` kept (the text the drafter edits; the data
  table as a JSON snapshot computed from the archived `ResultVersion`s, never typed), `Review`
  (submit / paraf / return with note, by position and capacity), `OutgoingCounter`,
  `SignedLetter` (number, date, the signed PDF bytes, the full text as signed, SHA-256, random
  verification token, signer snapshot, SPESIMEN flag, status), `UnsavedText`.

Figures and text
- `snapshot.py`: the tables a version certifies, each election resolved through the party's
  identity (`table_snapshot`: the party's `PartyResult` rows of the election's current
  `ResultVersion`, frozen with the decision, the version, its source hash and any
  `FigureExplanation` into `DraftVersion.tables`; absences for elections it did not stand in);
  `table_stated`, the one total per figure a letter states (PDF, preview, public page, API).
- `figures.py`: placeholders filled from records (`{{suara:KODE}}` ... from the snapshot;
  `{{nomor_surat_permohonan}}`, `{{tanggal_surat_permohonan}}`, `{{pengirim}}`, `{{kantor}}`,
  `{{partai_pemohon}}` from the case; `{{dasar_hukum:KODE}}` from `legal_bases.py`, the
  maintained table of regulations an office may cite); the text rule is `core/text_rules.py`.
- `figure_check.py`: `version_figure_problems`, before submission and again before numbering:
  archive current and unchanged, dapil sums = printed totals unless explained (the explanation
  carried as recorded, confirmed when it raises the total), seats = Sainte-Laguë.
- `texts.py`: the default text of each kind of reply, figures as placeholders.
- Non-official (sample or provisional) figures: drafted, submitted and signed only in an office's
  `training_mode`; such a letter is SPESIMEN on every page and its verdict is `specimen`, never
  valid.

Steps
- `desks.py`: the review chain and the signer's desk (`signer_position`, `next_desk`,
  `drafter_check`, `version_stale_check`); the checks letters registers for the tables:
  `REPLY_KIND_FITS` (which kinds may be drafted from an incomplete request) and the permission
  condition `AT_SIGNER_POSITION` (only the signer position signs).
- `drafting.py`: `draft_create`, `draft_revise` (text normalised by `text_normalised`; unchanged
  text over the same tables records no version), `draft_save_and_submit`, `draft_preview_pdf`.
- `review.py`: `draft_submit`, `draft_approve`, `draft_return`, `draft_parafs`; paraf and return
  carry the case's stamp and the version read.
- `unsaved.py`: the editor's text whose POST arrived after the idle timeout, kept for that user
  and draft (`unsaved_keep`, audited `letters.unsaved_kept`) and offered back until saved or
  discarded; the editor warns before the timeout and "Perpanjang sesi" asks `letters:keepalive`.
- `draft_views.py`: the editor, paraf and return pages; a save over a newer version
  (`errors.DraftConflict`) or after the draft moved answers 409 with
  `letters/draft_conflict.html`, the typed text beside the stored version.
- `services.py`: numbering and `letter_sign` (the signer position only, by the table; password
  re-checked, the key's passphrase asked each time and never stored; the letter rendered with
  the guessed next number before the counter's lock is taken, again under it when the guess was
  wrong; each rendering read back before anything is signed or numbered; signed through
  `autentika.signing`). On SQLite outside a caller's transaction, `signing_lock.py` serializes
  signings instead of the database's write lock: rendered and signed first, then numbered and
  saved in a short transaction that checks the draft did not move meanwhile.
- `readback.py`: `letter_readback_check`, the rendered PDF's text read with poppler's
  `pdftotext`; every number-like token must come from a record, a placeholder's value, the
  template's own words or the page furniture, else signing is refused (`letters.sign_failed`
  with `readback_tokens`).
- `rendering.py`: the WeasyPrint letter with its QR (`AUTENTIKA_PUBLIC_URL/verifikasi/<token>/`)
  and its lampiran data dukung; the letterhead's
  logo and contact line; the paraf table left out of the party's letter when the office's
  `paraf_on_archive_copy_only` is on. `archive_copy.py`: `letter_archive_copy_pdf`, the salinan
  arsip rendered unsigned on request at `/surat/<pk>/arsip.pdf`.
- tanda tangan massal lives in its own part, `autentika/bulk/` (its tables in this app).

After signing
- `verdict.py`: the one verdict word for a recorded letter (`letter_public_status`: valid /
  specimen / revoked / replaced / certificate_revoked, the last when the CA revoked the signer's
  certificate at or before the signing time the signature's timestamp proves;
  `letter_verdict_label`, the portal's template filter `status_surat`).
- `workflow.py`: `LETTER_WORKFLOW`, the letter's status table (revoke, replace; condition
  `LETTER_SIGNER`); `revocation.py`: its services.
- `archive.py`: `letters_maintain` (command and task) renews the recorded letters' archive
  timestamps with `signing/archive.py` and records what `signing/certificate_watch.py` finds
  (revocation time and RFC 5280 reason, a lifted one cleared, each change audited as
  `letters.certificate_status`); `manage.py verify_letter`.
- `books.py` + `outgoing_views.py`: the Buku Agenda Surat Keluar under `/surat-keluar/` (PDF and
  XLSX, book `outgoing`).
- `views.py`: drafting with live preview, review with diff, signing (what is signed shown above
  the secrets: party, each election's stated totals, the full text, the pages as images,
  `version_page` over `core/page_images.py`), the signed letter inline on its page
  (`letter_preview`; `letter_preview_response` serves the portal's too).
"""
