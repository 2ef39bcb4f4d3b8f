from typing import Any

from django.urls import reverse

from autentika.cases import books
from autentika.cases.selectors import inbox, inbox_unread
from autentika.core.permissions import Action
from autentika.core.registry import (
    Counter,
    NavItem,
    register_book,
    register_counter_provider,
    register_nav_item,
)


def inbox_counters(user: Any, office: Any) -> list[Counter]:
    url = reverse("cases:inbox")
    return [
        Counter("Menunggu tindakan saya", inbox(user=user, office=office).count(), url),
        Counter("Belum dibaca", inbox_unread(user=user, office=office).count(), url, "info"),
    ]


def register() -> None:
    register_nav_item(NavItem("Kotak Masuk", "cases:inbox", Action.CASE_VIEW, order=10))
    register_nav_item(NavItem("Buku Registrasi", "cases:register", Action.CASE_VIEW, order=15))
    register_counter_provider(inbox_counters)
    register_book("register", pdf=books.register_book_pdf, xlsx=books.register_book_xlsx)
