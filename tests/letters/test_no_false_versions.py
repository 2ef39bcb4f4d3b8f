"""No false versions: the text a browser sends (CRLF line ends, spaces at line ends) is the
same text as the one stored; saving or submitting it unchanged records no version."""

from django.urls import reverse

from autentika.core.models import AuditEvent
from autentika.letters.drafting import draft_create, draft_revise, text_normalised


def _as_browser_sends(draft, **changes):
    """The editor's fields as a browser posts them: every line end CRLF."""
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
    return {name: value.replace("\n", "\r\n") for name, value in data.items()}


def test_line_ends_and_trailing_spaces_are_normalised():
    assert text_normalised("Satu  \r\nDua\t\r\n\r\nTiga\r") == "Satu\nDua\n\nTiga"
    assert text_normalised("\n\n  Awal tetap\n\n") == "Awal tetap"


def test_revising_with_the_same_text_in_crlf_records_no_version(demo_user, at_drafter, official):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    version = draft.current_version
    same = draft_revise(
        draft=draft,
        actor=pelaksana,
        body=version.body.replace("\n", "  \r\n"),
        closing=version.closing.replace("\n", "\r\n") + "\r\n",
    )
    assert same.number == 1
    assert draft.versions.count() == 1
    assert not AuditEvent.objects.filter(event_type="letters.revised").exists()


def test_a_changed_text_is_stored_with_lf_line_ends(demo_user, at_drafter, official):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    version = draft_revise(draft=draft, actor=pelaksana, body="Alinea satu.  \r\n\r\nAlinea dua.")
    assert version.number == 2
    assert version.body == "Alinea satu.\n\nAlinea dua."


def test_submitting_an_untouched_editor_records_no_version(client, demo_user, at_drafter, official):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    client.force_login(pelaksana)
    response = client.post(
        reverse("letters:submit", args=[draft.pk]), _as_browser_sends(draft), follow=True
    )
    page = response.content.decode()
    assert "Konsep diajukan untuk paraf berjenjang." in page
    assert "dijadikan versi" not in page
    assert draft.versions.count() == 1
    draft.refresh_from_db()
    assert draft.state == "review"


def test_saving_an_untouched_editor_says_nothing_changed(client, demo_user, at_drafter, official):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    client.force_login(pelaksana)
    response = client.post(
        reverse("letters:draft", args=[draft.pk]), _as_browser_sends(draft), follow=True
    )
    assert "Tidak ada perubahan; tidak ada versi baru yang dicatat." in response.content.decode()
    assert draft.versions.count() == 1


def test_submitting_with_a_change_records_exactly_one_version(
    client, demo_user, at_drafter, official
):
    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    client.force_login(pelaksana)
    response = client.post(
        reverse("letters:submit", args=[draft.pk]),
        _as_browser_sends(draft, closing="Penutup yang baru.\nHormat kami."),
        follow=True,
    )
    assert "Perubahan yang belum disimpan dijadikan versi 2." in response.content.decode()
    assert draft.versions.count() == 2
    assert draft.current_version.closing == "Penutup yang baru.\nHormat kami."


def test_the_reviewers_changes_box_has_one_line_per_line_and_wraps(
    client, demo_user, at_drafter, official
):
    from autentika.letters.review import draft_submit

    pelaksana = demo_user("pelaksana")
    draft = draft_create(case=at_drafter(), actor=pelaksana, kind="certificate")
    draft_revise(draft=draft, actor=pelaksana, body="Alinea pembuka.\n\nAlinea penutup.")
    draft_submit(draft=draft, actor=pelaksana)
    client.force_login(demo_user("kasubbag"))
    page = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
    box = page[
        page.index('data-testid="diff"') : page.index("</pre>", page.index('data-testid="diff"'))
    ]
    # Each line is its own block: no line break between them doubles the blank lines.
    assert "</span>\n" not in box
    assert '<span class="diff-added">+ Alinea pembuka.</span>' in box
    assert '<span class="diff-added">+ Alinea penutup.</span>' in box
