"""The one declared table of who may do what.

Views, the command-line tools, later the API, and the tests all read `PERMISSIONS`. A rule names
the SOP duties (carried by positions, not people) that allow an action, and whether the user must
also hold the position at the case's current step, and whether the action manages people,
accounts or signing (then every duty that allows it needs a second factor: `second_factor_duties`).
Evaluation lives in `autentika.organization.access`, which knows who holds which position today.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db import models


class Duty(models.TextChoices):
    REGISTER = "register", "Mencatat surat masuk"
    DISPOSE = "dispose", "Mendisposisi"
    DRAFT = "draft", "Menyusun konsep balasan"
    INITIAL = "initial", "Memaraf konsep"
    SIGN = "sign", "Menandatangani"
    HAND_OVER = "hand_over", "Menyerahkan surat"
    MANAGE_RESULTS = "manage_results", "Mengelola arsip hasil pemilu"
    MANAGE_OFFICE = "manage_office", "Mengelola pengaturan kantor"


class Action(StrEnum):
    VIEW_HOME = "core.view_home"
    RESULTS_VIEW = "results.view"
    RESULTS_MANAGE = "results.manage"
    RESULTS_DECISION_STATUS = "results.decision_status"
    RESULTS_EXPLANATION_CONFIRM = "results.confirm_explanation"
    CASE_VIEW = "cases.view"
    CASE_REGISTER = "cases.register"
    CASE_DISPOSE = "cases.dispose"
    CASE_WITHDRAW = "cases.withdraw"
    CASE_RECHECK = "cases.recheck"
    CASE_ASSIGN = "cases.assign"
    CASE_EXTEND_DEADLINE = "cases.extend_deadline"
    LETTER_DRAFT = "letters.draft"
    LETTER_INITIAL = "letters.initial"
    LETTER_RETURN = "letters.return"
    LETTER_SIGN = "letters.sign"
    LETTER_SIGN_BULK = "letters.sign_bulk"
    LETTER_HAND_OVER = "letters.hand_over"
    LETTER_REVOKE = "letters.revoke"
    PORTAL_MANAGE = "portal.manage"
    OFFICE_MANAGE = "organization.manage_office"
    PORTAL_USE = "portal.use"


class Condition(StrEnum):
    """Conditions on the object beyond duties and the current step, evaluated by the part
    that knows the object (registered with `organization.access.register_condition`)."""

    # The user holds the position that wrote the case's last disposition (that it is still
    # unread is the withdraw step's requirement in the transition table).
    DISPOSITION_AUTHOR = "disposition_author"
    # The case waits, unassigned or to be reassigned, at a position several staff hold at
    # once, and the user holds the position that position reports to (its head).
    HEAD_OF_CURRENT_DESK = "head_of_current_desk"
    # The user holds, today, the position that signed the letter.
    LETTER_SIGNER = "letter_signer"
    # The case waits at the office's signer position (`Office.letter_signer_code`): only that
    # position signs, even where another position holds the signing duty too.
    AT_SIGNER_POSITION = "at_signer_position"


@dataclass(frozen=True)
class Rule:
    description: str
    duties: frozenset[Duty] = frozenset()
    any_position: bool = False
    # The user acts for the position holding the case's current step. At a position several
    # staff hold at once, only the member the case was given to, or a Plt/Plh of it, does.
    holds_current_step: bool = False
    # Party users (portal accounts) hold no position; a rule with this flag is theirs alone.
    party_account: bool = False
    condition: Condition | None = None
    # The action manages people, accounts or signing: whoever holds a duty that allows it
    # (definitive or Plt/Plh) must use a second factor (organization/second_factor.py).
    second_factor: bool = False


PERMISSIONS: dict[Action, Rule] = {
    Action.VIEW_HOME: Rule("Melihat beranda kantor", any_position=True),
    Action.RESULTS_VIEW: Rule("Melihat arsip hasil pemilu", any_position=True),
    Action.RESULTS_MANAGE: Rule(
        "Membuat pemilu dan mengimpor hasil", duties=frozenset({Duty.MANAGE_RESULTS})
    ),
    # Its own rule, though today the same duty: who may declare figures official can change
    # without changing who imports them.
    Action.RESULTS_DECISION_STATUS: Rule(
        "Mengubah status keputusan hasil dari sementara menjadi resmi",
        duties=frozenset({Duty.MANAGE_RESULTS}),
    ),
    # Four eyes on a total above the decision's: no duty approves results (the results
    # manager imports them); the position that answers for what a letter certifies signs it.
    Action.RESULTS_EXPLANATION_CONFIRM: Rule(
        "Mengonfirmasi penjelasan selisih yang menyatakan total di atas total keputusan",
        duties=frozenset({Duty.SIGN}),
        second_factor=True,
    ),
    Action.CASE_VIEW: Rule("Melihat permohonan", any_position=True),
    Action.CASE_REGISTER: Rule("Mencatat permohonan masuk", duties=frozenset({Duty.REGISTER})),
    Action.CASE_DISPOSE: Rule(
        "Mendisposisikan permohonan pada tahapnya",
        duties=frozenset({Duty.DISPOSE}),
        holds_current_step=True,
    ),
    Action.CASE_WITHDRAW: Rule(
        "Menarik kembali disposisi yang belum dibaca",
        duties=frozenset({Duty.DISPOSE}),
        condition=Condition.DISPOSITION_AUTHOR,
    ),
    Action.CASE_RECHECK: Rule(
        "Memeriksa ulang kelengkapan arsip keputusan pada tahapnya",
        duties=frozenset({Duty.DRAFT}),
        holds_current_step=True,
    ),
    Action.CASE_ASSIGN: Rule(
        "Menugaskan permohonan kepada salah satu staf jabatan yang dipegang beberapa orang",
        any_position=True,
        condition=Condition.HEAD_OF_CURRENT_DESK,
    ),
    # UU 14/2008 art. 22(8): the body's PPID extends, once, with written reasons; in a KPU
    # office the Sekretaris heads the PPID (the office-managing duty), Plt/Plh included.
    Action.CASE_EXTEND_DEADLINE: Rule(
        "Memperpanjang batas waktu jawaban permohonan 7 hari kerja dengan alasan tertulis",
        duties=frozenset({Duty.MANAGE_OFFICE}),
        second_factor=True,
    ),
    Action.LETTER_DRAFT: Rule(
        "Menyusun konsep balasan", duties=frozenset({Duty.DRAFT}), holds_current_step=True
    ),
    Action.LETTER_INITIAL: Rule(
        "Memaraf konsep pada tahapnya", duties=frozenset({Duty.INITIAL}), holds_current_step=True
    ),
    Action.LETTER_RETURN: Rule(
        "Mengembalikan konsep kepada penyusun pada tahapnya",
        duties=frozenset({Duty.INITIAL}),
        holds_current_step=True,
    ),
    Action.LETTER_SIGN: Rule(
        "Menandatangani surat",
        duties=frozenset({Duty.SIGN}),
        holds_current_step=True,
        condition=Condition.AT_SIGNER_POSITION,
        second_factor=True,
    ),
    # The page and the start; every letter of the batch is still checked like a single
    # signing (LETTER_SIGN at its step) by letter_sign.
    Action.LETTER_SIGN_BULK: Rule(
        "Menandatangani surat secara massal", duties=frozenset({Duty.SIGN}), second_factor=True
    ),
    Action.LETTER_HAND_OVER: Rule("Menyerahkan surat", duties=frozenset({Duty.HAND_OVER})),
    Action.LETTER_REVOKE: Rule(
        "Mencabut atau mengganti surat yang ditandatangani",
        duties=frozenset({Duty.SIGN}),
        condition=Condition.LETTER_SIGNER,
        second_factor=True,
    ),
    Action.PORTAL_MANAGE: Rule(
        "Mengelola akun partai dan mencatat permohonan daring",
        duties=frozenset({Duty.REGISTER}),
        second_factor=True,
    ),
    # Office-wide: a Plt/Plh of the Sekretaris manages the settings too.
    Action.OFFICE_MANAGE: Rule(
        "Mengelola pengaturan kantor (profil, logo, jabatan, penugasan, alur berjenjang)",
        duties=frozenset({Duty.MANAGE_OFFICE}),
        second_factor=True,
    ),
    Action.PORTAL_USE: Rule("Menggunakan portal partai", party_account=True),
}


def second_factor_duties(*, exempt: Iterable[str] = ()) -> frozenset[Duty]:
    """The duties whose holders must use a second factor: every duty that allows an action
    marked `second_factor` (managing people, accounts or signing), less the duties an
    installation exempts by code (AUTENTIKA_OTP_EXEMPT_DUTIES)."""
    exempted = set(exempt)
    return frozenset(
        duty
        for rule in PERMISSIONS.values()
        if rule.second_factor
        for duty in rule.duties
        if duty.value not in exempted
    )
