"""Tata Usaha's home counts an online request waiting to be recorded (not only the bell)."""

import re

import pytest
from django.urls import reverse

from tests.portal.test_portal import _login, _submit


@pytest.mark.django_db
def test_tata_usaha_home_counts_waiting_online_requests(client, demo_user, party_user, official):
    _login(client, party_user())
    _submit(client, official)
    tu = _login(client.__class__(), demo_user("tu"))
    page = tu.get(reverse("home")).content.decode()
    assert re.search(
        r'<div class="display-6">1</div>\s*<a href="[^"]+"[^>]*>'
        r"Permohonan daring menunggu dicatat<",
        page,
    )
    # Staff without the portal duty see no such counter.
    ketua = _login(client.__class__(), demo_user("ketua"))
    assert "Permohonan daring menunggu dicatat" not in ketua.get(reverse("home")).content.decode()
