"""The letter's web pages: drafting with preview, review with diff, return, signing."""

from django.urls import reverse

from autentika.cases.models import CaseState
from autentika.letters.models import Draft, SignedLetter
from tests.pdf import pdf_text
from tests.support.organization import LOADED_SAMPLE


def _edit(draft, **changes):
    version = draft.current_version
    data = {
        "kind": version.kind,
        "nature": version.nature,
        "attachment": version.attachment,
        "subject": version.subject,
        "body": version.body,
        "closing": version.closing,
        "copies": version.copies,
    }
    data.update(changes)
    return data


def test_drafter_starts_edits_previews_and_submits(client, demo_user, at_drafter, official):
    case = at_drafter()
    client.force_login(demo_user("pelaksana"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Susun konsep balasan" in page
    response = client.post(reverse("letters:start", args=[case.pk]), {"kind": "certificate"})
    draft = Draft.objects.get(case=case)
    assert response["Location"] == reverse("letters:draft", args=[draft.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Simpan versi baru" in page and "Jumlah" in page

    preview = client.post(
        reverse("letters:preview", args=[draft.pk]), _edit(draft, body="Teks pratinjau baru")
    ).content.decode()
    assert "Teks pratinjau baru" in preview
    assert draft.versions.count() == 1  # a preview saves nothing

    client.post(
        reverse("letters:draft", args=[draft.pk]), _edit(draft, body="Isi versi yang diperbaiki")
    )
    assert draft.versions.count() == 2
    client.post(reverse("letters:submit", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.state == "review"
    case.refresh_from_db()
    assert case.current_position.code == "KASUBBAG"


def test_reviewer_sees_the_diff_returns_and_the_drafter_revises(
    client, demo_user, at_drafter, official
):
    from autentika.letters.drafting import draft_create, draft_revise
    from autentika.letters.review import draft_submit

    case = at_drafter()
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=case, actor=pelaksana, kind="certificate")
    draft_revise(draft=draft, actor=pelaksana, body="Kalimat yang diperbaiki.")
    draft_submit(draft=draft, actor=pelaksana)

    client.force_login(demo_user("kasubbag"))
    page = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    assert 'class="diff-added">+ Kalimat yang diperbaiki.' in page
    assert "Paraf dan teruskan" in page and "Simpan versi baru" not in page
    client.post(reverse("letters:return", args=[draft.pk]), {"note": "Perbaiki alinea pertama"})
    draft.refresh_from_db()
    assert draft.state == "editing"

    client.force_login(pelaksana)
    page = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    assert "Perbaiki alinea pertama" in page


def test_out_of_turn_approval_is_refused_with_a_message(client, demo_user, at_drafter, official):
    from autentika.letters.drafting import draft_create
    from autentika.letters.review import draft_submit

    case = at_drafter()
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    draft_submit(draft=draft, actor=demo_user("pelaksana"))
    client.force_login(demo_user("kabag"))
    response = client.post(reverse("letters:approve", args=[draft.pk]), follow=True)
    assert "alert-danger" in response.content.decode()
    assert draft.reviews.filter(action="approve").count() == 0


def test_signer_signs_with_password_and_passphrase(
    client, demo_user, at_signer, signer_keys, official
):
    draft = at_signer()
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("letters:sign", args=[draft.pk])).content.decode()
    assert "Tanda tangani secara elektronik" in page
    wrong = client.post(
        reverse("letters:sign", args=[draft.pk]),
        {"password": "salah", "passphrase": signer_keys},
        follow=True,
    )
    assert "alert-danger" in wrong.content.decode()
    assert not SignedLetter.objects.exists()
    response = client.post(
        reverse("letters:sign", args=[draft.pk]),
        {"password": "demo-autentika", "passphrase": signer_keys},
        follow=True,
    )
    letter = SignedLetter.objects.get()
    assert f"Nomor surat: {letter.number}" in response.content.decode()
    assert draft.case.__class__.objects.get(pk=draft.case_id).state == CaseState.SIGNED
    again = client.post(
        reverse("letters:sign", args=[draft.pk]),
        {"password": "demo-autentika", "passphrase": signer_keys},
        follow=True,
    )
    assert "sudah ditandatangani" in again.content.decode()
    assert SignedLetter.objects.count() == 1
    back = client.get(reverse("letters:sign", args=[draft.pk])).content.decode()
    assert f"sudah ditandatangani dengan Nomor {letter.number}" in back
    assert "Hanya pemegang jabatan" not in back
    pdf = client.get(reverse("letters:letter_pdf", args=[letter.pk]))
    assert bytes(pdf.content) == bytes(letter.pdf)
    assert letter.number in pdf_text(bytes(letter.pdf))


def test_another_office_cannot_open_the_draft(client, at_drafter, official, loaded_office_user):
    """Over a sample of the offices `offices_load` creates: their signer (Ketua) and drafter
    (Pelaksana) cannot open this office's draft, nor its signing page."""
    from django.contrib.auth import get_user_model

    from autentika.letters.drafting import draft_create

    case = at_drafter()
    draft = draft_create(
        case=case, actor=get_user_model().objects.get(username="pelaksana"), kind="certificate"
    )
    for office_code in LOADED_SAMPLE:
        client.force_login(loaded_office_user(office_code, "KETUA"))
        assert client.get(reverse("letters:draft", args=[draft.pk])).status_code == 404
        assert client.get(reverse("letters:sign", args=[draft.pk])).status_code == 404
        client.force_login(loaded_office_user(office_code, "PELAKSANA"))
        assert client.get(reverse("letters:draft", args=[draft.pk])).status_code == 404


def test_submitting_with_unsaved_edits_submits_what_the_drafter_sees(
    client, demo_user, at_drafter, official
):
    from autentika.letters.drafting import draft_create

    case = at_drafter()
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    client.force_login(demo_user("pelaksana"))
    page = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    # "Ajukan untuk paraf" submits the editor's own form, so its fields travel with it.
    editor = page[
        page.index('id="draft-form"') : page.index("</form>", page.index('id="draft-form"'))
    ]
    assert f'formaction="{reverse("letters:submit", args=[draft.pk])}"' in editor
    client.post(
        reverse("letters:submit", args=[draft.pk]),
        _edit(draft, body="Isi yang belum disimpan tetapi terlihat di pratinjau"),
    )
    draft.refresh_from_db()
    assert draft.state == "review"
    assert draft.versions.count() == 2
    assert draft.current_version.body == "Isi yang belum disimpan tetapi terlihat di pratinjau"
    assert draft.reviews.get(action="submit").version == draft.current_version


def test_a_reviewer_can_reach_the_changes_by_keyboard(client, demo_user, at_signer, official):
    draft = at_signer()
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    assert 'data-testid="diff" tabindex="0"' in page
