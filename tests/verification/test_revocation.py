"""Revocation and replacement: only the signer's position, with a reason, audited."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from autentika.core.models import AuditEvent
from autentika.letters.models import LetterStatus
from autentika.letters.revocation import letter_replace_link, letter_revoke
from autentika.organization.services import assignment_create


@pytest.mark.django_db
def test_only_the_signers_position_revokes_with_a_reason(official, sign, demo_user):
    letter = sign()
    for username in ["sekretaris", "tu", "pelaksana"]:
        with pytest.raises(PermissionDenied):
            letter_revoke(letter=letter, actor=demo_user(username), reason="x")
    with pytest.raises(ValidationError, match="alasan"):
        letter_revoke(letter=letter, actor=demo_user("ketua"), reason="  ")
    letter = letter_revoke(letter=letter, actor=demo_user("ketua"), reason="Putusan MK")
    assert letter.status == LetterStatus.REVOKED and letter.revoked_at is not None
    event = AuditEvent.objects.get(event_type="letters.revoked")
    assert event.data["reason"] == "Putusan MK" and event.acting_position.code == "KETUA"
    with pytest.raises(ValidationError, match="tidak dapat dicabut lagi"):
        letter_revoke(letter=letter, actor=demo_user("ketua"), reason="lagi")


@pytest.mark.django_db
def test_an_acting_ketua_may_revoke(official, sign, demo_user, sumut):
    letter = sign()
    plh = demo_user("kabag")
    assignment_create(
        user=plh,
        position=sumut.positions.get(code="KETUA"),
        kind="plh",
        starts_on=dt.date.today() - dt.timedelta(days=1),
        actor=demo_user("ketua"),
    )
    letter = letter_revoke(letter=letter, actor=plh, reason="Koreksi")
    # the Plh of the Ketua revokes as the Ketua's position, in that capacity, under their name
    assert letter.status == LetterStatus.REVOKED and letter.revocation_reason == "Koreksi"
    event = AuditEvent.objects.get(event_type="letters.revoked")
    assert event.actor == plh and event.acting_position.code == "KETUA"
    assert event.acting_capacity == "plh"


@pytest.mark.django_db
def test_replacement_rules(official, sign, demo_user):
    old, new, other_party = sign(), sign(), sign(party_number=5)
    ketua = demo_user("ketua")
    with pytest.raises(ValidationError, match="partai yang sama"):
        letter_replace_link(old=old, new=other_party, actor=ketua)
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        letter_replace_link(old=old, new=old, actor=ketua)
    with pytest.raises(ValidationError, match="sesudah"):
        letter_replace_link(old=new, new=old, actor=ketua)
    old = letter_replace_link(old=old, new=new, actor=ketua)
    assert old.status == LetterStatus.REPLACED and old.replaced_by == new
    assert new.number in old.revocation_reason
    assert AuditEvent.objects.filter(event_type="letters.replaced").count() == 1


@pytest.mark.django_db
def test_revoke_page(client, official, sign, demo_user):
    letter = sign()
    url = reverse("verification:revoke", args=[letter.pk])
    client.force_login(demo_user("sekretaris"))
    assert client.get(reverse("verification:manage")).status_code == 403
    assert client.get(url).status_code == 403
    client.force_login(demo_user("ketua"))
    assert letter.number in client.get(reverse("verification:manage")).content.decode()
    response = client.post(url, {"reason": "Koreksi hasil"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == LetterStatus.REVOKED
