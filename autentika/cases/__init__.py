"""Cases: a party's request as a tracked case, from registration to the drafting desk.

- `models.py`: `Case` (agenda number per office per year from `AgendaCounter`, party,
  elections, state, the position holding it and, at a position several staff hold at once,
  `current_assignee`), `CaseDocument` (scans, type sniffed from content, stored outside static),
  `Disposition` (from/to position with the titles as they applied, the named staff member
  `to_user`, instruction, urgency, due date, read, withdrawn).
- `workflow.py`: `CASE_WORKFLOW`, the case's declared transition table (source states, action,
  target states, audit event, the `Requirement`s the case must meet: `DRAFT_ABSENT`,
  `DRAFT_PRESENT`, `EXTENSION_OPEN`, `LAST_DISPOSITION_UNREAD` checked here, `REPLY_KIND_FITS`
  by letters), its `stamp` (state, desk, member, last disposition) and the evaluators of its
  conditions (`DISPOSITION_AUTHOR`, `HEAD_OF_CURRENT_DESK`);
  `case_steps(user, case)` is what screens offer. A draft's stage is read from its case's state.
- `registration.py`: `case_register` (scans checked by content, at most `MAX_ATTACHMENTS`
  attachments, a duplicate party letter needs a reason, the agenda number taken under a row
  lock, the case sent to the first position of the disposition chain); the form in
  `registration_views.py`, which keeps the scans of a refused attempt; the request letter's
  number shape in `letter_numbers.py`.
- `services.py`: the later steps (`case_dispose`, `case_assign`, `disposition_withdraw`,
  `case_completeness_recheck`, `case_open`, `case_event_record`).
- `moves.py`: `case_move`, the only code that moves a case (state through the table, desk, and
  at a position several staff hold at once the named member, otherwise none), used by every
  part's steps; each caller writes its own audit event.
- `selectors.py`: who is to act at a desk (`desk_holders`, `inbox`, both asking
  `organization/access.py`); the completeness gate
  (`case_completeness`: official decisions archived for every requested election, or in an
  office's `training_mode` any archived decision; otherwise the case waits in `incomplete`);
  the register search (`register_search`: the matching parties' ids first, then conditions on
  the case's own columns, served on PostgreSQL by trigram indexes, migration 0006).
- `kip.py` + `kip_services.py`: the legal deadline (UU 14/2008 art. 22): `kip_due_date`, 10
  working days after the receipt day in the office's calendar, stored as `Case.kip_due_on` at
  registration; `case_deadline_extend` (the workflow step `extend`, once, before the due date,
  written reason, +7 working days into `kip_extended_due_on`); `kip_reminders_record` (`manage.py
  kip_reminders`, daily: a `cases.deadline_reminder` event per unanswered request due within 2
  working days); posted from the case page by `deadline_views.py`, shown by
  `cases/_kip_due.html` on the case page, inbox and portal.
- `register_paging.py`: the register paged by agenda key (one row comparison
  `(agenda_year, agenda_number) > (y, n)`, 50 a page, `?setelah=`/`?sebelum=`; no OFFSET, no
  COUNT); `books.py`: the register book (PDF and XLSX); `documents.py`: the lembar disposisi.
- `views.py`: the case page, the inbox, the scans inline (`document_preview`, the download's own
  check); `hooks.py`: inbox counters.
"""
