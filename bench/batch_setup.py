"""What the batch suite needs before it measures: the demo office with an archived official
decision, the demo CA's services on a bench port, the Ketua's key, and many drafts at the
signing step. One case goes through the services (register, dispositions, draft, paraf); the
others are copies of its rows (bulk_create), so a thousand drafts take seconds, not minutes."""

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

# The test suite's small archive (three parties, three dapil) and its review chain.
from tests.support.cases import CHAIN
from tests.support.letters import REVIEWERS, archive_results, election_with_parties

PKI_PORT = 18231


@dataclass
class BatchWorld:
    office: Any
    ketua: Any
    passphrase: str
    pki: Any  # the running PkiService
    template: Any  # a draft at the signing step, copied by drafts_clone


def _user(name: str) -> Any:
    return get_user_model().objects.get(username=name)


def _election(office: Any) -> Any:
    from autentika.results.models import DecisionStatus

    election = election_with_parties(office, source="bench")
    archive_results(election, DecisionStatus.OFFICIAL)
    return election


def _template_draft(office: Any, election: Any) -> Any:
    from autentika.cases.registration import case_register
    from autentika.cases.services import case_dispose
    from autentika.core.pdf import html_to_pdf
    from autentika.core.uploads import Upload
    from autentika.letters.drafting import draft_create
    from autentika.letters.review import draft_approve, draft_submit

    now = timezone.now()
    case = case_register(
        office=office,
        actor=_user("tu"),
        party=election.parties.get(number=4),
        party_level="DPD",
        letter_number="bench/0",
        letter_date=timezone.localdate(now) - dt.timedelta(days=2),
        subject="Permohonan data autentifikasi perolehan suara dan kursi",
        elections=[election],
        purpose="financial_aid",
        channel="walk_in",
        received_at=now - dt.timedelta(hours=1),
        letter_scan=Upload("surat-permohonan.pdf", html_to_pdf("<p>Surat permohonan</p>")),
    )
    for username, code in CHAIN:
        case_dispose(
            case=case,
            actor=_user(username),
            to_position=office.positions.get(code=code),
            instruction="proses",
            urgency="segera",
        )
    draft = draft_create(case=case, actor=_user("pelaksana"), kind="certificate")
    draft_submit(draft=draft, actor=_user("pelaksana"))
    for username in REVIEWERS:
        draft_approve(draft=draft, actor=_user(username))
    draft.refresh_from_db()
    return draft


_built: dict[str, BatchWorld] = {}


def world_build(files_dir: str) -> BatchWorld:
    """The office, its archive, the demo CA serving on PKI_PORT and one draft to copy. Built
    once per bench run (the suites share one database); a later call restarts the demo CA's
    services on the same files (each suite stops them when it ends) and returns the world."""
    from autentika.demo import demo_ca, pki_service
    from autentika.demo.signers import demo_signers_seed, demo_signing_passphrase
    from autentika.organization.demo import SUMUT, demo_office_seed

    url = f"http://{pki_service.DEFAULT_HOST}:{PKI_PORT}"
    if (built := _built.get("world")) is not None:
        settings.AUTENTIKA_DEMO_PKI_URL = url
        settings.AUTENTIKA_TSA_URL = f"{url}/{demo_ca.ARCH}/tsa/tsa"
        built.pki = pki_service.pki_service_start(ca=demo_ca.demo_ca_current(), port=PKI_PORT)
        # Another suite may have given the signers new certificates (seed_demo in the serving
        # suite) whose CRL and OCSP addresses name its own port: theirs again, on this one.
        demo_signers_seed(lambda _: None)
        built.passphrase = demo_signing_passphrase()
        return built
    settings.PRIVATE_FILES_ROOT = files_dir
    settings.AUTENTIKA_DEMO_PKI_URL = url
    settings.AUTENTIKA_TSA_URL = f"{url}/{demo_ca.ARCH}/tsa/tsa"
    os.environ["AUTENTIKA_DEMO_PKI_URL"] = url
    os.environ["BENCH_BATCH_FILES_DIR"] = files_dir
    office, _ = demo_office_seed(SUMUT)
    ca = demo_ca.demo_ca_current()
    pki = pki_service.pki_service_start(ca=ca, port=PKI_PORT)
    demo_signers_seed(lambda _: None)
    election = _election(office)
    _built["world"] = BatchWorld(
        office=office,
        ketua=_signing_session_user("ketua"),
        passphrase=demo_signing_passphrase(),
        pki=pki,
        template=_template_draft(office, election),
    )
    return _built["world"]


def _signing_session_user(username: str) -> Any:
    """The signer as `letter_sign` sees them in a session their second factor verified (the
    serving suite's seed_demo gives the demo signers an authenticator device)."""
    user = _user(username)
    user.is_verified = lambda: True
    return user


@transaction.atomic
def drafts_clone(template: Any, count: int) -> list[int]:
    """`count` more cases at the signing step, each a copy of the template's case, draft,
    version and paraf (new agenda and party letter numbers; the same party, so the same
    table: the figure check passes for each as it did for the template)."""
    from autentika.cases.models import AgendaCounter, Case, CaseState
    from autentika.letters.desks import signer_position
    from autentika.letters.models import Draft, DraftVersion, Review

    case = template.case
    version = template.current_version
    reviews = list(template.reviews.all())
    last = (
        Case.objects.filter(office=case.office, agenda_year=case.agenda_year)
        .order_by("-agenda_number")[0]
        .agenda_number
    )
    fields = {f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields}
    fields.pop("id")
    # at the signing step, whatever became of the template since
    fields.update(
        state=CaseState.SIGNING, current_position_id=signer_position(office=case.office).pk
    )
    cases = Case.objects.bulk_create(
        Case(
            **{
                **fields,
                "agenda_number": last + i,
                "letter_number": f"bench/{last + i}",
            }
        )
        for i in range(1, count + 1)
    )
    Case.elections.through.objects.bulk_create(
        Case.elections.through(case_id=c.pk, election_id=e.pk)
        for c in cases
        for e in case.elections.all()
    )
    AgendaCounter.objects.filter(office=case.office, year=case.agenda_year).update(
        last_number=last + count
    )
    drafts = Draft.objects.bulk_create(
        Draft(case=c, created_at=template.created_at, created_by_id=template.created_by_id)
        for c in cases
    )
    version_fields = {
        f.attname: getattr(version, f.attname) for f in DraftVersion._meta.concrete_fields
    }
    version_fields.pop("id")
    versions = DraftVersion.objects.bulk_create(
        DraftVersion(
            **{
                **version_fields,
                "draft_id": d.pk,
                # the text names the party's letter: its number is the copy's own
                "body": version.body.replace(case.letter_number, c.letter_number),
                "subject": version.subject.replace(case.letter_number, c.letter_number),
            }
        )
        for d, c in zip(drafts, cases, strict=True)
    )
    DraftVersion.result_versions.through.objects.bulk_create(
        DraftVersion.result_versions.through(draftversion_id=v.pk, resultversion_id=r.pk)
        for v in versions
        for r in version.result_versions.all()
    )
    review_fields = [
        {
            f.attname: getattr(r, f.attname)
            for f in Review._meta.concrete_fields
            if f.attname != "id"
        }
        for r in reviews
    ]
    Review.objects.bulk_create(
        Review(**{**fields_, "draft_id": d.pk, "version_id": v.pk})
        for d, v in zip(drafts, versions, strict=True)
        for fields_ in review_fields
    )
    return [d.pk for d in drafts]
