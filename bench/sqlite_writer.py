"""Another writer on the SQLite database while the sqlite_wait suite signs: one short write
after another (a login recorded in the audit chain, the write every step makes), each timed
from before its transaction starts to its commit, until its standard input is closed. Prints
"ready" once it has written, then, at the end, the writes as JSON: [[started, seconds], ...]
on the system's monotonic clock (the same clock in every process)."""

import json
import select
import sys
import time


def main(office_pk: int, user_pk: int) -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from autentika.core.audit import audit_record
    from autentika.core.models import AuditEventType
    from autentika.organization.models import Office

    office = Office.objects.get(pk=office_pk)
    user = get_user_model().objects.get(pk=user_pk)

    def write() -> tuple[float, float]:
        started = time.monotonic()
        with transaction.atomic():
            audit_record(
                event_type=AuditEventType.LOGIN_SUCCEEDED,
                office=office,
                actor=user,
                data={"bench": "sqlite_wait"},
            )
        return started, time.monotonic() - started

    write()  # connection opened, statements prepared
    print("ready", flush=True)
    writes = []
    while not select.select([sys.stdin], [], [], 0)[0]:
        writes.append(write())
        time.sleep(0.01)
    print(json.dumps(writes), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
