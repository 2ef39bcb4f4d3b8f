"""Signing runs in the task worker: tanda tangan massal (bulk signing: every draft awaiting the
signer as one background action) and, as a run of one draft, a single signing from the web.
Each letter goes through `letters.services.letter_sign`; this package only selects, checks the
secrets once, queues, runs and reports.

- `models.py`: `BulkSigning` (the batch: who, state, counts) and `BulkSigningItem` (one per
  draft: state, letter, error), the progress the pages show.
- `services.py`: `bulk_signing_start` (permission, second factor, secrets checked once, the
  batch and its audit event), `bulk_signing_run` (sign every item, in this process or a pool).
- `workers.py`: the process pool (fork; each worker its own database connection; the secrets
  only in memory, handed over at fork).
- `urls.py`, `templates/bulk/`, `management/commands/letters_sign_bulk.py`: pages, command.
- `runs.py`, `tasks.py`, `sealed.py`: the web request queues a run (`signing_run_enqueue`: the
  task `signing_run` on the queue "signing", the secrets sealed to the worker's X25519 key), the
  worker (`manage.py db_worker`) opens them, erases them from the task's row and signs
  (`signing_run_work`); a single signing is started by `single_signing_start` (services.py).
- `heartbeat.py`: the worker writes `heartbeat_at` (after each letter; every 10 s from a
  thread); `batch_stalled`: queued or running and silent for 60 s,
  unless queued while another run is being signed (`worker_busy`: it waits its turn).
- `recovery.py`: a stalled batch resumed (`bulk_signing_resume`, the secrets asked again, then
  queued as a new run) or cancelled (`bulk_signing_cancel`); both first reconcile the items
  the dead process left `signing` with the letters that exist.
- `selectors.py`: drafts awaiting the signer (`drafts_awaiting_signature`: the signer's inbox
  at the office's signer position, state signing, minus drafts of a batch still running), a
  batch's progress.
- `views.py`: pages under `/tanda-tangan-massal/` (the list with every draft chosen, the
  confirmation naming how many letters will be numbered and signed, the progress page polled by
  htmx); a nav entry for `Action.LETTER_SIGN_BULK`.

The web's `bulk_signing_start` checks the signer position, a verified second factor, the
password and passphrase once (a refusal is a `letters.sign_failed` event, counted toward the
lockout), then records `BulkSigning` + one `BulkSigningItem` per draft and the event
`letters.bulk_signing_started`; nothing is signed there. `runs.signing_run_enqueue` queues the
run; the worker calls `bulk_signing_run`. The command line (`letters_sign_bulk
--office --signer`) runs in the foreground after `bulk_signing_command_line_check`: the password
first, then the authenticator code (`organization.second_factor.actor_code_verify`), each wrong
one counted as on the web. `bulk_signing_run` -> `workers.items_sign`: `batch.workers` forked
processes (in-process for 1), each calling `letter_sign` per item and recording the item's
state, letter or error; `letters.bulk_signing_finished` with the counts at the end.
Benchmark: `bench/suites/batch.py` (docs/BENCHMARKS.md "## batch").
"""
