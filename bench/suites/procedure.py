"""Issue #17 figure 2: the whole procedure's server time for one request, by step, through
the same service functions the pages and the API call: registration (Tata Usaha), the four
dispositions down the chain, the draft, its submission and the three paraf, the signing, the
hand-over against a receipt, and the two public checks (the QR page's facts and the upload
check of the signed PDF). Target: everything outside issuing the letter costs less than half
of issuing it."""

import datetime as dt
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from autentika.organization.demo import DEMO_PASSWORD
from bench.batch_setup import CHAIN, REVIEWERS, _user, world_build
from bench.context import BenchContext
from bench.report import Figure
from bench.stats import Series

PASSWORD = DEMO_PASSWORD  # the demo signers' password, as seed_demo set it
TARGET = 0.5
STEP_STATEMENTS = 12
# What opens and closes a transaction or a savepoint is not counted: the step's statements and
# those of its effects after commit (notices, the timeline) are.
TRANSACTION_MARKERS = ("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK")
ISSUING = "sign (letter_sign)"


def _dispose(case: Any, username: str, code: str) -> Callable[[], Any]:
    from autentika.cases.services import case_dispose

    actor = _user(username)
    to_position = case.office.positions.get(code=code)
    return partial(
        case_dispose,
        case=case,
        actor=actor,
        to_position=to_position,
        instruction="proses",
        urgency="segera",
    )


def _one_request(
    world: Any,
    index: int,
    scan: bytes,
    timings: dict[str, list[float]],
    statements: dict[str, int] | None = None,
) -> None:
    from autentika.cases.registration import case_register
    from autentika.core.uploads import Upload
    from autentika.handover.models import HandoverChannel
    from autentika.handover.services import handover_record
    from autentika.letters.drafting import draft_create
    from autentika.letters.review import draft_approve, draft_submit
    from autentika.letters.services import letter_sign
    from autentika.verification.facts import letter_public_facts
    from autentika.verification.services import file_verify, letter_by_token

    def step(name: str, operation: Callable[[], Any]) -> Any:
        if statements is not None:  # counted in an unmeasured request (the debug cursor costs)
            with CaptureQueriesContext(connection) as captured:
                result = operation()
            statements[name] = sum(
                not query["sql"].startswith(TRANSACTION_MARKERS)
                for query in captured.captured_queries
            )
            return result
        started = time.perf_counter()
        result = operation()
        timings[name].append(time.perf_counter() - started)
        return result

    office = world.office
    election = world.template.case.elections.get()
    now = timezone.now()
    case = step(
        "register (case_register)",
        lambda: case_register(
            office=office,
            actor=_user("tu"),
            party=election.parties.get(number=4),
            party_level="DPD",
            letter_number=f"bench/prosedur/{index}",
            letter_date=timezone.localdate(now) - dt.timedelta(days=2),
            subject="Permohonan data autentifikasi perolehan suara dan kursi",
            elections=[election],
            purpose="financial_aid",
            channel="walk_in",
            received_at=now - dt.timedelta(hours=1),
            letter_scan=Upload("surat-permohonan.pdf", scan),
        ),
    )
    for username, code in CHAIN:
        step(f"dispose ({username})", _dispose(case, username, code))
    pelaksana = _user("pelaksana")
    draft = step(
        "draft (draft_create)",
        lambda: draft_create(case=case, actor=pelaksana, kind="certificate"),
    )
    step("submit for paraf (draft_submit)", lambda: draft_submit(draft=draft, actor=pelaksana))
    for username in REVIEWERS:
        reviewer = _user(username)
        step(f"paraf ({username})", partial(draft_approve, draft=draft, actor=reviewer))
    draft.refresh_from_db()
    letter = step(
        ISSUING,
        lambda: letter_sign(
            draft=draft, actor=world.ketua, password=PASSWORD, passphrase=world.passphrase
        ),
    )
    step(
        "hand over (handover_record)",
        lambda: handover_record(
            letter=letter,
            actor=_user("tu"),
            recipient_name="Budi Penerima",
            recipient_position="Sekretaris DPD",
            identity_number="1271010101800001",
            handed_at=timezone.now(),
            channel=HandoverChannel.IN_PERSON,
        ),
    )
    step(
        "verify: QR page facts",
        lambda: letter_public_facts(letter_by_token(letter.verification_token) or letter),
    )
    step("verify: upload check (file_verify)", lambda: file_verify(content=bytes(letter.pdf)))


def run(context: BenchContext) -> list[Figure]:
    from autentika.core.pdf import html_to_pdf

    world = world_build(tempfile.mkdtemp(prefix="bench-procedure-"))
    scan = html_to_pdf("<p>Surat permohonan data perolehan suara dan kursi</p>")
    timings: dict[str, list[float]] = defaultdict(list)
    try:
        _one_request(world, 0, scan, defaultdict(list))  # warm-up
        statements: dict[str, int] = {}  # counted on a warm process, not timed
        _one_request(world, 1, scan, defaultdict(list), statements)
        for index in range(2, context.repeat(8, 2) + 2):
            _one_request(world, index, scan, timings)
    finally:
        world.pki.stop()
    series = {name: Series.of(values) for name, values in timings.items()}
    outside = sum(s.median for name, s in series.items() if name != ISSUING)
    issuing = series[ISSUING].median
    figures = [
        Figure(suite="procedure", name=name, unit="s", series=s) for name, s in series.items()
    ]
    # #32: a step (issuing aside: it renders and signs) asks the database at most 12 times.
    figures += [
        Figure(
            suite="procedure",
            name=f"{name}: statements",
            unit="statements",
            ratio=float(count),
            at_most=None if name == ISSUING or name.startswith("verify") else STEP_STATEMENTS,
        )
        for name, count in statements.items()
    ]
    figures.append(
        Figure(
            suite="procedure",
            name="all steps but issuing / issuing (medians)",
            unit="x",
            ratio=outside / issuing,
            at_most=TARGET,
            note=f"outside issuing {outside * 1000:.0f} ms, issuing {issuing * 1000:.0f} ms",
            extra={"outside_seconds": outside, "issuing_seconds": issuing},
        )
    )
    return figures
