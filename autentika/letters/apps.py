from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "autentika.letters"
    label = "letters"
    verbose_name = "Surat balasan"

    def ready(self) -> None:
        from autentika.core.permissions import Condition
        from autentika.core.registry import register_demo_seeder, register_expired_post_keeper
        from autentika.letters import checks, hooks  # noqa: F401 (checks register themselves)
        from autentika.letters.demo import demo_signers_seed
        from autentika.letters.unsaved import expired_editor_post_keep
        from autentika.letters.workflow import letter_signer
        from autentika.organization.access import register_condition

        register_demo_seeder(demo_signers_seed, order=40)
        hooks.register()
        register_expired_post_keeper(expired_editor_post_keep)
        register_condition(Condition.LETTER_SIGNER, letter_signer)
