"""Edits are never silently lost: each form that changes a draft or moves a case carries what
it was based on. A save over a newer version is refused with both texts side by side and
nothing typed dropped; a paraf or return on a case that moved since says what happened and
keeps the note."""

from django.urls import reverse

from autentika.letters.drafting import draft_create, draft_revise
from autentika.letters.review import draft_submit


def _editor(version, **changes):
    data = {
        "kind": version.kind,
        "nature": version.nature,
        "attachment": version.attachment,
        "subject": version.subject,
        "body": version.body,
        "closing": version.closing,
        "copies": version.copies,
        "based_on": version.number,
    }
    data.update(changes)
    return data


def test_the_editor_carries_the_version_it_was_opened_on(client, demo_user, at_drafter, official):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    client.force_login(pelaksana)
    page = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    assert 'type="hidden" name="based_on" value="1"' in page


def test_a_stale_tab_cannot_overwrite_a_newer_version(client, demo_user, at_drafter, official):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    opened = draft.current_version  # both tabs open version 1
    client.force_login(pelaksana)
    # Tab A adds a sentence and saves: version 2.
    tab_a = _editor(opened, body=opened.body + "\n\nKalimat tambahan dari tab A.")
    client.post(reverse("letters:draft", args=[draft.pk]), tab_a)
    assert draft.versions.count() == 2
    # Tab B, opened before, changes the closing and saves.
    tab_b = _editor(opened, closing="Penutup dari tab B.")
    response = client.post(reverse("letters:draft", args=[draft.pk]), tab_b)
    assert response.status_code == 409
    assert draft.versions.count() == 2  # nothing stored over A's text
    page = response.content.decode()
    assert "sejak Anda membuka versi 1" in page
    # Both texts side by side: B's closing and A's sentence.
    assert "Penutup dari tab B." in page
    assert "Kalimat tambahan dari tab A." in page
    # Taking B's text is one more save, now based on version 2.
    assert 'name="based_on" value="2"' in page
    client.post(reverse("letters:draft", args=[draft.pk]), {**tab_b, "based_on": 2})
    assert draft.versions.count() == 3
    assert draft.current_version.closing == "Penutup dari tab B."


def test_a_stale_submit_is_refused_and_keeps_the_text(client, demo_user, at_drafter, official):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    opened = draft.current_version
    draft_revise(draft=draft, actor=pelaksana, body="Isi yang disimpan di tab lain.")
    client.force_login(pelaksana)
    response = client.post(
        reverse("letters:submit", args=[draft.pk]), _editor(opened, subject="Hal dari tab lama")
    )
    assert response.status_code == 409
    assert "Hal dari tab lama" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == "editing"  # not submitted
    assert draft.versions.count() == 2


def test_a_save_after_the_draft_was_submitted_shows_the_text_to_copy(
    client, demo_user, at_drafter, official
):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    opened = draft.current_version
    draft_submit(draft=draft, actor=pelaksana)
    client.force_login(pelaksana)
    response = client.post(
        reverse("letters:draft", args=[draft.pk]), _editor(opened, body="Teks yang terlambat.")
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Teks yang terlambat." in page and "Teks Anda belum disimpan." in page
    assert draft.versions.count() == 1


def test_a_paraf_on_a_newer_version_than_the_one_read_is_refused(
    client, demo_user, at_drafter, official
):
    from autentika.cases.workflow import CASE_WORKFLOW
    from autentika.letters.review import draft_return

    pelaksana, kasubbag = demo_user("pelaksana"), demo_user("kasubbag")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    draft_submit(draft=draft, actor=pelaksana)
    client.force_login(kasubbag)
    page = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    assert 'name="based_on_version" value="1"' in page
    # While the page is open the draft is returned, revised and submitted again.
    draft_return(draft=draft, actor=kasubbag, note="Perbaiki")
    draft_revise(draft=draft, actor=pelaksana, body="Isi yang diperbaiki.")
    draft_submit(draft=draft, actor=pelaksana)
    draft.refresh_from_db()
    response = client.post(
        reverse("letters:approve", args=[draft.pk]),
        {"based_on": CASE_WORKFLOW.stamp(draft.case), "based_on_version": 1},
    )
    assert response.status_code == 409
    assert "kini versi 2, Anda membaca versi 1" in response.content.decode()
    draft.refresh_from_db()
    assert draft.state == "review"
    assert not draft.reviews.filter(action="approve").exists()


def test_a_stale_return_says_what_happened_and_keeps_the_note(
    client, demo_user, at_drafter, official
):
    from autentika.cases.workflow import CASE_WORKFLOW
    from autentika.letters.review import draft_approve

    pelaksana, kasubbag = demo_user("pelaksana"), demo_user("kasubbag")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    draft_submit(draft=draft, actor=pelaksana)
    draft.refresh_from_db()
    stamp = CASE_WORKFLOW.stamp(draft.case)
    draft_approve(draft=draft, actor=kasubbag)  # another tab initialled it meanwhile
    client.force_login(kasubbag)
    response = client.post(
        reverse("letters:return", args=[draft.pk]),
        {"based_on": stamp, "based_on_version": 1, "note": "Alinea kedua kurang jelas."},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "sudah berpindah sejak halaman Anda dibuka" in page
    assert "Alinea kedua kurang jelas." in page
    assert not draft.reviews.filter(action="return").exists()


def test_the_editor_shows_the_lampiran_line_a_letter_with_a_table_prints(
    client, demo_user, at_drafter, official
):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    client.force_login(pelaksana)
    page = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    assert 'value="1 (satu) berkas data dukung"' in page
    # Saving leaves the stored field as it was: no version for a line the drafter cannot type.
    client.post(reverse("letters:draft", args=[draft.pk]), _editor(draft.current_version))
    assert draft.versions.count() == 1
