"""Random sequences of steps by random users of two offices; after every step the invariants
hold: numbers gapless per office and year, every signed letter has its stored PDF and hash,
a case's state agrees with its draft and letter, nothing the table forbids succeeded, and
nothing a screen offered (with the inputs the screen offers) was refused."""

import datetime as dt
import hashlib
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    rule,
    run_state_machine_as_test,
)

from autentika.cases.models import Case, CaseState
from autentika.cases.registration import case_register
from autentika.cases.selectors import disposition_targets
from autentika.cases.services import case_assign, case_dispose, disposition_withdraw
from autentika.cases.workflow import case_steps
from autentika.core.uploads import Upload
from autentika.demo.signers import demo_signers_seed, demo_signing_passphrase
from autentika.handover.models import Receipt
from autentika.handover.services import handover_record
from autentika.letters.drafting import draft_create
from autentika.letters.models import SignedLetter
from autentika.letters.review import draft_approve, draft_return, draft_submit
from autentika.letters.services import letter_sign
from autentika.organization.demo import DEMO_PASSWORD, RI, SUMUT, demo_office_seed
from autentika.organization.selectors import position_holders
from autentika.results.models import (
    Dapil,
    Decision,
    DecisionStatus,
    Election,
    Legislature,
    Party,
    PartyResult,
    ResultVersion,
)
from autentika.results.parties import party_identity_for
from tests.support.documents import scan_pdf

REFUSED = (ValidationError, PermissionDenied)
STEPS = [
    "dispose",
    "withdraw",
    "assign",
    "draft",
    "submit",
    "approve",
    "return",
    "sign",
    "hand_over",
]
SUMUT_USERS = ["ketua", "sekretaris", "kabag", "kasubbag", "pelaksana", "tu"]
# At KPU RI two staff hold the Pelaksana position at once.
RI_USERS = [f"ri-{name}" for name in SUMUT_USERS] + ["ri-pelaksana2"]


def _election(office, code: str) -> Election:
    election = Election.objects.create(
        office=office, code=code, name=f"Pemilu {code}", year=2024, legislature=Legislature.DPR
    )
    dapil = Dapil.objects.create(election=election, name="Dapil I", seats=3)
    decision = Decision.objects.create(
        election=election,
        number="1 Tahun 2024",
        date=dt.date(2024, 5, 28),
        title="Penetapan",
        status=DecisionStatus.OFFICIAL,
    )
    version = ResultVersion.objects.create(
        election=election, decision=decision, number=1, source_sha256="0" * 64
    )
    for number, name, votes, seats in [(4, "Golkar", 5000, 2), (5, "NasDem", 2500, 1)]:
        party = Party.objects.create(
            election=election,
            number=number,
            short_name=name,
            political_party=party_identity_for(short_name=name, source="test"),
        )
        PartyResult.objects.create(
            version=version, dapil=dapil, party=party, votes=votes, seats=seats
        )
    return election


def request_register(*, office, election, actor, number, party=None):
    """A walk-in request for the election, registered by `actor`."""
    return case_register(
        office=office,
        actor=actor,
        party=party or election.parties.get(number=4),
        party_level="DPP",
        letter_number=f"{number:03d}/DPP/2026",
        letter_date=timezone.localdate() - dt.timedelta(days=1),
        subject="Permohonan data autentifikasi",
        elections=[election],
        purpose="financial_aid",
        channel="walk_in",
        received_at=timezone.now() - dt.timedelta(minutes=5),
        letter_scan=Upload("surat.pdf", scan_pdf()),
    )


def _members(position):
    return [a.user for a in position_holders(position=position)]


class WorkflowMachine(RuleBasedStateMachine):
    offices: list = []
    users: dict = {}
    elections: dict = {}

    def __init__(self) -> None:
        # Every sequence starts from the same set-up (the offices, their elections
        # and one registered request each, built once) inside a savepoint rolled back after it.
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.letter_numbers = itertools.count(len(self.offices) + 1)

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _cases(self) -> list[Case]:
        return list(Case.objects.select_related("office", "current_position").order_by("id"))

    def _attempt(self, user, case, step, perform) -> None:
        offered = step in case_steps(user, case)
        try:
            perform()
        except REFUSED:
            assert not offered, f"{step} offered to {user} but refused"
            return
        assert offered, f"{step} not offered to {user} but it succeeded"

    @rule(office=st.integers(0, 1), who=st.integers(0, 5), party=st.sampled_from([4, 5]))
    def register(self, office, who, party):
        office_obj = self.offices[office]
        user = self.users[office_obj.pk][who]
        election = self.elections[office_obj.pk]
        number = next(self.letter_numbers)
        before = Case.objects.count()
        try:
            request_register(
                office=office_obj,
                election=election,
                actor=user,
                number=number,
                party=election.parties.get(number=party),
            )
        except REFUSED:
            assert who != 5, "Tata Usaha was refused registration"
            assert Case.objects.count() == before
            return
        assert who == 5, "only Tata Usaha registers"

    def _perform(self, case, user, step, data):
        """The service call for a step, with the inputs its screen would offer."""
        if step == "dispose":
            targets, _ = disposition_targets(case=case)
            if not targets:
                return None
            target = data.draw(st.sampled_from(targets))
            member = None
            if target.several_holders:  # the screen offers its members, or nobody
                member = data.draw(st.sampled_from([None, *_members(target)]))
            return lambda: case_dispose(
                case=case,
                actor=user,
                to_position=target,
                instruction="proses",
                urgency="biasa",
                to_user=member,
            )
        if step == "assign":
            if case.current_position is None or not case.current_position.several_holders:
                return None
            member = data.draw(st.sampled_from(_members(case.current_position)))
            return lambda: case_assign(case=case, actor=user, member=member)
        if step == "withdraw":
            disposition = case.dispositions.filter(withdrawn_at__isnull=True).last()
            if disposition is None:
                return None
            return lambda: disposition_withdraw(disposition=disposition, actor=user)
        if step == "draft":
            if hasattr(case, "draft"):
                return None
            return lambda: draft_create(case=case, actor=user, kind="certificate")
        if step == "sign":
            if not hasattr(case, "draft"):
                return None
            return lambda: letter_sign(
                draft=case.draft,
                actor=user,
                password=DEMO_PASSWORD,
                passphrase=demo_signing_passphrase(),
            )
        if step == "hand_over":
            letter = case.letters.first()
            if letter is None:
                return None
            return lambda: handover_record(
                letter=letter,
                actor=user,
                recipient_name="Penerima",
                recipient_position="Staf",
                identity_number="1271011203850001",
                handed_at=timezone.now(),
                channel="in_person",
            )
        if not hasattr(case, "draft"):
            return None
        return {
            "submit": lambda: draft_submit(draft=case.draft, actor=user),
            "approve": lambda: draft_approve(draft=case.draft, actor=user),
            "return": lambda: draft_return(draft=case.draft, actor=user, note="perbaiki"),
        }[step]

    @rule(data=st.data(), follow_screen=st.booleans(), repeat=st.integers(1, 6))
    def act(self, data, follow_screen, repeat):
        """A user takes a step: ones the screens offer (a run of them), or any step."""
        for _ in range(repeat if follow_screen else 1):
            case = data.draw(st.sampled_from(self._cases()))
            user = data.draw(st.sampled_from(self.users[case.office_id]))
            offered = sorted(case_steps(user, case) & set(STEPS))
            if follow_screen and offered:
                step = data.draw(st.sampled_from(offered))
            else:
                step = data.draw(st.sampled_from(STEPS))
            perform = self._perform(case, user, step, data)
            if perform is not None:
                self._attempt(user, case, step, perform)

    @invariant()
    def numbers_are_gapless(self):
        for office in self.offices:
            for numbers in (
                Case.objects.filter(office=office).values_list("agenda_number", flat=True),
                SignedLetter.objects.filter(office=office).values_list("sequence", flat=True),
                Receipt.objects.filter(office=office).values_list("sequence", flat=True),
            ):
                assert sorted(numbers) == list(range(1, len(numbers) + 1))

    @invariant()
    def an_assigned_case_waits_with_a_member_of_its_desk(self):
        for case in Case.objects.exclude(current_assignee=None).select_related("current_position"):
            assert case.current_position.several_holders
            assert case.current_assignee in _members(case.current_position)

    @invariant()
    def signed_letters_have_their_file(self):
        for letter in SignedLetter.objects.all():
            assert hashlib.sha256(bytes(letter.pdf)).hexdigest() == letter.sha256

    @invariant()
    def case_draft_and_letter_agree(self):
        for case in Case.objects.all():
            has_letter = SignedLetter.objects.filter(case=case).exists()
            assert has_letter == (case.state in (CaseState.SIGNED, CaseState.HANDED_OVER))
            if case.state in (CaseState.REVIEW, CaseState.SIGNING):
                assert hasattr(case, "draft")


@pytest.mark.django_db
def test_random_sequences_keep_the_workflow_invariants(django_user_model):
    sumut, _ = demo_office_seed(SUMUT)
    ri, _ = demo_office_seed(RI)
    demo_signers_seed(lambda _: None)
    WorkflowMachine.offices = [sumut, ri]
    WorkflowMachine.users = {
        sumut.pk: [django_user_model.objects.get(username=n) for n in SUMUT_USERS],
        ri.pk: [django_user_model.objects.get(username=n) for n in RI_USERS],
    }
    WorkflowMachine.elections = {
        sumut.pk: _election(sumut, "dpr-uji-sumut"),
        ri.pk: _election(ri, "dpr-uji-ri"),
    }
    for number, office in enumerate(WorkflowMachine.offices, start=1):
        request_register(
            office=office,
            election=WorkflowMachine.elections[office.pk],
            actor=WorkflowMachine.users[office.pk][5],
            number=number,
        )
    run_state_machine_as_test(
        WorkflowMachine,
        settings=settings(
            max_examples=200,
            stateful_step_count=5,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        ),
    )
