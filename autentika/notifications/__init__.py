"""Notifications: in-app notices and e-mail, derived from the audit log.

- `models.py`: `Notification` (in-app) and `OutgoingEmail` (the outbox).
- `services.py`: every audit event about a case is looked at once, after the step commits, by
  the audit listener `notifications.desk` (`desk_on_audit_event`, registered in `hooks.py` with
  `when=commit`; the steps know nothing of notifications): notices to the holders of the
  position a case reaches. `party_notices_send` (a case's new status, told the party in its own
  Indonesian sentence) and `notices_send` (notices a later part composed, e.g. about an online
  submission) are called by the portal's own listener, since the portal comes after this part
  in the import order.
- `tasks.py`: e-mail sent by the database task queue (`email_deliver`, with retries);
  `manage.py db_worker` is the project's command over `worker.ReconnectingWorker`, which
  reconnects after a database restart and queues a cut-off task again.
- Pages: the list under `/notifikasi/`.
"""
