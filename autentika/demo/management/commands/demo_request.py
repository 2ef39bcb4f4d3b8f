import datetime as dt
import json
from itertools import pairwise
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.text import slugify

from autentika.cases.registration import case_register
from autentika.cases.services import case_dispose
from autentika.core.pdf import html_to_pdf
from autentika.core.uploads import Upload
from autentika.demo.demo_signing import SIGNING_CHOICES, demo_signing_running
from autentika.demo.pki_service import demo_services_running
from autentika.demo.signers import demo_signers_seed, demo_signing_passphrase
from autentika.handover.demo import handover_demo_record
from autentika.letters.desks import review_route, signer_position
from autentika.letters.drafting import draft_create
from autentika.letters.review import draft_approve, draft_submit
from autentika.letters.services import letter_sign
from autentika.organization.demo import DEMO_PASSWORD
from autentika.organization.models import ChainPurpose, Position, PositionCode
from autentika.organization.second_factor import actor_verify, demo_totp_device, totp_code_now
from autentika.organization.selectors import chain_positions, office_get, position_holders
from autentika.results.models import DecisionStatus
from autentika.results.parties import party_identity_find, party_in_election
from autentika.results.selectors import election_current_version


def _holder(position: Position) -> Any:
    assignment = position_holders(position=position).first()
    if assignment is None:
        raise CommandError(f"Jabatan {position.title} tidak memiliki pemegang hari ini.")
    return assignment.user


class Command(BaseCommand):
    help = (
        "Run the whole procedure for a party headlessly through the services (register, "
        "dispositions, draft, initials, signature) and write the signed letter."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", required=True)
        parser.add_argument(
            "--party",
            required=True,
            help="nomor urut partai pada pemilu terbaru, atau kode/nama partai (mis. hanura)",
        )
        parser.add_argument(
            "--elections",
            default="",
            help="kode pemilu yang dimohonkan, dipisah koma (bawaan: semua yang diikuti partai)",
        )
        parser.add_argument("--out", required=True, type=Path)
        parser.add_argument("--allow-sample", action="store_true")
        parser.add_argument(
            "--signing",
            choices=SIGNING_CHOICES,
            default="local",
            help="the signing backend: the local PKCS#12 key, the BSrE simulator (API v1 or "
            "v2) or the CSC test service, started in this process",
        )
        parser.add_argument(
            "--handover",
            action="store_true",
            help="also record the hand-over to the party (tanda terima) by Tata Usaha",
        )

    def _party(self, elections: list[Any], named: str) -> Any:
        """The participation named by ballot number (in the newest election where that
        number stands) or by party code or name."""
        for election in elections:
            if named.isdigit():
                found = election.parties.filter(number=int(named)).first()
            else:
                identity = party_identity_find(named)
                found = election.parties.filter(political_party=identity).first()
            if found is not None:
                return found
        return None

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            summary = self._run(options)
        except (ValidationError, PermissionDenied) as error:
            messages = error.messages if isinstance(error, ValidationError) else [str(error)]
            raise CommandError("; ".join(messages)) from error
        self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))

    def _elections(self, office: Any, options: dict[str, Any]) -> list[Any]:
        """The office's elections with archived results usable here (official, or any with
        --allow-sample in a training office), newest first; --elections narrows them."""
        wanted = [c.strip() for c in (options.get("elections") or "").split(",") if c.strip()]
        usable = []
        for election in office.elections.order_by("-year", "legislature"):
            version = election_current_version(election=election)
            if version is None or (wanted and election.code not in wanted):
                continue
            if version.decision.status != DecisionStatus.OFFICIAL:
                if not options["allow_sample"]:
                    continue
                if not office.training_mode:
                    raise CommandError(
                        "Data contoh/sementara hanya boleh dipakai di kantor dalam mode latihan."
                    )
            usable.append(election)
        return usable

    def _run(self, options: dict[str, Any]) -> dict[str, Any]:
        office = office_get(code=options["office"])
        usable = self._elections(office, options)
        party = self._party(usable, str(options["party"]))
        if party is None:
            hint = "" if options["allow_sample"] else " (data contoh perlu --allow-sample)"
            raise CommandError(
                f"Tidak ada hasil pemilu terarsip untuk partai {options['party']} di "
                f"{office.code}{hint}."
            )
        # The other elections are resolved through the party's identity by the drafting
        # itself; with --elections they are requested even where the party did not stand.
        elections = (
            usable
            if options.get("elections")
            else [e for e in usable if party_in_election(party=party, election=e).party]
        )
        demo_signers_seed(lambda _: None)
        steps: list[dict[str, str]] = []

        def step(name: str, position: Position, user: Any) -> None:
            steps.append(
                {
                    "step": name,
                    "position": position.code,
                    "user": user.get_username(),
                    "at": timezone.localtime().isoformat(timespec="seconds"),
                }
            )

        tu_position = office.positions.get(code=PositionCode.TU)
        tu = _holder(tu_position)
        now = timezone.now()
        scan = html_to_pdf(
            f"<p>Surat permohonan data autentifikasi perolehan suara {party.short_name}</p>"
        )
        case = case_register(
            office=office,
            actor=tu,
            party=party,
            party_level="DPD",
            letter_number=f"DEMO/{slugify(party.short_name).upper()}/{now:%Y%m%d%H%M%S}",
            letter_date=timezone.localdate(now) - dt.timedelta(days=1),
            subject="Permohonan data autentifikasi perolehan suara dan kursi",
            elections=elections,
            purpose="financial_aid",
            channel="walk_in",
            received_at=now - dt.timedelta(minutes=30),
            letter_scan=Upload("surat-permohonan.pdf", scan),
        )
        step("register", tu_position, tu)
        route = chain_positions(office=office, purpose=ChainPurpose.DISPOSITION)
        for from_position, to_position in pairwise(route):
            user = _holder(from_position)
            case_dispose(
                case=case,
                actor=user,
                to_position=to_position,
                instruction="proses",
                urgency="biasa",
                # At a position several staff hold, the disposition names one of them.
                to_user=_holder(to_position) if to_position.several_holders else None,
            )
            step("dispose", from_position, user)
        reviewers = review_route(office=office)
        drafter = _holder(reviewers[0])
        draft = draft_create(case=case, actor=drafter, kind="certificate")
        step("draft", reviewers[0], drafter)
        draft_submit(draft=draft, actor=drafter)
        step("submit", reviewers[0], drafter)
        for position in reviewers[1:]:
            user = _holder(position)
            draft_approve(draft=draft, actor=user)
            step("initial", position, user)
        signing = signer_position(office=office)
        signer = _holder(signing)
        # The signer confirms with the code of their demo authenticator, as on the sign page.
        actor_verify(user=signer, token=totp_code_now(demo_totp_device(user=signer)))
        with (
            demo_services_running(),
            demo_signing_running(
                kind=options.get("signing") or "local",
                office_code=office.code,
                position_code=signing.code,
            ),
        ):
            letter = letter_sign(
                draft=draft,
                actor=signer,
                password=DEMO_PASSWORD,
                passphrase=demo_signing_passphrase(),
            )
        step("sign", signing, signer)
        Path(options["out"]).write_bytes(bytes(letter.pdf))
        receipt = None
        if options.get("handover"):
            receipt = handover_demo_record(letter=letter)
            assert receipt.recorded_by_position is not None
            step("handover", receipt.recorded_by_position, receipt.recorded_by)
        return {
            "receipt": receipt.number_label if receipt else None,
            "agenda_number": case.agenda_label,
            "party": party.short_name,
            "elections": [e.code for e in elections],
            "steps": steps,
            "letter_number": letter.number,
            "sha256": letter.sha256,
            "specimen": letter.is_specimen,
            "signing": options.get("signing") or "local",
            "certificate": letter.certificate_subject,
            "file": str(options["out"]),
        }
