"""Tata Usaha finds a signed letter waiting for hand-over: in the inbox (the row opens the
hand-over form) and at the top of the Buku Tanda Terima page, where the home card leads."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_signed_letter_is_in_tata_usahas_inbox_and_opens_the_hand_over(
    client, demo_user, signed_letter
):
    letter = signed_letter()
    client.force_login(demo_user("tu"))
    page = client.get(reverse("cases:inbox")).content.decode()
    assert letter.case.agenda_label in page
    assert reverse("handover:create", args=[letter.case_id]) in page


def test_the_home_card_leads_to_the_waiting_letter(client, demo_user, signed_letter):
    letter = signed_letter()
    client.force_login(demo_user("tu"))
    home = client.get(reverse("home")).content.decode()
    assert "Menunggu penyerahan" in home
    target = reverse("handover:list")
    assert target in home
    page = client.get(target).content.decode()
    assert "Menunggu penyerahan" in page
    assert letter.number in page
    assert reverse("handover:create", args=[letter.case_id]) in page


def test_the_signer_and_the_drafter_do_not_get_the_hand_over_in_their_inbox(
    client, demo_user, signed_letter
):
    letter = signed_letter()
    for name in ("ketua", "pelaksana"):
        client.force_login(demo_user(name))
        page = client.get(reverse("cases:inbox")).content.decode()
        assert reverse("handover:create", args=[letter.case_id]) not in page


def test_a_reviewers_inbox_row_opens_the_draft(client, demo_user, official, at_signer):
    draft = at_signer()
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("cases:inbox")).content.decode()
    assert reverse("letters:sign", args=[draft.pk]) in page
