"""A "Teruskan" from a page drawn before the case moved (a second tab, a Plh acting at the
same time) is refused: the page says where the case is now and keeps the note typed."""

import re

from django.urls import reverse

from autentika.cases.services import case_dispose


def _dispose_form(page: str) -> dict[str, str]:
    stamp = re.search(r'name="based_on" value="([^"]*)"', page)
    assert stamp is not None, "the dispose form carries the case's stamp"
    return {"based_on": stamp.group(1)}


def _to_sekretaris(case, note):
    return {
        "to_position": case.office.positions.get(code="SEKRETARIS").pk,
        "instruction": "balas",
        "urgency": "segera",
        "security_class": "biasa",
        "note": note,
    }


def test_a_second_tabs_teruskan_after_the_case_moved_keeps_its_note(
    client, demo_user, register, official_without_figures
):
    case = register()
    ketua = demo_user("ketua")
    client.force_login(ketua)
    tab_b = _dispose_form(client.get(reverse("cases:detail", args=[case.pk])).content.decode())
    # Tab A disposes first.
    case_dispose(
        case=case,
        actor=ketua,
        to_position=case.office.positions.get(code="SEKRETARIS"),
        instruction="balas",
        urgency="segera",
    )
    response = client.post(
        reverse("cases:dispose", args=[case.pk]),
        {**tab_b, **_to_sekretaris(case, "Mohon dibalas minggu ini.")},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "sudah berpindah sejak halaman Anda dibuka" in page
    assert "Sekretaris" in page  # where it is now
    assert "Mohon dibalas minggu ini." in page  # the note typed, kept
    assert case.dispositions.count() == 1


def test_a_teruskan_from_a_current_page_goes_through(
    client, demo_user, register, official_without_figures
):
    case = register()
    client.force_login(demo_user("ketua"))
    form = _dispose_form(client.get(reverse("cases:detail", args=[case.pk])).content.decode())
    response = client.post(
        reverse("cases:dispose", args=[case.pk]), {**form, **_to_sekretaris(case, "Segera")}
    )
    assert response.status_code == 302
    assert case.dispositions.count() == 1


def test_a_case_withdrawn_and_disposed_again_is_not_the_case_the_page_showed(
    client, demo_user, register, official_without_figures
):
    from autentika.cases.services import disposition_withdraw

    case = register()
    ketua = demo_user("ketua")
    sekretaris = case.office.positions.get(code="SEKRETARIS")
    client.force_login(ketua)
    first = case_dispose(
        case=case, actor=ketua, to_position=sekretaris, instruction="balas", urgency="segera"
    )
    disposition_withdraw(actor=ketua, disposition=first)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    form = _dispose_form(page)
    case_dispose(
        case=case, actor=ketua, to_position=sekretaris, instruction="balas", urgency="biasa"
    )
    disposition_withdraw(actor=ketua, disposition=case.dispositions.last())
    # Same state and desk as when the page was drawn, but a disposition came and went.
    response = client.post(
        reverse("cases:dispose", args=[case.pk]), {**form, **_to_sekretaris(case, "Catatan")}
    )
    assert response.status_code == 409
    assert "Catatan" in response.content.decode()


def test_the_instruction_is_chosen_at_the_first_level_and_carries_down(
    client, demo_user, register, official_without_figures
):
    case = register()
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert '<option value="" selected>— pilih instruksi —</option>' in page
    case_dispose(
        case=case,
        actor=demo_user("ketua"),
        to_position=case.office.positions.get(code="SEKRETARIS"),
        instruction="balas",
        urgency="segera",
    )
    client.force_login(demo_user("sekretaris"))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert '<option value="balas" selected>Siapkan balasan</option>' in page
