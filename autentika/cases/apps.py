from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "autentika.cases"
    label = "cases"
    verbose_name = "Permohonan"

    def ready(self) -> None:
        from autentika.cases import hooks, workflow
        from autentika.core.permissions import Condition
        from autentika.core.workflow import Requirement, register_requirement
        from autentika.organization.access import register_condition

        hooks.register()
        register_condition(Condition.DISPOSITION_AUTHOR, workflow.disposition_author)
        register_condition(Condition.HEAD_OF_CURRENT_DESK, workflow.head_of_current_desk)
        register_requirement(Requirement.DRAFT_ABSENT, workflow.draft_absent)
        register_requirement(Requirement.DRAFT_PRESENT, workflow.draft_present)
        register_requirement(Requirement.EXTENSION_OPEN, workflow.extension_open)
        register_requirement(Requirement.LAST_DISPOSITION_UNREAD, workflow.last_disposition_unread)
