"""Background work: delivering e-mail. Tasks only delegate to the service."""

from django_tasks import task


@task()
def email_deliver(email_id: int) -> str:
    from autentika.notifications.services import email_send

    return email_send(email_id=email_id)
