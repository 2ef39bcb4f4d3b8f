"""Organization: the office, its positions and who holds them, and the office-facing shell.

- `models.py`: `Office` (letterhead, `letter_signer_code`, `paraf_on_archive_copy_only`, time
  zone and working hours), `Position` (code, title, reports-to, SOP duties, `several_holders`),
  `Assignment` (definitive / Plt / Plh, from-to), the office's routes as data (`Chain` +
  `ChainLink`: disposition and review, with `allow_skip`), `OfficeClosure`.
- `selectors.py`: who holds a position on a day; `duty_holder` (a holder of a duty, for the demo
  data and benchmarks); `office_logo_data_uri` (the letterhead's logo).
- `access.py` + `decorators.py`: the permission table evaluated (`user_may`; at a position
  several staff hold, the current step is the case's assignee or a Plt/Plh, `takes_the_step`,
  and the same rule as a query for the inbox, `current_step_held`; conditions registered with
  `register_condition`; also answered through `rules` and `user.has_perm`, `register_rules`).
- `checks.py`: the start-up check of the seams (each `Condition` the table names has its
  evaluator and each action a rule, E010; each named book and audit listener is registered,
  E011/E012; each `Requirement` a transition names has its check, E013; each listener runs at
  the moment the table names, E014, and none is registered unnamed, E015; the second factor's
  exempt duties exist, E009).
- `second_factor.py` (+ `second_factor_views.py`): who needs a second factor (the table's
  managing duties less `AUTENTIKA_OTP_EXEMPT_DUTIES`), enrolment, the code step and its lockout.
- `middleware.py`: the current office of a request (`request.office`) and `SecondFactorMiddleware`
  (an unverified or unenrolled user reaches only the code step, enrolment and logout).
- Pengaturan kantor under `/kantor/<code>/pengaturan/` for `Action.OFFICE_MANAGE` (the
  Sekretaris): profile, contact line, logo (`settings_services.py`: `office_profile_change`,
  `office_logo_change`; `manager_check` and `settings_record`, the permission and audit every
  settings change shares); positions, assignments and chains (`structure_services.py`:
  `position_create`, `position_change`, `assignment_add`, `assignment_change`, `chain_change`;
  the last position managing the office keeps that duty, the signer position keeps SIGN).
- `workdays.py`: the working-day calendar (`WorkCalendar`: weekends, the national holidays and
  cuti bersama of the pinned `holidays` package with `HOLIDAY_CORRECTIONS`, `OfficeClosure`, the
  office's hours; `receipt_day`, `add_working_days`, `working_seconds_between`,
  `office_calendar`), set on `/kantor/<code>/pengaturan/kalender/` (`calendar_services.py`).
- All KPU offices (`manage.py offices_load`, `offices_load.py`): KPU RI and one office per
  region of `regions.py` (Kemendagri's codes, read from `data/regions.csv`; its sources and how
  to refresh it: `data/PROVENANCE.md`), named as the law names them (KIP in Aceh) and built
  from their level's template (`office_templates.py`: positions, chains, number pattern; the
  chains checked by `structure_services.chain_problems`). Bulk inserts in one transaction, one
  `OFFICES_LOADED` audit event; an office already there, by code or by level and region, is
  left as it is.
- The shell: the home page (`views.home`), the navigation's context processor, `manage.py
  export_book <book> --office CODE (--year YYYY | --from DATE --to DATE) --format pdf|xlsx
  --out FILE` (any book registered with `core.registry.register_book`); the demo offices
  (`demo.py`, `manage.py seed_demo`, `demo_otp_code`).
"""
