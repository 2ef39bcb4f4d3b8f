"""Issue #17 figure 1: issuing one letter against its floor, in the same process and run.

Issuing is the product's `letter_sign` on a draft at the signing step: the checks, the
password (PBKDF2, as deployed), the key, the number, WeasyPrint, the PAdES B-LTA signature
(signature timestamp, the chain's CRL/OCSP in the DSS, the document timestamp) against the
demo CA's TSA/OCSP/CRL served over HTTP, the hash and the stored row.

Its floor is what no implementation can skip: the same user's password check, WeasyPrint
rendering the very HTML `letter_sign` rendered, and pyHanko signing that PDF B-LTA against the
same services with an already opened key. Both are timed in turns (issue, floor, issue...).

Through the BSrE simulator the floor is the password check, the same rendering and the
backend's own signing call (the simulator's HTTP round-trip, which signs and timestamps, plus
the validation data the backend adds): the ratio then shows what the product adds around the
provider, as the provider's cost is not ours to cut.
"""

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings

from autentika.organization.demo import DEMO_PASSWORD
from bench.batch_setup import drafts_clone, world_build
from bench.context import BenchContext
from bench.report import Figure
from bench.stats import Series, interleaved

PASSWORD = DEMO_PASSWORD  # the demo signers' password, as seed_demo set it
TARGET = 1.3


@contextmanager
def _html_captured() -> Iterator[list[str]]:
    """Every letter HTML `letter_sign` renders, in order (rendering.letter_pdf looks up
    letter_html in its module, so the wrapper sees each one)."""
    from autentika.letters import rendering

    original = rendering.letter_html
    seen: list[str] = []

    def capturing(**kwargs):  # type: ignore[no-untyped-def]
        html = original(**kwargs)
        seen.append(html)
        return html

    rendering.letter_html = capturing
    try:
        yield seen
    finally:
        rendering.letter_html = original


def _issue_and_floor(world, *, repeat: int, floor_sign: Callable[[bytes], object]):  # type: ignore[no-untyped-def]
    from autentika.core.pdf import html_to_pdf
    from autentika.letters.models import Draft
    from autentika.letters.services import letter_sign

    drafts = iter(Draft.objects.get(pk=pk) for pk in drafts_clone(world.template, repeat + 1))
    with _html_captured() as seen:

        def issue() -> None:
            letter_sign(
                draft=next(drafts),
                actor=world.ketua,
                password=PASSWORD,
                passphrase=world.passphrase,
            )

        def floor() -> None:
            world.ketua.check_password(PASSWORD)
            floor_sign(html_to_pdf(seen[-1]))

        return interleaved({"issue": issue, "floor": floor}, repeat=repeat, warmup=1)


def _local_floor_sign(world) -> Callable[[bytes], object]:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from autentika.signing import reauth, trust
    from autentika.signing.pades import pdf_sign

    signer = reauth.signer_open(
        key_path=trust.signer_key_path(world.ketua.username),
        passphrase=world.passphrase,
        at=timezone.now(),
    )
    roots = trust.trust_roots_load()

    def sign(pdf: bytes) -> object:
        return pdf_sign(
            pdf_bytes=pdf,
            signer=signer,
            reason="Surat Nomor 000",
            location=world.office.city,
            timestamp_url=settings.AUTENTIKA_TSA_URL,
            trust_roots=roots,
        )

    return sign


def _backend_floor_sign(world) -> Callable[[bytes], object]:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    from autentika.cases.services import acting_required
    from autentika.letters.desks import signer_position
    from autentika.signing import backends

    position = signer_position(office=world.office)
    backend = backends.backend_for(office=world.office, position=position)
    acting = acting_required(user=world.ketua, position=position)
    backend.prepare(
        identity=backends.signer_identity(user=world.ketua, assignment=acting),
        passphrase=world.passphrase,
        at=timezone.now(),
    )

    def sign(pdf: bytes) -> object:
        return backend.sign(
            backends.SignatureRequest(pdf=pdf, reason="Surat Nomor 000", location="Medan")
        )

    return sign


def _figures(label: str, series: dict[str, Series], floor_text: str) -> list[Figure]:
    issue, floor = series["issue"], series["floor"]
    return [
        Figure(
            suite="issuing", name=f"{label}: letter_sign (issue one letter)", unit="s", series=issue
        ),
        Figure(suite="issuing", name=f"{label}: floor ({floor_text})", unit="s", series=floor),
        Figure(
            suite="issuing",
            name=f"{label}: issue / floor (medians)",
            unit="x",
            ratio=issue.median / floor.median,
            at_most=TARGET,
            extra={"p95_ratio": issue.p95 / floor.p95},
        ),
    ]


def run(context: BenchContext) -> list[Figure]:
    from autentika.demo.demo_signing import demo_signing_running

    world = world_build(tempfile.mkdtemp(prefix="bench-issuing-"))
    repeat = context.repeat(12, 3)
    try:
        local = _issue_and_floor(world, repeat=repeat, floor_sign=_local_floor_sign(world))
        figures = _figures("local PKCS#12", local, "password + WeasyPrint + pyHanko B-LTA")
        office = world.office.code
        with demo_signing_running(kind="bsre", office_code=office, position_code="KETUA"):
            bsre = _issue_and_floor(world, repeat=repeat, floor_sign=_backend_floor_sign(world))
        figures += _figures("BSrE simulator", bsre, "password + WeasyPrint + backend.sign")
    finally:
        world.pki.stop()
    return figures
