"""Online requests as Tata Usaha and the party see them: the purpose in words, a signal when a
party submits, an e-mail when a request is rejected, and a service page that offers each
visitor a door they may open."""

import pytest
from django.urls import reverse

from autentika.notifications.models import Notification, OutgoingEmail
from autentika.portal.models import OnlineSubmission
from tests.portal.test_portal import _login, _submit


@pytest.mark.django_db(transaction=True)
def test_tata_usaha_is_told_of_a_new_online_request_and_sees_its_purpose_in_words(
    client, demo_user, party_user, official
):
    tu = demo_user("tu")
    tu.email = "tu@kpu-sumut.example"
    tu.save()
    _login(client, party_user())
    _submit(client, official, letter_number="12/DPD-GOLKAR/2025")
    submission = OnlineSubmission.objects.get()
    notice = Notification.objects.get(recipient=tu)
    assert "12/DPD-GOLKAR/2025" in notice.title
    assert notice.url == reverse("portal:queue_detail", args=[submission.pk])
    assert OutgoingEmail.objects.filter(to="tu@kpu-sumut.example").exists()
    staff = _login(client.__class__(), tu)
    page = staff.get(reverse("portal:queue_detail", args=[submission.pk])).content.decode()
    assert "Pengajuan bantuan keuangan partai politik" in page
    assert "financial_aid" not in page


@pytest.mark.django_db(transaction=True)
def test_a_rejected_online_request_tells_the_party_why(client, demo_user, party_user, official):
    user = party_user()
    user.email = "budi@golkar-sumut.example"
    user.save()
    _login(client, user)
    _submit(client, official, letter_number="13/DPD-GOLKAR/2025")
    submission = OnlineSubmission.objects.get()
    tu = _login(client.__class__(), demo_user("tu"))
    tu.post(
        reverse("portal:queue_reject", args=[submission.pk]), {"reason": "Pindaian tidak terbaca"}
    )
    notice = Notification.objects.get(recipient=user)
    assert "ditolak" in notice.title and "13/DPD-GOLKAR/2025" in notice.title
    email = OutgoingEmail.objects.get(to="budi@golkar-sumut.example")
    assert "Pindaian tidak terbaca" in email.body


@pytest.mark.django_db
def test_the_service_page_offers_staff_their_office_not_the_party_portal(
    client, demo_user, party_user, sumut
):
    client.force_login(demo_user("tu"))
    page = client.get(reverse("portal:about")).content.decode()
    assert "Ke portal partai" not in page
    assert "Ke beranda kantor" in page
    client.force_login(party_user())
    page = client.get(reverse("portal:about")).content.decode()
    assert "Ke portal partai" in page


@pytest.mark.django_db
def test_the_party_corrects_and_resubmits_a_rejected_request(
    client, demo_user, party_user, official
):
    from autentika.core.models import AuditEvent

    _login(client, party_user())
    _submit(client, official, letter_number="14/DPD-GOLKAR/2025")
    rejected = OnlineSubmission.objects.get()
    tu = _login(client.__class__(), demo_user("tu"))
    tu.post(reverse("portal:queue_reject", args=[rejected.pk]), {"reason": "Perihal keliru"})
    page = client.get(reverse("portal:submission", args=[rejected.pk])).content.decode()
    form_url = f"{reverse('portal:submit')}?dari={rejected.pk}"
    assert form_url in page
    form = client.get(form_url).content.decode()
    assert 'value="14/DPD-GOLKAR/2025"' in form and "Perihal keliru" in form
    data = {
        "dari": rejected.pk,
        "party": rejected.party_id,
        "party_level": rejected.party_level,
        "letter_number": rejected.letter_number,
        "letter_date": rejected.letter_date.isoformat(),
        "subject": "Permohonan data autentifikasi perolehan suara (diperbaiki)",
        "elections": [official.pk],
        "purpose": "financial_aid",
    }
    assert client.post(reverse("portal:submit"), data).status_code == 302
    again = OnlineSubmission.objects.exclude(pk=rejected.pk).get()
    assert again.state == "pending" and again.subject.endswith("(diperbaiki)")
    assert again.scan_sha256 == rejected.scan_sha256  # the earlier scan, kept
    event = AuditEvent.objects.filter(event_type="portal.submitted").latest("id")
    assert event.data["resubmission_of"] == rejected.pk


@pytest.mark.django_db
def test_the_step_tracker_shows_when_each_step_was_reached(client, party_user, official, sign):
    from autentika.core.formatting import format_datetime_id

    letter = sign()
    _login(client, party_user())
    page = client.get(reverse("portal:case", args=[letter.case_id])).content.decode()
    assert page.count('data-testid="step-date"') == 7
    assert format_datetime_id(letter.signed_at) in page
    assert format_datetime_id(letter.case.registered_at) in page
