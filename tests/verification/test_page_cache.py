"""The QR page is kept per letter for visitors who are not signed in: a repeated visit costs
one query and one read of the shared cache, its upload form still carries a working CSRF token
of the visitor's own, and a signed-in member of staff still gets the page drawn for them."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

TOKEN_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _url(letter):
    return reverse("verification:letter", args=[letter.verification_token])


@pytest.mark.django_db
def test_a_repeated_visit_reads_only_the_letters_row(official, sign):
    letter = sign()
    visitor = Client()
    first = visitor.get(_url(letter)).content.decode()
    with CaptureQueriesContext(connection) as queries:
        again = visitor.get(_url(letter))
    assert again.status_code == 200
    # the letter by its token, with what can change about it, and its page in the shared cache
    assert len(queries) == 2
    assert "autentika_cache" in queries[1]["sql"] and "autentika_cache" not in queries[0]["sql"]
    html = again.content.decode()
    assert "Surat ini sah dan berlaku" in html and letter.number in html
    assert TOKEN_INPUT.sub("", html) == TOKEN_INPUT.sub("", first)


@pytest.mark.django_db
def test_the_kept_pages_upload_form_works_for_each_visitor(official, sign):
    letter = sign()
    Client().get(_url(letter))  # someone else's visit keeps the page
    visitor = Client(enforce_csrf_checks=True)
    html = visitor.get(_url(letter)).content.decode()
    token = TOKEN_INPUT.search(html).group(1)
    assert "csrf-token-of-this-request" not in html
    response = visitor.post(
        _url(letter),
        {
            "csrfmiddlewaretoken": token,
            "file": SimpleUploadedFile("surat.pdf", letter.pdf, "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "sama persis dengan surat yang tercatat" in response.content.decode()
    # a visitor without the page's token is refused, as on any form
    stranger = Client(enforce_csrf_checks=True)
    refused = stranger.post(
        _url(letter), {"file": SimpleUploadedFile("surat.pdf", b"%PDF-1.7", "application/pdf")}
    )
    assert refused.status_code == 403


@pytest.mark.django_db
def test_signed_in_staff_see_their_own_navigation(official, sign, demo_user, client):
    letter = sign()
    Client().get(_url(letter))
    client.force_login(demo_user("tu"))
    html = client.get(_url(letter)).content.decode()
    assert "Keluar" in html and "Surat ini sah dan berlaku" in html
