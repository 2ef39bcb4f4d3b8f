"""Issue #17 figure 4: the pages an office opens every day, with 1,000 requests in the
register and then with 1,000,000 (bulk-generated in PostgreSQL: bench/scale_data.py), each
at p95 within 2x of itself at 1,000. Pages are fetched as their users open them (Django's
test client, signed in, through every middleware): the inbox and the home dashboard, the
register's first page, a deep page (keyset: the middle of the current year), a search for
one party letter number, the yearly report and the public verification page of a letter.
Every KPU office is there (`offices_load`: 553 offices with their positions and chains), each
other office with OTHER_OFFICE_REQUESTS requests of its own (generated first, so both sizes are
measured among them); the 1,000 and the 1,000,000 are the measured office's own."""

import tempfile
import time
from typing import Any

from django.test import Client
from django.urls import reverse

from autentika.organization.demo import DEMO_PASSWORD
from bench.batch_setup import _user, drafts_clone, world_build
from bench.context import BenchContext
from bench.profiling import profile_write, profiling_on
from bench.report import Figure
from bench.scale_data import Grower, Template
from bench.stats import Series

PASSWORD = DEMO_PASSWORD  # the demo signers' password, as seed_demo set it
TARGET = 2.0
SMALL = 1_000
OTHER_OFFICE_REQUESTS = 100  # about four a year over the 25 years: a small office's history
PAGE_BUDGET_SECONDS = 15.0  # per page and size, after at least MIN_SAMPLES fetches
MIN_SAMPLES = 5


def _template(world: Any) -> Template:
    from django.utils import timezone

    from autentika.handover.models import HandoverChannel
    from autentika.handover.services import handover_record
    from autentika.letters.models import Draft
    from autentika.letters.services import letter_sign

    draft = Draft.objects.get(pk=drafts_clone(world.template, 1)[0])
    letter = letter_sign(
        draft=draft, actor=world.ketua, password=PASSWORD, passphrase=world.passphrase
    )
    # handed over, as every generated request is: its events then end where theirs do
    handover_record(
        letter=letter,
        actor=_user("tu"),
        recipient_name="Budi Penerima",
        recipient_position="Sekretaris DPD",
        identity_number="1271010101800001",
        handed_at=timezone.now(),
        channel=HandoverChannel.IN_PERSON,
    )
    case = letter.case
    case.refresh_from_db()
    return Template(
        case=case,
        disposition=world.template.case.dispositions.order_by("id").first(),
        letter=letter,
        election_id=case.elections.get().pk,
        newest_year=case.agenda_year,
        event_case_ids=(world.template.case.pk, case.pk),
    )


def _pages(grower: Grower, letter_token: str) -> dict[str, tuple[str, str]]:
    year = grower.template.newest_year
    middle = grower.first_number + grower.per_year() // 2
    one = grower.generated - grower.generated % 25 - 25  # a request of the newest year
    return {
        "inbox (Tata Usaha)": ("tu", reverse("cases:inbox")),
        "home dashboard (Tata Usaha)": ("tu", reverse("reports:dashboard")),
        "register, first page": ("tu", f"{reverse('cases:register')}?year={year}"),
        "register, deep page": (
            "tu",
            f"{reverse('cases:register')}?year={year}&setelah={year}-{middle}",
        ),
        "register, search a letter number": (
            "tu",
            f"{reverse('cases:register')}?year={year}&q=bench/gen/{max(one, 25)}",
        ),
        "report of the year": ("tu", f"{reverse('reports:report')}?year={year}"),
        "verification page (QR)": ("", reverse("verification:letter", args=[letter_token])),
    }


def _clients(pages: dict[str, tuple[str, str]]) -> dict[str, Client]:
    clients: dict[str, Client] = {}
    for username, _ in pages.values():
        if username not in clients:
            clients[username] = Client()
            if username:
                _signed_in(clients[username], _user(username))
    return clients


def _signed_in(client: Client, user: Any) -> None:
    """Signed in as the user after their second factor, as django-otp's login records it:
    the serving suite's seed_demo gives Tata Usaha an authenticator, and without the code
    every staff page answers with the code's page."""
    from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user

    client.force_login(user)
    device = next(iter(devices_for_user(user, confirmed=True)), None)
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def _measure(pages: dict[str, tuple[str, str]], repeat: int) -> dict[str, Series]:
    clients = _clients(pages)
    found = {}
    for name, (username, url) in pages.items():
        client = clients[username]
        response = client.get(url)  # warm-up; and the page must really answer
        if response.status_code != 200:
            where = response.get("Location", "")
            raise RuntimeError(f"{name}: {url} answered {response.status_code} {where}".strip())
        samples: list[float] = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            samples.append(time.perf_counter() - started)
            # a page of seconds (the year's report at a million) stops at its time budget
            if len(samples) >= MIN_SAMPLES and sum(samples) > PAGE_BUDGET_SECONDS:
                break
        found[name] = Series.of(samples)
    return found


def run(context: BenchContext) -> list[Figure]:
    from autentika.organization.offices_load import offices_load

    world = world_build(tempfile.mkdtemp(prefix="bench-scale-"))
    # the national installation's offices beside the measured one (its own kept as seeded)
    offices_load()
    try:
        template = _template(world)
    finally:
        world.pki.stop()
    grower = Grower.start(template)
    large = 100_000 if context.quick else 1_000_000
    repeat = context.repeat(20, 8)
    others = _other_offices(template.case.office_id)
    started = time.perf_counter()
    grower.spread(offices=others, per_office=OTHER_OFFICE_REQUESTS)
    spread_in = time.perf_counter() - started
    grower.grow_to(SMALL)
    small = _measure(_pages(grower, template.letter.verification_token), repeat)
    started = time.perf_counter()
    grower.grow_to(large)
    generated_in = time.perf_counter() - started
    large_pages = _pages(grower, "bench-" + str(grower.generated - 10 * 7))
    big = _measure(large_pages, repeat)
    figures = []
    for name in small:
        figures += [
            Figure(suite="scale", name=f"{name}, {SMALL:,} requests", unit="s", series=small[name]),
            Figure(suite="scale", name=f"{name}, {large:,} requests", unit="s", series=big[name]),
            Figure(
                suite="scale",
                name=f"{name}: p95 at {large:,} / p95 at {SMALL:,}",
                unit="x",
                ratio=big[name].p95 / small[name].p95,
                at_most=TARGET,
            ),
        ]
    if profiling_on():
        _profile_missed(large_pages, small, big)
    figures.append(
        Figure(
            suite="scale",
            name=f"generating {large - SMALL:,} requests (cases, dispositions, letters)",
            unit="s",
            series=Series.of([generated_in]),
        )
    )
    figures.append(
        Figure(
            suite="scale",
            name=f"generating {OTHER_OFFICE_REQUESTS} requests for each of the "
            f"{len(others)} other offices",
            unit="s",
            series=Series.of([spread_in]),
        )
    )
    return figures


def _other_offices(measured: int) -> list[int]:
    from autentika.organization.models import Office

    return list(Office.objects.exclude(pk=measured).order_by("pk").values_list("pk", flat=True))


def _profile_missed(
    pages: dict[str, tuple[str, str]], small: dict[str, Series], big: dict[str, Series]
) -> None:
    clients = _clients(pages)
    for name, (username, url) in pages.items():
        if big[name].p95 / small[name].p95 > TARGET:
            slug = name.split(" (")[0].replace(",", "").replace(" ", "-")
            client = clients[username]

            def fetch(client: Client = client, url: str = url) -> object:
                return client.get(url)

            profile_write(f"scale-{slug}", fetch, repeat=5)
