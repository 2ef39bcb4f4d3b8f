"""The signing page shows what is signed, above the secrets: the party, each election's
totals as the letter states them, and the full text as printed. A refused signing leaves a
page the browser's Back opens without sending the secrets again."""

import re

from django.urls import reverse

# The fixture's party 4 (Golkar) in its three dapil: 412.345 + 198.004 + 250.117 votes and
# 3 + 2 + 2 seats, added by hand.
GOLKAR_VOTES = "860.466"
GOLKAR_SEATS = "7"


def test_the_signer_sees_the_party_the_totals_and_the_text_before_the_secrets(
    client, demo_user, at_signer, official
):
    draft = at_signer()
    version = draft.current_version
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("letters:sign", args=[draft.pk])).content.decode()
    shown = page.index('data-testid="what-is-signed"')
    assert shown < page.index('id="sign-form"'), "what is signed comes before the secrets"
    section = page[shown : page.index('id="sign-form"')]
    assert "Partai Golongan Karya (Golkar)" in section
    totals = section[section.index('data-testid="signed-totals"') :]
    row = re.search(r"<tbody><tr>(.*?)</tr>", totals, re.S)
    assert row is not None
    assert "Pemilu Anggota DPRD Provinsi Sumatera Utara 2024" in row.group(1)
    assert f'<td class="num">{GOLKAR_VOTES}</td><td class="num">{GOLKAR_SEATS}</td>' in row.group(1)
    # The full text: subject, every paragraph of the body and closing, the copies.
    assert version.subject in section
    text = section.split("Teks lengkap")[1]
    assert "{{" not in text, "placeholders are shown filled, as printed"
    for line in version.closing.splitlines():
        if line.strip() and "{{" not in line:
            assert line.strip() in text
    assert "Tembusan:" in text and "Arsip" in text
    assert "Angka pada tabel diambil dari arsip" not in section  # the editor's help stays there


def test_a_refused_signing_is_answered_by_a_page_drawn_again(
    client, demo_user, at_signer, official, signer_keys
):
    draft = at_signer()
    client.force_login(demo_user("ketua"))
    response = client.post(
        reverse("letters:sign", args=[draft.pk]), {"password": "salah", "passphrase": signer_keys}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("letters:sign", args=[draft.pk])
    page = client.get(response["Location"]).content.decode()
    assert "alert-danger" in page and "Tanda tangani secara elektronik" in page


def test_the_signing_page_shows_the_letter_as_page_images(client, demo_user, at_signer, official):
    import subprocess

    from autentika.core.models import AuditEvent

    draft = at_signer()
    number = draft.current_version.number
    client.force_login(demo_user("ketua"))
    page = client.get(reverse("letters:sign", args=[draft.pk])).content.decode()
    pdf = client.get(reverse("letters:version_pdf", args=[draft.pk, number])).content
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    pages = int(re.search(rb"Pages:\s+(\d+)", info.stdout).group(1))
    images = re.findall(r'<img src="([^"]+halaman-(\d+)\.png)"', page)
    assert [int(n) for _, n in images] == list(range(1, pages + 1))
    assert page.index('data-testid="letter-pages"') < page.index('id="sign-form"')
    first = client.get(images[0][0])
    assert first.status_code == 200 and first["Content-Type"] == "image/png"
    assert first.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert AuditEvent.objects.filter(
        event_type="core.document_accessed", data__document="draft_page"
    ).exists()
    beyond = reverse("letters:version_page", args=[draft.pk, number, pages + 1])
    assert client.get(beyond).status_code == 404
