"""Background work: keeping issued letters verifiable. Tasks only delegate to the service."""

from django_tasks import task


@task()
def letters_maintain() -> dict[str, list[str]]:
    from dataclasses import asdict

    from autentika.letters.archive import letters_maintain as maintain

    return asdict(maintain())
