from django.apps import AppConfig


class VerificationConfig(AppConfig):
    name = "autentika.verification"
    label = "verification"
    verbose_name = "Verifikasi publik"

    def ready(self) -> None:
        from autentika.core.permissions import Action
        from autentika.core.registry import NavItem, register_nav_item

        register_nav_item(
            NavItem("Pencabutan Surat", "verification:manage", Action.LETTER_REVOKE, order=70)
        )
        from autentika.core.registry import ListenerWhen, register_audit_listener
        from autentika.verification.page_cache import pages_forget_on_audit_event

        register_audit_listener(
            "verification.kept_pages", pages_forget_on_audit_event, when=ListenerWhen.COMMIT
        )
