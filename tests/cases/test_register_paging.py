"""The register pages by agenda key: forward and back through every entry exactly once, with
the search and period kept in the page links, and a hand-edited key never fails the page."""

import re

import pytest

from autentika.cases import register_paging

pytestmark = pytest.mark.django_db


def agenda_numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r">(\d+)/\d{4}</a></td>", html)]


def link(html: str, label: str) -> str | None:
    match = re.search(r'href="\?([^"]*)">[^<]*' + label, html)
    return match[1].replace("&amp;", "&") if match else None


@pytest.fixture
def five_requests(register, monkeypatch):
    monkeypatch.setattr(register_paging, "PAGE_SIZE", 2)
    return [register(letter_number=f"0{i}/DPD/2026") for i in range(1, 6)]


def test_forward_and_back_through_the_register(client, demo_user, five_requests):
    client.force_login(demo_user("tu"))
    year = five_requests[0].agenda_year
    first = client.get(f"/permohonan/?year={year}").content.decode()
    assert agenda_numbers(first) == [1, 2]
    assert link(first, "Sebelumnya") is None

    second = client.get(f"/permohonan/?{link(first, 'Berikutnya')}").content.decode()
    assert agenda_numbers(second) == [3, 4]
    last = client.get(f"/permohonan/?{link(second, 'Berikutnya')}").content.decode()
    assert agenda_numbers(last) == [5]
    assert link(last, "Berikutnya") is None

    back = client.get(f"/permohonan/?{link(last, 'Sebelumnya')}").content.decode()
    assert agenda_numbers(back) == [3, 4]
    back_again = client.get(f"/permohonan/?{link(back, 'Sebelumnya')}").content.decode()
    assert agenda_numbers(back_again) == [1, 2]
    assert link(back_again, "Sebelumnya") is None


def test_the_search_stays_in_the_page_links(client, demo_user, five_requests):
    client.force_login(demo_user("tu"))
    year = five_requests[0].agenda_year
    page = client.get(f"/permohonan/?year={year}&q=DPD").content.decode()
    following = link(page, "Berikutnya")
    assert following is not None and "q=DPD" in following and f"year={year}" in following
    # the export still takes the whole filtered register, not one page
    assert "buku.xlsx?year=" in page and "setelah" not in page.split("buku.xlsx")[1][:80]


@pytest.mark.parametrize("key", ["2026-x", "abc", "9999999999-1", "-1"])
def test_a_hand_edited_key_starts_at_the_first_page(client, demo_user, five_requests, key):
    client.force_login(demo_user("tu"))
    year = five_requests[0].agenda_year
    response = client.get(f"/permohonan/?year={year}&setelah={key}")
    assert response.status_code == 200
    assert agenda_numbers(response.content.decode()) == [1, 2]
