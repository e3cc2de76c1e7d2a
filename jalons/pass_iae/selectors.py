"""Reads about the end of the PASS IAE: when the aide au poste stops for a person, and
what was entered after it (contracts, missions, hours). The days covered are computed
by ``jalons.pass_iae.coverage``; the rule is written in ``docs/parcours.md`` (« La fin
du PASS IAE »)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from jalons.contrats.models import Contract, ContractKind
from jalons.parcours.models import MonthlyHours, Parcours
from jalons.pass_iae import coverage
from jalons.pass_iae.coverage import PassPeriod
from jalons.pass_iae.models import PassIae
from jalons.rules.dates import fr, month_label

# « À faire » and the person's file announce a PASS ending within this many days.
PASS_ENDING_DAYS = 30
AIDE_STOPS = "l'aide au poste s'arrête à la fin du PASS IAE"


def periods_of(passes) -> list[PassPeriod]:
    return [PassPeriod(p.number, p.start_date, p.end_date) for p in passes]


def month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def contract_last_day(contract: Contract, today: dt.date) -> dt.date:
    """The last day a contract runs: its end; without one, the exit of its pathway;
    still open, at least today."""
    if contract.end_date:
        return contract.end_date
    if contract.parcours.exit_date:
        return contract.parcours.exit_date
    return max(contract.start_date, today)


@dataclass
class Beyond:
    """What was entered after the end of one PASS IAE."""

    pass_iae: PassPeriod
    contracts: list = field(default_factory=list)  # (contract, first day, last day)
    months: list = field(default_factory=list)  # first days of months, in order

    def contracts_text(self) -> list[str]:
        out = []
        for contract, first, last in self.contracts:
            end = f"au {fr(last)}" if contract.end_date else "sans date de fin"
            kind, start = contract.get_kind_display(), fr(contract.start_date)
            text = f"{kind} « {contract.post} » du {start} {end}"
            if first > contract.start_date:
                text += f" (sans PASS à partir du {fr(first)})"
            out.append(text)
        return out

    def months_text(self) -> str:
        if not self.months:
            return ""
        if len(self.months) <= 3:
            return "heures de " + ", ".join(month_label(m) for m in self.months)
        return (
            f"heures de {len(self.months)} mois, de {month_label(self.months[0])} "
            f"à {month_label(self.months[-1])}"
        )

    def short_text(self) -> str:
        parts = []
        if self.contracts:
            n = len(self.contracts)
            last = max(last for _, _, last in self.contracts)
            parts.append(
                f"{n} contrat{'s' if n > 1 else ''} ou mission{'s' if n > 1 else ''} "
                f"(jusqu'au {fr(last)})"
            )
        if self.months:
            parts.append(f"heures de {len(self.months)} mois")
        return " et ".join(parts)


@dataclass
class PassStatus:
    """The PASS IAE of a person seen on ``today``."""

    today: dt.date
    periods: list[PassPeriod]
    present: bool
    current: coverage.Block | None = None  # the PASS days that include today
    ended: PassPeriod | None = None  # ended before today, the person still present
    beyond: list[Beyond] = field(default_factory=list)

    @property
    def ending_soon(self) -> bool:
        return (
            self.present
            and self.current is not None
            and self.current.end <= self.today + dt.timedelta(days=PASS_ENDING_DAYS)
        )

    @property
    def overdue(self) -> bool:
        """The PASS ended while the person is present, or work was entered after it."""
        return self.ended is not None or bool(self.beyond)

    def alerts(self) -> list[tuple[str, str]]:
        """(level, French text) for the person's file: « warning » or « info »."""
        out = []
        if self.ended:
            out.append(
                (
                    "warning",
                    f"Le PASS IAE n° {self.ended.number} a pris fin le {fr(self.ended.end)} "
                    f"et la personne est toujours présente : {AIDE_STOPS}. Demandez une "
                    "prolongation si elle y a droit, ou enregistrez la sortie.",
                )
            )
        for group in self.beyond:
            items = [*group.contracts_text()]
            if group.months:
                items.append(group.months_text())
            out.append(
                (
                    "warning",
                    f"Après la fin du PASS IAE n° {group.pass_iae.number} "
                    f"({fr(group.pass_iae.end)}), le dossier compte encore : "
                    f"{' ; '.join(items)}. L'aide au poste n'est pas versée pour ces jours.",
                )
            )
        if self.ending_soon:
            days = (self.current.end - self.today).days
            when = "aujourd'hui" if days == 0 else f"dans {days} jour{'s' if days > 1 else ''}"
            out.append(
                (
                    "info",
                    f"Le PASS IAE n° {self.current.last.number} finit le "
                    f"{fr(self.current.end)}, {when} : {AIDE_STOPS}. Préparez la suite "
                    "(prolongation ou sortie).",
                )
            )
        return out

    def todo_text(self) -> str:
        group = self.beyond[-1] if self.beyond else None
        ended = self.ended or group.pass_iae
        verb = "fini" if ended.end < self.today else "finissant"
        parts = [f"PASS IAE n° {ended.number} {verb} le {fr(ended.end)}"]
        if self.ended:
            parts.append("personne toujours présente")
        if group:
            parts.append(f"après cette date : {group.short_text()}")
        return " ; ".join(parts)


def pass_status(
    *, passes, contracts, hours, present: bool, today: dt.date, since: dt.date | None = None
) -> PassStatus:
    """``passes``: PASS IAE of one person; ``contracts`` and ``hours`` (MonthlyHours)
    to compare with them; ``since``: ignore hours before this month."""
    periods = periods_of(passes)
    status = PassStatus(today=today, periods=periods, present=present)
    if not periods:
        return status
    status.current = coverage.block_on(periods, today)
    if present:
        status.ended = coverage.ended_before(periods, today)
    groups: dict[PassPeriod, Beyond] = {}
    for contract in sorted(contracts, key=lambda c: c.start_date):
        last = contract_last_day(contract, today)
        found = coverage.first_day_beyond(periods, contract.start_date, last)
        if found:
            first, ended = found
            groups.setdefault(ended, Beyond(ended)).contracts.append((contract, first, last))
    for h in sorted(hours, key=lambda h: h.month):
        if not h.hours or (since and h.month < since.replace(day=1)):
            continue
        ended = coverage.wholly_beyond(periods, h.month, month_end(h.month))
        if ended:
            groups.setdefault(ended, Beyond(ended)).months.append(h.month)
    status.beyond = sorted(groups.values(), key=lambda g: g.pass_iae.end)
    return status


def person_pass_status(*, person, today: dt.date) -> PassStatus:
    """For the person's file: every pathway, contract and month of hours."""
    parcours = list(Parcours.objects.filter(person=person))
    return pass_status(
        passes=PassIae.objects.filter(person=person),
        contracts=Contract.objects.filter(parcours__person=person).select_related("parcours"),
        hours=MonthlyHours.objects.filter(person=person),
        present=any(p.exit_date is None for p in parcours),
        today=today,
    )


def present_pass_statuses(*, structure, today: dt.date) -> list[tuple[Parcours, PassStatus]]:
    """For « À faire »: each pathway in progress with the PASS IAE of its person, its
    contracts and the hours since its hire. People without a PASS are left out."""
    present = list(
        Parcours.objects.filter(structure=structure, exit_date__isnull=True).select_related(
            "person"
        )
    )
    people = [p.person_id for p in present]
    passes, hours, contracts = defaultdict(list), defaultdict(list), defaultdict(list)
    for p in PassIae.objects.filter(person_id__in=people):
        passes[p.person_id].append(p)
    for h in MonthlyHours.objects.filter(person_id__in=people):
        hours[h.person_id].append(h)
    for c in Contract.objects.filter(parcours__in=present).select_related("parcours"):
        contracts[c.parcours_id].append(c)
    out = []
    for parcours in present:
        if not passes[parcours.person_id]:
            continue
        status = pass_status(
            passes=passes[parcours.person_id],
            contracts=contracts[parcours.pk],
            hours=hours[parcours.person_id],
            present=True,
            today=today,
            since=parcours.hire_date,
        )
        out.append((parcours, status))
    return out


def contract_warning(*, contract: Contract, today: dt.date, saved: bool = True) -> str | None:
    """The warning shown once a contract or mission is saved beyond the PASS end
    (``saved``), or on the page of that mission."""
    passes = PassIae.objects.filter(person_id=contract.parcours.person_id)
    last = contract_last_day(contract, today)
    found = coverage.first_day_beyond(periods_of(passes), contract.start_date, last)
    if not found:
        return None
    first, ended = found
    this, recorded = _CONTRACT_WORDS.get(contract.kind, _CONTRACT_WORDS[ContractKind.CDDI])
    return (
        f"Attention : {this} court au-delà de la fin du PASS IAE n° {ended.number} "
        f"({fr(ended.end)}) : {AIDE_STOPS} et n'est plus versée à partir du {fr(first)}. "
        + (f"{recorded} ; demandez" if saved else "Demandez")
        + " une prolongation du PASS si la personne y a droit."
    )


# How the warning names what was entered (« ce contrat », « cette mission »).
_CONTRACT_WORDS = {
    ContractKind.CDDI: ("ce contrat", "Le contrat est enregistré tel quel"),
    ContractKind.MISSION: ("cette mission", "La mission est enregistrée telle quelle"),
    ContractKind.MISE_A_DISPOSITION: (
        "cette mise à disposition",
        "La mise à disposition est enregistrée telle quelle",
    ),
}


def hours_warning(*, person, months: list[dt.date], today: dt.date) -> str | None:
    """The warning shown once hours are saved for months after the PASS end."""
    periods = periods_of(PassIae.objects.filter(person=person))
    groups: dict[PassPeriod, Beyond] = {}
    for month in sorted(months):
        ended = coverage.wholly_beyond(periods, month, month_end(month))
        if ended:
            groups.setdefault(ended, Beyond(ended)).months.append(month)
    if not groups:
        return None
    texts = [
        f"{g.months_text()} après la fin du PASS IAE n° {g.pass_iae.number} ({fr(g.pass_iae.end)})"
        for g in groups.values()
    ]
    return (
        f"Attention : {' ; '.join(texts)}. L'aide au poste s'arrête à la fin du PASS IAE : "
        "ces heures ne sont pas aidées. Elles sont enregistrées telles quelles."
    )


def pass_lead(*, person, today: dt.date) -> str:
    """What the contract form says about the PASS IAE before anything is entered."""
    periods = periods_of(PassIae.objects.filter(person=person))
    if not periods:
        return ""
    block = coverage.block_on(periods, today)
    if block:
        return f"PASS IAE n° {block.last.number} valable jusqu'au {fr(block.end)} : {AIDE_STOPS}."
    ended = coverage.ended_before(periods, today)
    if ended:
        return f"PASS IAE n° {ended.number} fini le {fr(ended.end)} : {AIDE_STOPS}."
    return ""
