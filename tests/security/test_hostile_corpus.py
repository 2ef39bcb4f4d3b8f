"""The bad-input corpus (issue #15): hostile results files, uploads, form values and API bodies.
Each is refused with an Indonesian message, and nothing is written: no row of the models the
step would change and no stored file."""

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from autentika.cases.models import Case, CaseDocument, Disposition
from autentika.core.models import AuditEvent
from autentika.letters.drafting import draft_create
from autentika.letters.models import Draft, DraftVersion
from autentika.portal.models import OnlineSubmission, PartyApiToken
from autentika.results.election_services import decision_create, election_create
from autentika.results.import_types import ResultsFileInvalid
from autentika.results.models import (
    Dapil,
    DecisionStatus,
    Legislature,
    Party,
    PartyResult,
    ResultVersion,
)
from autentika.results.services import results_import
from tests.security import samples
from tests.support.results import keeper, xlsx_bytes

WATCHED: list[Any] = [
    Case,
    CaseDocument,
    Disposition,
    Draft,
    DraftVersion,
    OnlineSubmission,
    PartyApiToken,
    ResultVersion,
    PartyResult,
    Dapil,
    Party,
    get_user_model(),
]


def _snapshot(*, audit: bool = True) -> dict[str, Any]:
    counts: dict[str, Any] = {model.__name__: model.objects.count() for model in WATCHED}
    if audit:
        counts["AuditEvent"] = AuditEvent.objects.count()
    root = Path(settings.PRIVATE_FILES_ROOT)
    counts["files"] = sorted(str(p) for p in root.rglob("*") if p.is_file())
    return counts


def _errors(page: str) -> str:
    """The error texts a form page shows (for the assertion message)."""
    found = re.findall(
        r'class="(?:invalid-feedback|alert[^"]*|errorlist[^"]*)"[^>]*>(.*?)</', page, re.S
    )
    return " | ".join(" ".join(text.split()) for text in found) or page[:300]


def _scan_pdf() -> bytes:
    from tests.support.documents import scan_pdf

    return scan_pdf()


# ---------------------------------------------------------------- results imports
HEADER = "dapil,kursi_dapil,nomor_partai,partai,suara_sah,kursi\n"


def _csv(row: str) -> bytes:
    return (HEADER + "DAPIL A,3,1,Alfa,1000,2\n" + row + "\n").encode()


ROWS: list[list[object]] = [
    ["dapil", "kursi_dapil", "nomor_partai", "partai", "suara_sah", "kursi"],
    ["DAPIL A", 3, 1, "Alfa", 1000, 2],
]


def _xlsx_row(row: list[object]) -> bytes:
    return xlsx_bytes({"hasil": [*ROWS, row]})


IMPORTS: list[tuple[str, str, bytes, str]] = [
    ("nul-in-dapil", "a.csv", _csv("DAPIL\x00A,3,2,Beta,400,1"), "data biner"),
    ("escape-in-party", "a.csv", _csv("DAPIL A,3,2,Be\x1bta,400,1"), "karakter kendali"),
    ("rtl-override", "a.csv", _csv("DAPIL A,3,2,\u202eateB,400,1"), "karakter kendali"),
    ("formula-party", "a.csv", _csv('DAPIL A,3,2,"=HYPERLINK(""http://x"")",400,1'), "rumus"),
    ("formula-dapil", "a.csv", _csv("@SUM(A1),3,2,Beta,400,1"), "rumus"),
    ("long-party", "a.csv", _csv("DAPIL A,3,2," + "B" * 5000 + ",400,1"), "terlalu panjang"),
    ("huge-votes", "a.csv", _csv("DAPIL A,3,2,Beta," + "9" * 30 + ",1"), "terlalu besar"),
    ("exponent", "a.csv", _csv("DAPIL A,3,2,Beta,1e6,1"), "bukan bilangan bulat"),
    ("arabic-digits", "a.csv", _csv("DAPIL A,3,2,Beta,\u0664\u0660\u0660,1"), "bukan bilangan"),
    ("fullwidth-digits", "a.csv", _csv("DAPIL A,3,2,Beta,\uff14\uff10\uff10,1"), "bukan bilangan"),
    ("plus-sign", "a.csv", _csv("DAPIL A,3,2,Beta,+400,1"), "bukan bilangan bulat"),
    ("utf16", "a.csv", _csv("DAPIL A,3,2,Beta,400,1").decode().encode("utf-16"), "data biner"),
    ("xlsx-formula", "a.xlsx", _xlsx_row(["DAPIL A", 3, 2, "Beta", "=1+399", 1]), "bukan bilangan"),
    ("xlsx-bool", "a.xlsx", _xlsx_row(["DAPIL A", 3, 2, "Beta", True, 1]), "bukan bilangan"),
    ("xlsx-date", "a.xlsx", _xlsx_row(["DAPIL A", 3, 2, "Beta", dt.date(2024, 1, 1), 1]), "nilai"),
]


@pytest.mark.parametrize(
    ("file_name", "content", "expected"),
    [case[1:] for case in IMPORTS],
    ids=[case[0] for case in IMPORTS],
)
def test_hostile_results_file(sumut, file_name, content, expected):
    who = keeper(sumut)  # the office's keeper of the results archive
    target = election_create(
        office=sumut, code="uji-2024", year=2024, legislature=Legislature.DPRD_PROVINSI, actor=who
    )
    decision = decision_create(
        election=target,
        number="1 Tahun 2024",
        date=dt.date(2024, 3, 1),
        title="Penetapan hasil uji",
        status=DecisionStatus.OFFICIAL,
        actor=who,
    )
    before = _snapshot()
    with pytest.raises(ResultsFileInvalid) as refused:
        results_import(
            election=target, decision=decision, file_name=file_name, content=content, actor=who
        )
    messages = " ".join(issue.message for issue in refused.value.issues)
    assert expected in messages, messages
    assert _snapshot() == before


# ---------------------------------------------------------------- uploads (register form)
UPLOADS: list[tuple[str, str, Callable[[], bytes]]] = [
    ("pdf-javascript-open-action", "surat.pdf", samples.pdf_javascript_open_action),
    ("pdf-javascript-names", "surat.pdf", samples.pdf_javascript_names),
    ("pdf-launch-action", "surat.pdf", samples.pdf_launch_action),
    ("pdf-page-action", "surat.pdf", samples.pdf_page_additional_action),
    ("pdf-encrypted", "surat.pdf", samples.pdf_encrypted),
    ("pdf-too-many-pages", "surat.pdf", samples.pdf_too_many_pages),
    ("pdf-truncated", "surat.pdf", samples.pdf_truncated),
    ("pdf-broken-xref", "surat.pdf", samples.pdf_broken_xref),
    ("html-dressed-as-pdf", "surat.pdf", samples.html_with_pdf_header),
    ("png-truncated", "surat.png", samples.png_truncated),
    ("jpeg-truncated", "surat.jpg", samples.jpeg_truncated),
    ("png-pixel-bomb", "surat.png", samples.png_pixel_bomb),
    ("windows-program", "surat.pdf", lambda: b"MZ\x90\x00\x03" + b"\x00" * 200),
    (
        "svg-script",
        "surat.png",
        lambda: b'<svg onload="alert(1)" xmlns="http://www.w3.org/2000/svg"/>',
    ),
]


def _register_data(election, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "party": election.parties.get(number=4).pk,
        "party_level": "DPD",
        "letter_number": "77/DPD/2025",
        "letter_date": timezone.localdate().isoformat(),
        "subject": "Permohonan data autentifikasi",
        "elections": [election.pk],
        "purpose": "financial_aid",
        "channel": "walk_in",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "letter_scan": SimpleUploadedFile("surat.pdf", _scan_pdf(), "application/pdf"),
    }
    data.update(overrides)
    return data


UPLOAD_REFUSED = ("bukan berkas PDF, JPG, atau PNG yang sah", "tidak diterima", "ditolak")


@pytest.mark.parametrize(
    ("name", "make"), [case[1:] for case in UPLOADS], ids=[case[0] for case in UPLOADS]
)
def test_hostile_upload_on_the_register_form(client, demo_user, official, name, make):
    client.force_login(demo_user("tu"))
    before = _snapshot()
    kept_before = _kept()
    scan = SimpleUploadedFile(name, make(), "application/octet-stream")
    response = client.post(reverse("cases:create"), _register_data(official, letter_scan=scan))
    page = response.content.decode()
    assert response.status_code == 200
    assert any(phrase in page for phrase in UPLOAD_REFUSED), _errors(page)
    assert _snapshot() == before
    # Nor is it kept for another attempt: only a file that passed its content check is.
    assert _kept() == kept_before and "Berkas yang sudah dipilih" not in page


def _kept() -> list[str]:
    root = Path(settings.AUTENTIKA_KEPT_UPLOADS_DIR)
    return sorted(str(p) for p in root.glob("*")) if root.is_dir() else []


# ---------------------------------------------------------------- form values
REQUIRED = "Bidang ini tidak boleh kosong"
CHOICE = "Pilihan tidak sah"
NUL = "Karakter null tidak diizinkan"

REGISTER_VALUES: list[tuple[str, dict[str, Any], str]] = [
    ("letter-number-too-long", {"letter_number": "9" * 5000}, "paling banyak 120 karakter"),
    ("subject-nul", {"subject": "Permohonan\x00data"}, NUL),
    ("subject-blank", {"subject": "   "}, REQUIRED),
    ("date-impossible", {"letter_date": "2025-02-30"}, "tanggal yang valid"),
    ("date-far-future", {"letter_date": "2999-01-01"}, "tanggal"),
    ("received-garbage", {"received_at": "'; DROP TABLE cases_case; --"}, "valid"),
    ("party-unknown", {"party": "999999"}, CHOICE),
    ("party-not-a-number", {"party": "1 OR 1=1"}, CHOICE),
    ("election-unknown", {"elections": ["999999"]}, CHOICE),
    ("purpose-unknown", {"purpose": "<script>alert(1)</script>"}, CHOICE),
    ("channel-unknown", {"channel": "telepati"}, CHOICE),
    ("level-unknown", {"party_level": "DPP; DELETE"}, CHOICE),
]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [case[1:] for case in REGISTER_VALUES],
    ids=[case[0] for case in REGISTER_VALUES],
)
def test_hostile_register_form_value(client, demo_user, official, overrides, expected):
    client.force_login(demo_user("tu"))
    before = _snapshot()
    response = client.post(reverse("cases:create"), _register_data(official, **overrides))
    page = response.content.decode()
    assert response.status_code == 200 and expected in page, _errors(page)
    assert "This field" not in page
    assert _snapshot() == before


DRAFT_VALUES: list[tuple[str, dict[str, Any], str]] = [
    ("kind-unknown", {"kind": "surat_palsu"}, CHOICE),
    ("nature-too-long", {"nature": "x" * 500}, "paling banyak 40 karakter"),
    ("subject-nul", {"subject": "Hal\x00"}, NUL),
    ("body-blank", {"body": "\n\n   \n"}, REQUIRED),
    ("closing-missing", {"closing": ""}, REQUIRED),
]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [case[1:] for case in DRAFT_VALUES],
    ids=[case[0] for case in DRAFT_VALUES],
)
def test_hostile_draft_editor_value(client, demo_user, official, at_drafter, overrides, expected):
    case = at_drafter()
    draft = draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    client.force_login(demo_user("pelaksana"))
    data = {
        "kind": "certificate",
        "nature": "Biasa",
        "attachment": "-",
        "subject": "Keterangan autentifikasi",
        "body": "Isi surat.",
        "closing": "Demikian.",
        "copies": "",
        **overrides,
    }
    before = _snapshot()
    response = client.post(reverse("letters:draft", args=[draft.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200 and expected in page, _errors(page)
    assert _snapshot() == before


SUBMISSION_VALUES: list[tuple[str, dict[str, Any], str]] = [
    ("other-party", {"party_number": 5}, CHOICE),
    ("letter-number-nul", {"letter_number": "1\x00/DPD"}, NUL),
    ("scan-missing", {"scan": ""}, REQUIRED),
    (
        "scan-html",
        {"scan": SimpleUploadedFile("a.pdf", samples.html_with_pdf_header())},
        "belum terkirim",
    ),
    ("elections-unknown", {"elections": ["424242"]}, CHOICE),
]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [case[1:] for case in SUBMISSION_VALUES],
    ids=[case[0] for case in SUBMISSION_VALUES],
)
def test_hostile_portal_submission(client, official, party_user, overrides, expected):
    client.force_login(party_user())
    party_number = overrides.pop("party_number", 4)
    data = {
        "party": official.parties.get(number=party_number).pk,
        "party_level": "DPD",
        "letter_number": "77/DPD-GOLKAR/2025",
        "letter_date": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        "subject": "Permohonan data autentifikasi",
        "elections": [official.pk],
        "purpose": "financial_aid",
        "scan": SimpleUploadedFile("permohonan.pdf", _scan_pdf(), "application/pdf"),
        **overrides,
    }
    if data["scan"] == "":
        del data["scan"]
    before = _snapshot()
    response = client.post(reverse("portal:submit"), data)
    page = response.content.decode()
    assert response.status_code == 200 and expected in page, _errors(page)
    assert _snapshot() == before


LOGIN_VALUES: list[tuple[str, dict[str, str], str]] = [
    ("username-huge", {"username": "a" * 10_000, "password": "x"}, "salah"),
    ("username-nul", {"username": "ketua\x00", "password": "demo-autentika"}, NUL),
    ("sql-injection", {"username": "' OR '1'='1' --", "password": "' OR '1'='1"}, "salah"),
    ("password-missing", {"username": "ketua"}, REQUIRED),
]


@pytest.mark.parametrize(
    ("data", "expected"),
    [case[1:] for case in LOGIN_VALUES],
    ids=[case[0] for case in LOGIN_VALUES],
)
def test_hostile_login(client, sumut, data, expected):
    before = _snapshot(audit=False)  # a failed login is recorded, by design
    response = client.post(reverse("login"), data)
    page = response.content.decode()
    assert response.status_code == 200 and expected in page, _errors(page)
    assert "_auth_user_id" not in client.session
    assert _snapshot(audit=False) == before


# ---------------------------------------------------------------- API bodies
API: list[tuple[str, str, str, dict[str, Any], str]] = [
    ("verify-no-file", "post", "/api/v1/verify", {"data": {"token": "x"}}, "tidak sah"),
    (
        "verify-json-body",
        "post",
        "/api/v1/verify",
        {"data": '{"file": "JVBERi0="}', "content_type": "application/json"},
        "tidak sah",
    ),
    (
        "verify-html-file",
        "post",
        "/api/v1/verify",
        {"data": {"file": SimpleUploadedFile("a.pdf", samples.html_with_pdf_header())}},
        "tidak asli",
    ),
    (
        "verify-huge-token",
        "post",
        "/api/v1/verify",
        {"data": {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.7"), "token": "t" * 100_000}},
        "Tidak ada surat",
    ),
    (
        "letter-token-traversal",
        "get",
        "/api/v1/letters/..%2F..%2Fetc%2Fpasswd",
        {},
        "Tidak ditemukan",
    ),
    ("request-id-not-a-number", "get", "/api/v1/requests/abc", {}, "tidak"),
    (
        "requests-forged-bearer",
        "get",
        "/api/v1/requests",
        {"HTTP_AUTHORIZATION": "Bearer ' OR 1=1 --"},
        "tidak",
    ),
]


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "expected"),
    [case[1:] for case in API],
    ids=[case[0] for case in API],
)
def test_hostile_api_body(client, official, method, path, kwargs, expected):
    before = _snapshot()
    response = getattr(client, method)(path, **kwargs)
    assert response["Content-Type"].startswith("application/json"), response.content[:300]
    body = response.json()
    text = str(body)
    assert expected in text, text[:2000]
    assert body.get("valid") is not True
    assert "Field required" not in text and "Input should" not in text
    assert _snapshot() == before


def test_corpus_has_at_least_fifty_hostile_inputs():
    total = sum(
        len(cases)
        for cases in (
            IMPORTS,
            UPLOADS,
            REGISTER_VALUES,
            DRAFT_VALUES,
            SUBMISSION_VALUES,
            LOGIN_VALUES,
            API,
        )
    )
    assert total >= 50
