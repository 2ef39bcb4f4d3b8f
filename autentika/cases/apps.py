from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "autentika.cases"
    label = "cases"
    verbose_name = "Permohonan"

    def ready(self) -> None:
        from autentika.cases import hooks
        from autentika.cases.workflow import disposition_author, head_of_current_desk
        from autentika.core.permissions import Condition
        from autentika.organization.access import register_condition

        hooks.register()
        register_condition(Condition.DISPOSITION_AUTHOR, disposition_author)
        register_condition(Condition.HEAD_OF_CURRENT_DESK, head_of_current_desk)
