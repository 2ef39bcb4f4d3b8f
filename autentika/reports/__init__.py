"""Reports: the office's targets, each request's timeline and the period report.

- `models.py`: office settings `StepTarget` (per case state, or `end_to_end` registration to
  signature: an `amount` of `TargetUnit` working days or working hours, 1-60 days or 1-480
  hours) and `ArchiveRule` (classification and retention per letter kind, edited in the admin);
  `CaseTimeline`, each request's state, since when, seconds per SOP step and end to end.
  `YearTally`, an office's counts of an agenda year (requests, per step, legal deadline), kept
  on PostgreSQL by triggers on the timelines (migration 0005).
- `targets.py`: `step_target_set` (audited, by the Sekretaris on `/laporan/target/<code>/`,
  `target_views.py`, or in the admin), `target_deadline` on the office's calendar,
  `service_promises` (registered with `core.registry.register_service_promises`: what the
  portal's service page promises).
- `timeline.py`: `CaseTimeline` rewritten from the case's audit events at every event about it,
  in the event's transaction (an audit listener, `timeline_on_audit_event`; `timelines_refresh`
  rebuilds rows; backfilled by migration 0002).
- `selectors.report_compute`: the period report from the timelines (received, issued,
  refusals, time per step and end to end, overdue: an open case past its step's target, its
  `end_to_end` target or its disposition due date, on the office's calendar); `step_figures.py`:
  count, median and slowest on PostgreSQL from the year's tally and each step's ordered index
  (one whole year) or one SQL aggregate over a covering index (other periods), in Python on
  SQLite; `kip_figures.py`: the legal deadline per period (answered by the due date in count
  and share, late, extended, open and past due, the named rows, at most 500).
- `charts.py`: inline SVG charts; `books.py`: book `report` (sheet "Batas waktu UU KIP"); the
  dashboard `/laporan/dasbor/`, home counters and the archive panel on the case page
  (`hooks.py`); demo targets and archive rules (`demo.py`).
"""
