"""Core: what every part stands on. Imports no other part of autentika; a later part that must
show something here registers it in `registry.py` from its `AppConfig.ready`.

Rules
- `permissions.py`: the permission table (who may do what, by SOP duty; whether the user must
  hold the object's current step; a `Condition` where one applies). Rules marked
  `second_factor` give the duties whose holders need a second factor (`second_factor_duties`).
  Evaluated by `organization.access`.
- `workflow.py`: the engine of the declared transition tables (`check`, `move`, the `stamp`
  that refuses a stale form with `StaleState`); the tables themselves live with their models
  (`cases/workflow.py`, `letters/workflow.py`).
- `text_hygiene.py`: the positive rule for every text typed into any form (visible characters,
  spaces, tabs and line breaks; control, bidirectional and invisible characters refused by
  name), installed on every form `CharField` at start-up.
- `text_rules.py`: the positive rule for every text a letter prints (a repertoire of
  characters, each other one refused by name; no numeral of any form outside a placeholder),
  used by the letter's free text and a results explanation's words.

Audit
- `models.AuditEvent`, `audit.audit_record`: the append-only, typed audit log (refused UPDATE
  and DELETE by the ORM and by triggers on PostgreSQL and SQLite).
- `audit_chain.py`: the hash chain, keyed with HMAC-SHA256 under the integrity key, and its
  check of links, keys and time order (`manage.py verify_audit`). The chain's head is moved only
  by the event table's INSERT trigger (PostgreSQL: SECURITY DEFINER functions of migration 0006,
  the head locked through `core_auditchainhead_lock()`; SQLite: triggers in `audit_chain.py`).
- `audit_checkpoint.py` + `manage.py audit_checkpoint`: TSA-timestamped checkpoints of the head
  (`AuditCheckpoint`; tokens asked and checked by `tsa_tokens.py`: imprint, pyHanko signature
  against the TSA anchors the signing part registers through `registry.register_tsa_anchors`).
- `integrity.py`: the integrity key outside the database (`AUTENTIKA_INTEGRITY_KEY` or its file;
  one HMAC key per purpose: the audit chain, the backup manifest's signature).
- `db_roles.py` + `manage.py db_roles`: the PostgreSQL application role that owns nothing.

Seams and shared services
- `registry.py`: the hooks later parts register (nav items, home counters, case-page panels,
  books, demo seeders, lateness, landing page, service promises, TSA anchors, expired-POST
  keepers, audit listeners with their moment, `transaction` or `commit`); the books and
  listeners the installation relies on are named in `BOOKS_NAMED` and `AUDIT_LISTENERS_NAMED`
  and checked at start-up by `organization/checks.py`.
- `counters.py`: gapless yearly numbering under a row lock (`yearly_counter_take`, one
  statement; the guess `yearly_counter_predict` used before signing).
- `read_once.py`: `ReadOnce`, a read made once per key inside a scope (a page, a step), kept
  nowhere after it.
- `books.py`: the books' spreadsheet and PDF layout (`book_xlsx`, `book_pdf` over
  `core/book_pdf.html`; spreadsheet text escaped against formulas); `pdf.py`: WeasyPrint
  rendering; `formatting.py`: Indonesian formatting (template filters `tanggal`,
  `tanggal_waktu`, `angka`, `pecah`); `periods.py`: report and book periods.
- `backup.py` + `backup_postgres.py` (`manage.py backup`, `restore`): an exact copy of the
  database and files (a bucket's documents under `stored/`, `backup_stored.py`), the manifest
  signed with the integrity key and timestamped by the TSA (`tsa_tokens.py`); restore checks
  the token, then the signature, then the files.

Uploads and downloads
- `uploads.py` sniffs what the bytes are; `upload_content.py` opens them: a PDF parsed by
  pyHanko's reader against the positive rule of `pdf_features.py` (a static document, every
  revision checked; no encryption; page, object and inflate limits; `%%EOF` present), an image
  decoded by Pillow within a pixel limit; `image_reencoded` draws an image again from its pixels.
  `uploads.upload_limits_text`: the limits every file input states.
- `downloads.py`: files served as sandboxed attachments, or as inline previews framed by this
  site only (`inline=True`: a PDF as `pdf_features.pdf_disarmed`'s copy, an image re-encoded;
  `?gambar=1` answers the first ten pages as one PNG, `page_images.pdf_pages_strip`), each view
  or download audited (`document_access_record`), its name built from the record and the sniffed
  type (`download_name`). `page_images.py`: PDF pages as PNG through poppler's `pdftoppm`.
- `kept_uploads.py`: the scans of a refused form kept for the user who chose them (`KeptScans`,
  in the storage "kept": `AUTENTIKA_KEPT_UPLOADS_DIR` or the bucket, one hour).
- `stored_files.py`: stored files that a rolled-back transaction removes again
  (`atomic_with_files`, `upload_store`; `manage.py files_sweep` for files no row names). Every
  document is read and written through the storage API only (`storages["default"]`: the folder
  `AUTENTIKA_FILES_DIR`, or an S3-compatible bucket with `AUTENTIKA_STORAGE=s3`, settings
  `file_storages`), never by a path; keys and the demo CA stay on disk.

Shared state of several app servers
- `shared_cache.py`: `SharedDatabaseCache`, Django's database cache (table `autentika_cache`,
  migration 0007 runs `createcachetable`) whose failures are misses; the default cache
  everywhere (settings `CACHES`).

Requests and accounts
- `middleware.py`: the idle-session logout (a POST arriving after the timeout with a valid CSRF
  token is offered to the `register_expired_post_keeper` hooks first) and no-store for signed-in
  users; `client.py`: the client address through trusted proxies.
- `errors.py`: static 400/413/414/500/503 pages (503 for a database or storage outage; 414 from
  `UrlLengthMiddleware` above 2,048 characters), JSON under `/api/`.
- `replica.py`: the read replica (`DATABASE_REPLICA_URL`, alias `replica`): `ReplicaRouter`
  (reads of the views in `AUTENTIKA_REPLICA_VIEWS` on the replica, writes and migrations on
  `default`), `ReplicaMiddleware` (the choice per request; the cookie `autentika_primer` pins a
  browser that just wrote to the primary for `DATABASE_REPLICA_PIN_SECONDS`), a
  `SessionMiddleware` whose save may fail on a replica-served page. `read_only.py`: while the
  primary is down and the replica answers, every other page answers 503 "layanan sementara
  hanya-baca" (from `errors.server_error`), giving back a POST's fields as a form to send again.
- `login_lockout.py`: the login lockout per client address and per account (axes' handler
  `LoginLockoutHandler`; the administrator's audited `login_unlock`, the action of the admin's
  user list in `admin.py`);
  `password_reset.py`: the password reset throttled per account and address from its audit
  events; templates under `templates/account/`.
- Templates: the base layout and `core/home.html` (the home view is `organization.views.home`).
"""
