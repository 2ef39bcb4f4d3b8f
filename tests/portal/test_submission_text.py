"""A party's online request refuses a subject carrying a right-to-left override (the probe's
U+202E reached the register XLSX): the form says which character, nothing is stored."""

import pytest
from django.urls import reverse

from autentika.portal.models import OnlineSubmission
from tests.portal.test_portal import _submit


@pytest.mark.django_db
def test_a_subject_with_a_bidirectional_override_is_refused(
    client, party_user, official, monkeypatch
):
    client.force_login(party_user())
    original = client.post

    def post(url, data, **kwargs):
        return original(url, {**data, "subject": "Permohonan surat\u202efdp.exe"}, **kwargs)

    monkeypatch.setattr(client, "post", post)
    response = _submit(client, official)
    assert response.status_code == 200
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in response.content.decode()
    assert not OnlineSubmission.objects.exists()
    assert reverse("portal:submit")
