"""The pages of tanda tangan massal: who sees them (the declared table), the one confirmation
naming how many letters, and the progress page with each letter's number."""

import pytest
from django.urls import reverse

from autentika.bulk.models import BulkSigning, BulkSigningState
from autentika.core.models import AuditEvent
from autentika.letters.models import SignedLetter
from tests.support.letters import PASSWORD


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["sekretaris", "kabag", "kasubbag", "pelaksana", "tu"])
def test_only_the_signer_sees_the_bulk_signing_pages(client, sumut, demo_user, username):
    client.force_login(demo_user(username))
    assert client.get(reverse("bulk:list")).status_code == 403
    assert client.get(reverse("bulk:confirm")).status_code == 403
    home = client.get("/").content.decode()
    assert "Tanda tangan massal" not in home


@pytest.mark.django_db
def test_the_signer_confirms_once_and_sees_every_letters_number(
    client, official, at_signer, demo_user, signer_keys, sumut, launched
):
    drafts = [
        at_signer(party_number=number, letter_number=f"{number}/DPD/2025") for number in (4, 5)
    ]
    client.force_login(demo_user("ketua"))
    assert "Tanda tangan massal" in client.get("/").content.decode()  # the menu entry
    listing = client.get(reverse("bulk:list")).content.decode()
    for draft in drafts:
        assert f'name="draft" value="{draft.pk}" id="draft-{draft.pk}" checked' in listing
    query = "&".join(f"draft={draft.pk}" for draft in drafts)
    confirm = client.get(f"{reverse('bulk:confirm')}?{query}").content.decode()
    assert "2 surat akan diberi nomor dan ditandatangani" in confirm
    assert 'data-confirm="2 surat akan diberi nomor' in confirm
    response = client.post(
        reverse("bulk:confirm"),
        {"draft": [draft.pk for draft in drafts], "password": PASSWORD, "passphrase": signer_keys},
    )
    batch = BulkSigning.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("bulk:detail", args=[batch.pk])
    assert launched == [(PASSWORD, signer_keys)]
    batch.refresh_from_db()
    assert batch.state == BulkSigningState.DONE
    page = client.get(response["Location"]).content.decode()
    for letter in SignedLetter.objects.all():
        assert f"Nomor {letter.number}" in page
    assert "2 dari 2 surat ditandatangani" in page
    assert "hx-trigger" not in page  # finished: no more polling
    # the secrets were written nowhere: not in the batch, its items or the audit log
    stored = " ".join(
        str(value)
        for row in [*BulkSigning.objects.values(), *batch.items.values()]
        for value in row.values()
    )
    stored += " ".join(str(event.data) for event in AuditEvent.objects.all())
    assert PASSWORD not in stored and signer_keys not in stored


@pytest.mark.django_db
def test_a_wrong_password_starts_nothing(
    client, official, at_signer, demo_user, signer_keys, sumut, launched
):
    draft = at_signer()
    client.force_login(demo_user("ketua"))
    response = client.post(
        reverse("bulk:confirm"),
        {"draft": [draft.pk], "password": "salah", "passphrase": signer_keys},
    )
    assert response.status_code == 400
    assert "Kata sandi atau frasa sandi salah" in response.content.decode()
    assert not BulkSigning.objects.exists() and launched == []


@pytest.mark.django_db
def test_a_running_batch_page_polls_for_progress(
    client, official, at_signer, demo_user, signer_keys, sumut
):
    from autentika.bulk.services import bulk_signing_start

    ketua = demo_user("ketua")
    batch = bulk_signing_start(
        office=sumut,
        actor=ketua,
        draft_ids=[at_signer().pk],
        password=PASSWORD,
        passphrase=signer_keys,
    )
    client.force_login(ketua)
    page = client.get(reverse("bulk:detail", args=[batch.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and "0 dari 1 surat ditandatangani" in page
    # htmx's poll gets the progress panel alone, to swap in; the full page has the layout
    panel = client.get(
        reverse("bulk:detail", args=[batch.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "0 dari 1 surat ditandatangani" in panel and 'id="bulk-progress"' not in panel
    assert 'id="bulk-progress"' in page
    # another user's batch is not theirs to see
    client.force_login(demo_user("sekretaris"))
    assert client.get(reverse("bulk:detail", args=[batch.pk])).status_code == 403
