"""The letter's page shows the signed PDF inline (issue #16): to the staff of the letter's
office only, inline, never sniffed, framed by this site only; the download is unchanged."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from autentika.core.models import AuditEvent, AuditEventType
from autentika.organization.demo import RI, demo_office_seed
from tests.previews import assert_inline_preview

pytestmark = pytest.mark.django_db


def test_the_signed_letter_is_previewed_inline_on_its_page(client, demo_user, official, sign):
    letter = sign()
    client.force_login(demo_user("tu"))
    url = reverse("letters:letter_preview", args=[letter.pk])
    page = client.get(reverse("letters:draft", args=[letter.draft_id])).content.decode()
    assert f'<img src="{url}?gambar=1"' in page
    assert_inline_preview(client.get(url), "application/pdf", bytes(letter.pdf))
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.DOCUMENT_ACCESSED, data__document="letter_pdf"
    ).exists()

    demo_office_seed(RI)
    client.force_login(get_user_model().objects.get(username="ri-tu"))
    assert client.get(url).status_code == 404
