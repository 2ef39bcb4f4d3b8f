"""Results: the archive of results decisions the letters certify.

- `models.py`: `Election` (office, year, legislature, threshold), `Decision` (number, date,
  title, PDF, status official / provisional / sample, set when recorded; `Decision.save` refuses
  a changed status from any path but `decision_status.py`), `Dapil`, `PoliticalParty` (a party as
  one identity across elections) with `Party` (its participation in one election: ballot number,
  name as registered) and `PartyLink` (sourced rename / merger), `ResultVersion` (every import a
  new version; old ones stay), `PartyResult`, `PartyTotal` (the decision's printed totals),
  `CandidateResult`; `FigureExplanation` in `explanation_models.py`.
- `parties.py`: party identity and resolution across elections (`party_identity_find`: names,
  code and aliases of the registry `data/parties.csv`; `party_in_election`, following rename
  links only; `party_in_requested`, the participation a request names, from a choice that lists
  each party once, `selectors.parties_once`).
- `election_services.py`: `election_create`, `decision_create`; `results_manage_check`, the rule
  `results.manage`, asked by these and by the import for every caller.
- `services.py`: `results_import` (a party's name accepted when the registry resolves it to the
  party under that number, aliases included); reporting through `import_report.py`; the many
  rows written by `bulk_store.rows_store` (COPY on PostgreSQL, batched INSERTs on SQLite).
- Parsing the CSV/XLSX template (docs/IMPORT_TEMPLATE.md), pure: `importing.py` (validation),
  `import_reading.py` (the container), `import_types.py` (the vocabulary); an XLSX bounded by
  `xlsx_limits.py` and parsed in a child process under resource limits (`isolation.py`);
  `template_files.py`: the downloadable template.
- `decision_status.py`: `decision_status_change`, audited, provisional to official only (rule
  `results.decision_status`; the admin shows the status read-only).
- `explanations.py`: a recorded, audited explanation of a dapil-sum vs printed-total difference
  (`figure_explanation_record`, `manage.py explain_difference`); its words pass
  `explanation_text.py` (over `core/text_rules.py`), the settling document's number and date are
  fields; a total above the printed one waits for a second person (`figure_explanation_confirm`,
  `manage.py confirm_explanation` or the admin action).
- `sainte_lague.py`: seat allocation, pure; `checks.py` + `manage.py check_results`.
- Commands `election_create`, `import_results` (never changes a recorded decision's status),
  `decision_status`, each with `--user`, the acting user; pages under `/hasil/` (namespace
  `results`); demo data from `data/` (`demo.py`).
"""
