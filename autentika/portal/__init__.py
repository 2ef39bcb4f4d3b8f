"""Portal: the political parties' side, under `/portal/`.

- `models.py`: `PartyAccount` (a user linked to a party by short name in one office, created by
  Tata Usaha on `/portal/tu/akun/` or in the admin; no Assignment, so the office comes from the
  account), `OnlineSubmission` (the register's fields plus the signed scan, checked with
  `upload_check`), `PartyApiToken` (only the SHA-256 is stored).
- `services.py`: accounts, online requests, Tata Usaha's queue (`/portal/tu/antrian/`: "Catat"
  registers the case through `cases.registration.case_register`, channel online), API tokens.
- `selectors.py`: every party page reads through `party_cases`, `party_letters`,
  `party_submissions` (another party's id answers 404); `party_recipients`, the party's
  accounts told of their case's status changes.
- `submission_views.py`: the online request form, keeping a refused attempt's scan.
- `file_views.py`: the download is the electronic receipt (`letter_receive`, POST only, through
  `handover.services.handover_record_online_download`); the letter's inline preview needs the
  receipt and never records one; the party's own request scan inline; Tata Usaha's scan download
  and its inline preview on the queue page.
- `status.py`: step-by-step status for the party; `content.py`: the public service page
  `/portal/layanan/` (its promised times read from the office's targets through a registry hook);
  `notices.py`: the audit listener `portal.notices` (after commit, registered in `apps.py`):
  the party's accounts hear of each status change of their case, Tata Usaha of a new online
  request, the party of a rejected one (notifications writes and sends the notices).
- `apps.py`: the party's landing page and the home counter of online requests waiting for Tata
  Usaha (`queue_counters`).
"""
