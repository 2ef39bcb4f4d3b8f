from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "autentika.letters"
    label = "letters"
    verbose_name = "Surat balasan"

    def ready(self) -> None:
        from autentika.core.permissions import Condition
        from autentika.core.registry import register_expired_post_keeper
        from autentika.core.workflow import Requirement, register_requirement
        from autentika.letters import hooks
        from autentika.letters.desks import at_signer_position, reply_kind_fits
        from autentika.letters.unsaved import expired_editor_post_keep
        from autentika.letters.workflow import letter_signer
        from autentika.organization.access import register_condition

        hooks.register()
        register_expired_post_keeper(expired_editor_post_keep)
        register_condition(Condition.LETTER_SIGNER, letter_signer)
        register_condition(Condition.AT_SIGNER_POSITION, at_signer_position)
        register_requirement(Requirement.REPLY_KIND_FITS, reply_kind_fits)
