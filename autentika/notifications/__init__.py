"""Notifications: in-app notices and e-mail, derived from the audit log.

- `models.py`: `Notification` (in-app) and `OutgoingEmail` (the outbox).
- `services.py`: every audit event about a case is looked at once, after the step commits (the
  steps know nothing of notifications): notices to the holders of the position a case reaches
  and, on every status change, to the party's recipients.
- `recipients.py`: the registries later parts fill (`register_party_recipients`,
  `register_event_notices`), since the portal comes after this part in the import order.
- `tasks.py`: e-mail sent by the database task queue (`email_deliver`, with retries);
  `manage.py db_worker` is the project's command over `worker.ReconnectingWorker`, which
  reconnects after a database restart and queues a cut-off task again.
- Pages: the list under `/notifikasi/`.
"""
