"""Every role's case page and draft page, in every state of a request: each offers exactly the
steps the workflow table grants that user now (no button that would be refused, no allowed
step without its button), and the case page is drawn with a bounded number of statements
however many steps it offers (the user's assignments and the case's facts read once)."""

import pytest
from django.urls import reverse

from autentika.cases.workflow import case_steps
from autentika.handover.services import handover_record
from autentika.letters.drafting import draft_create
from autentika.letters.services import letter_sign
from tests.support.letters import PASSWORD
from tests.support.queries import statements_counted

USERS = ["ketua", "sekretaris", "kabag", "kasubbag", "pelaksana", "tu"]
# The case page of a request of one election (#32): the session, the user, the assignments, the
# second factor, the case, its desk and disposition, its elections and their archived results,
# the reply draft, its version, the letter, the receipt, the archive rule, documents, the log,
# the notifications; the first opening at the desk also writes the read receipt and its event.
CASE_PAGE_STATEMENTS = 20


def _markers(case, draft):
    """The form or link each step's button is, on the case page or the draft page."""
    markers = {
        "dispose": ("case", f'action="{reverse("cases:dispose", args=[case.pk])}"'),
        "recheck": ("case", f'action="{reverse("cases:recheck", args=[case.pk])}"'),
        "assign": ("case", f'action="{reverse("cases:assign", args=[case.pk])}"'),
        "hand_over": ("case", f'href="{reverse("handover:create", args=[case.pk])}"'),
        "draft": ("case", f'action="{reverse("letters:start", args=[case.pk])}"'),
        "extend": ("case", f'action="{reverse("cases:extend", args=[case.pk])}"'),
    }
    if draft is not None:
        markers.update(
            {
                "submit": ("draft", f'action="{reverse("letters:submit", args=[draft.pk])}"'),
                "approve": ("draft", f'action="{reverse("letters:approve", args=[draft.pk])}"'),
                "return": ("draft", f'action="{reverse("letters:return", args=[draft.pk])}"'),
                "sign": ("draft", f'href="{reverse("letters:sign", args=[draft.pk])}"'),
            }
        )
    return markers


def _check_every_role(client, demo_user, case):
    case.refresh_from_db()
    draft = getattr(case, "draft", None)
    for name in USERS:
        user = demo_user(name)
        client.force_login(user)
        client.get(reverse("cases:detail", args=[case.pk]))  # the first opening writes
        with statements_counted() as statements:
            pages = {"case": client.get(reverse("cases:detail", args=[case.pk])).content.decode()}
        assert len(statements) <= CASE_PAGE_STATEMENTS, (
            f"{name}, {case.state}: the case page ran {len(statements)} statements:\n"
            + "\n".join(sql[:150] for sql in statements)
        )
        if draft is not None:
            pages["draft"] = client.get(reverse("letters:draft", args=[draft.pk])).content.decode()
        allowed = case_steps(user, case)
        for step, (page, marker) in _markers(case, draft).items():
            offered = marker in pages[page]
            assert offered == (step in allowed), f"{name}, {case.state}: {step} offered={offered}"


@pytest.mark.django_db
def test_every_page_in_every_state_offers_what_the_table_grants(
    client,
    official,
    at_drafter,
    at_signer,
    demo_user,
    signer_keys,
):
    # drafting (after the dispositions), then with a draft, then the review and signing
    case = at_drafter(letter_number="001/A/2025")
    _check_every_role(client, demo_user, case)
    draft_create(case=case, actor=demo_user("pelaksana"), kind="certificate")
    _check_every_role(client, demo_user, case)
    draft = at_signer(letter_number="002/A/2025")
    _check_every_role(client, demo_user, draft.case)
    letter = letter_sign(
        draft=draft, actor=demo_user("ketua"), password=PASSWORD, passphrase=signer_keys
    )
    _check_every_role(client, demo_user, letter.case)
    handover_record(
        letter=letter,
        actor=demo_user("tu"),
        recipient_name="Budi",
        recipient_position="Sekretaris DPD",
        identity_number="1271011203850001",
        handed_at=letter.signed_at,
        channel="in_person",
    )
    _check_every_role(client, demo_user, letter.case)


@pytest.mark.django_db
def test_the_pages_at_each_desk_of_the_disposition_chain(
    client,
    official,
    demo_user,
    sumut,
):
    from autentika.cases.services import case_dispose
    from tests.support.cases import CHAIN

    made = _registered(sumut, demo_user, official)
    _check_every_role(client, demo_user, made)
    for username, code in CHAIN:
        case_dispose(
            case=made,
            actor=demo_user(username),
            to_position=sumut.positions.get(code=code),
            instruction="proses",
            urgency="segera",
        )
        _check_every_role(client, demo_user, made)


def _registered(sumut, demo_user, election):
    import datetime as dt

    from django.utils import timezone

    from autentika.cases.registration import case_register
    from autentika.core.uploads import Upload
    from tests.support.documents import scan_pdf

    now = timezone.now()
    return case_register(
        office=sumut,
        actor=demo_user("tu"),
        party=election.parties.get(number=4),
        party_level="DPD",
        letter_number="003/A/2025",
        letter_date=timezone.localdate(now) - dt.timedelta(days=2),
        subject="Permohonan data",
        elections=[election],
        purpose="financial_aid",
        channel="walk_in",
        received_at=now - dt.timedelta(hours=1),
        letter_scan=Upload("surat.pdf", scan_pdf()),
    )
