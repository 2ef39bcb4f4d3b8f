"""Bulk growth of the register for the scale suite, set-based in PostgreSQL: each generated
request is a copy of one real request made through the services (its case row, its election,
its first disposition, and every audit event of the real request's case, shifted to its own
dates) and the timeline those events give, with its own agenda key, dates, letter number and
subject; one in ten has a signed letter (a draft and a letter row copying a real letter's,
with its own number, hash and verification token; the PDF file is the real letter's, never
read by list pages).
Generated requests are closed (handed over): the open work of an office does not grow with its
history. YEARS years of history, the newest the current year. The generated events carry the
real events' chain hashes, so `verify_audit` on a bench database reports them: the chain is
the product's, the bench only needs the rows."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Max, Model

YEARS = 25
EVENTS_PER_REQUEST = 40  # room for the real request's events (about a dozen)
# The other offices' requests are numbered from here on: past any growth of the measured office.
SPREAD_FIRST = 5_000_000


@dataclass(frozen=True)
class Template:
    case: Any
    disposition: Any
    letter: Any
    election_id: int
    newest_year: int
    # whose audit events each generated request copies: the request that went through every
    # service up to the signing step, and its copy that was signed and handed over
    event_case_ids: tuple[int, ...] = ()


def _columns(model: type[Model]) -> list[str]:
    return [str(field.column) for field in model._meta.concrete_fields]


def _copy(model: type[Model], template_pk: int, series: str, overrides: dict[str, str]) -> None:
    columns = _columns(model)
    table = model._meta.db_table
    values = ", ".join(overrides.get(c, f't."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({names}) SELECT {values} FROM {table} t "
            f"CROSS JOIN ({series}) s WHERE t.id = %s",
            [template_pk],
        )


def _literal(moment: Any) -> str:
    return f"'{moment.isoformat()}'::timestamptz"


def _base(model: type[Model], *, at: int) -> int:
    """Generated ids are base + g: one fixed base per table and run, above every real id."""
    return (model._default_manager.aggregate(top=Max("id"))["top"] or 0) + at


def _sequences_reset(*models: type[Model]) -> None:
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )


@dataclass
class Grower:
    template: Template
    bases: dict[str, int]
    first_number: int  # generated agenda numbers start here, after every real one
    generated: int = 0

    @classmethod
    def start(cls, template: Template) -> "Grower":
        from autentika.cases.models import Case, Disposition
        from autentika.core.models import AuditEvent
        from autentika.letters.models import Draft, SignedLetter

        gap = 10_000_000  # real rows made later (other suites) never reach generated ids
        bases = {
            "event": _base(AuditEvent, at=gap * 10),
            "sequence": (AuditEvent.objects.aggregate(top=Max("sequence"))["top"] or 0) + gap * 10,
            "case": _base(Case, at=gap),
            "disposition": _base(Disposition, at=gap),
            "draft": _base(Draft, at=gap),
            "letter": _base(SignedLetter, at=gap),
        }
        real = Case.objects.aggregate(top=Max("agenda_number"))["top"] or 0
        return cls(template=template, bases=bases, first_number=real + 1000)

    def per_year(self) -> int:
        return self.generated // YEARS

    def grow_to(self, total: int) -> None:
        """Generate the measured office's requests number generated+1 .. total."""
        if total <= self.generated:
            return
        self._generate(self.generated + 1, total, office=str(self.template.case.office_id))
        self.generated = total

    def spread(self, *, offices: list[int], per_office: int) -> None:
        """Give every other office `per_office` requests of its own, so that the measured
        office's pages are read among a national installation's rows. Their numbers lie far
        beyond the measured office's (SPREAD_FIRST), so its growth never meets them."""
        if not offices:
            return
        array = "(ARRAY[" + ",".join(str(int(pk)) for pk in offices) + "])"
        office = f"{array}[1 + s.g %% {len(offices)}]"
        self._generate(SPREAD_FIRST + 1, SPREAD_FIRST + per_office * len(offices), office=office)

    def _generate(self, start: int, end: int, *, office: str) -> None:
        """Requests start..end of the office `office` (an SQL expression of the series' row)."""
        from autentika.cases.models import Case, Disposition
        from autentika.letters.models import Draft, SignedLetter

        t, b = self.template, self.bases
        series = self._series(start, end)
        _copy(
            Case,
            t.case.pk,
            series,
            {
                "id": f"{b['case']} + s.g",
                "office_id": office,
                "agenda_year": "s.y",
                "agenda_number": "s.n",
                "registered_at": "s.at",
                "received_at": "s.at",
                "letter_date": "s.at::date",
                "letter_number": "'bench/gen/' || s.g",
                "subject": "'Permohonan data perolehan suara dan kursi ' || s.g",
                "state": "'handed_over'",
                "current_position_id": "NULL",
                "current_assignee_id": "NULL",
                "due_on": "NULL",
                # the legal deadline as far after the registration as the real request's
                "kip_due_on": "t.kip_due_on + (s.at::date - t.registered_at::date)",
            },
        )
        through = Case.elections.through._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {through} (case_id, election_id) "
                f"SELECT {b['case']} + g, %s FROM generate_series(%s, %s) g",
                [t.election_id, start, end],
            )
        _copy(
            Disposition,
            t.disposition.pk,
            series,
            {
                "id": f"{b['disposition']} + s.g",
                "case_id": f"{b['case']} + s.g",
                "created_at": "s.at",
            },
        )
        signed = f"SELECT * FROM ({series}) x WHERE g %% 10 = 0"
        _copy(
            Draft,
            t.letter.draft_id,
            signed,
            {"id": f"{b['draft']} + s.g", "case_id": f"{b['case']} + s.g", "created_at": "s.at"},
        )
        _copy(
            SignedLetter,
            t.letter.pk,
            signed,
            {
                "id": f"{b['letter']} + s.g",
                "office_id": office,
                "draft_id": f"{b['draft']} + s.g",
                "case_id": f"{b['case']} + s.g",
                "year": "s.y",
                "sequence": "s.n",
                "number": "s.n || '/PY.01-SD/' || s.y",
                "date": "s.at::date",
                "signed_at": "s.at",
                "sha256": "md5(s.g::text) || md5((-s.g)::text)",
                "signed_revision_sha256": "md5(s.g::text) || md5((-s.g)::text)",
                "verification_token": "'bench-' || s.g",
            },
        )
        self._events_copy(start, end, office=office)
        self._timelines_copy(start, end, office=office)
        _sequences_reset(Case, Disposition, Draft, SignedLetter)
        with connection.cursor() as cursor:
            # What autovacuum does to a table that grew: statistics, and the visibility map
            # that lets counts be answered from an index alone.
            cursor.execute("VACUUM ANALYZE")
            # The bulk load's pages written out now: otherwise the checkpointer spreads them
            # over the next minutes, beside the pages being measured (an installation's
            # writes arrive over years, its checkpoints stay small).
            cursor.execute("CHECKPOINT")

    def _series(self, start: int, end: int) -> str:
        """Requests start..end: number g, year y, agenda number n, registration time at."""
        t, first = self.template, self.first_number
        return (
            f"SELECT g, {t.newest_year} - (g %% {YEARS}) AS y, g / {YEARS} + {first} AS n, "
            f"make_timestamptz({t.newest_year} - (g %% {YEARS}), 1 + (g / {YEARS}) %% 11, "
            f"1 + (g / {YEARS}) %% 28, 3, 0, 0, 'UTC') AS at "
            f"FROM generate_series({start}, {end}) g"
        )

    def _timelines_copy(self, start: int, end: int, *, office: str) -> None:
        """Each generated request's timeline (reports.CaseTimeline): the product's own
        computation over the events it copies, shifted to its registration."""
        from autentika.reports.models import CaseTimeline
        from autentika.reports.timeline import case_events, timeline_fields

        t, b = self.template, self.bases
        copied = sorted(
            (e for pk in t.event_case_ids for e in case_events([str(pk)]).get(str(pk), [])),
            key=lambda e: e.occurred_at,
        )[:EVENTS_PER_REQUEST]
        fields = timeline_fields(
            copied,
            registered_at=t.case.registered_at,
            kip_due_on=t.case.kip_due_on,
            kip_extended_due_on=t.case.kip_extended_due_on,
        )
        shifted = {"state_since", "handed_over_at"}
        registered_day = t.case.registered_at.date()
        values = {
            "case_id": f"{b['case']} + s.g",
            "office_id": office,
            "agenda_year": "s.y",
            "agenda_number": "s.n",
            "registered_at": "s.at",
        }
        for name, value in fields.items():
            if value is None:
                values[name] = "NULL"
            elif name in shifted:
                values[name] = f"s.at + ({_literal(value)} - {_literal(t.case.registered_at)})"
            elif isinstance(value, bool):
                values[name] = "TRUE" if value else "FALSE"
            elif isinstance(value, dt.date):  # a day, as far after the registration
                values[name] = f"s.at::date + {(value - registered_day).days}"
            elif name == "state":
                values[name] = f"'{value}'"
            else:
                values[name] = repr(float(value))
        names = ", ".join(f'"{c}"' for c in values)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {CaseTimeline._meta.db_table} ({names}) "
                f"SELECT {', '.join(values.values())} FROM ({self._series(start, end)}) s",
                [],  # with parameters given, psycopg reads the series' %% as one %
            )

    def _events_copy(self, start: int, end: int, *, office: str) -> None:
        """The events, the largest table by far, by two connections at once (one per core:
        PostgreSQL runs an INSERT on one)."""
        from concurrent.futures import ThreadPoolExecutor

        from autentika.core.models import AuditEvent

        middle = (start + end) // 2
        table = AuditEvent._meta.db_table
        # The copies repeat the real events' hashes, so they do not continue the keyed chain
        # (core/audit_chain.py): the insert trigger that moves the chain's head would refuse
        # them. The benchmark measures reads, not the chain: the trigger is off while the copies
        # go in (the bench connects as the owner), the head then names the last copy, and
        # events written later by the benchmark continue from it. `verify_audit` on a grown
        # database names the copies; never grow a database whose chain matters.
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER core_auditevent_head_move")
        try:
            with ThreadPoolExecutor(2) as pool:
                done = [
                    pool.submit(self._events_copy_part, start, middle, office),
                    pool.submit(self._events_copy_part, middle + 1, end, office),
                ]
                for part in done:
                    part.result()
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE core_auditchainhead h SET sequence = e.sequence, hash = e.hash "
                    f"FROM (SELECT sequence, hash FROM {table} ORDER BY sequence DESC LIMIT 1) e "
                    "WHERE h.id = 1"
                )
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER core_auditevent_head_move")
        _sequences_reset(AuditEvent)

    def _events_copy_part(self, start: int, end: int, office: str) -> None:
        """Every audit event of the real request's case, once per generated request: its own
        case id, times shifted by the generated registration, ids and sequence numbers of
        its own (EVENTS_PER_REQUEST apart). Runs in a thread, on its own connection."""
        from autentika.core.models import AuditEvent

        if end < start:
            return
        series = self._series(start, end)
        t, b = self.template, self.bases
        table = AuditEvent._meta.db_table
        columns = _columns(AuditEvent)
        overrides = {
            "id": f"{b['event']} + s.g * {EVENTS_PER_REQUEST} + e.k",
            "sequence": f"{b['sequence']} + s.g * {EVENTS_PER_REQUEST} + e.k",
            "target_id": f"({b['case']} + s.g)::text",
            "office_id": office,
            "occurred_at": f"s.at + (e.occurred_at - {_literal(t.case.registered_at)})",
        }
        values = ", ".join(overrides.get(c, f'e."{c}"') for c in columns)
        names = ", ".join(f'"{c}"' for c in columns)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {values} FROM "
                f"(SELECT *, row_number() OVER (ORDER BY occurred_at, id) - 1 AS k FROM {table} "
                f"WHERE target_type = 'cases.case' AND target_id = ANY(%s) "
                f"LIMIT {EVENTS_PER_REQUEST}) e "
                f"CROSS JOIN ({series}) s",
                [[str(pk) for pk in t.event_case_ids]],
            )
        connection.close()
