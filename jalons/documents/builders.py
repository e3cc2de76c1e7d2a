"""What each document says, read through selectors within one structure.

Nothing sensitive enters these documents: no NIR, no RQTH, no barriers, no notes,
no birth date; private persons who used an AI are never named.
"""

import datetime as dt
from dataclasses import dataclass, field

from jalons.accounts.models import ROLE_FUNCTIONS, Role, StructureMembership
from jalons.competences import selectors as skills
from jalons.competences.models import Level
from jalons.competences.views import progression_chart
from jalons.contrats.models import AccompanimentContract, ClientKind, Contract, ContractKind
from jalons.documents.french import FEMININE, MASCULINE, gendered
from jalons.documents.livret import livret_texts
from jalons.documents.rendering import produced
from jalons.formation.models import TrainingAction, TrainingStatus
from jalons.parcours.models import Parcours
from jalons.rules.dates import MONTH_NAMES
from jalons.structures.words import person_words


def _acquired_by_title(*, structure, person):
    """[(title, [(block, [SkillHistory])])] keeping only acquired or mastered skills."""
    result = []
    for progress in skills.person_progress(structure=structure, person=person):
        blocks = [
            (block, [h for h in histories if h.first_acquired is not None])
            for block, histories in progress.blocks
        ]
        blocks = [(b, hs) for b, hs in blocks if hs]
        if blocks:
            result.append((progress.title, blocks))
    return result


def attestation_context(*, structure, person, today: dt.date, gender: str | None = None) -> dict:
    """What the attestation says. With no skill acquired there is nothing to attest:
    ``attestable`` is false, the view refuses and the template has no signature."""
    progress = skills.person_progress(structure=structure, person=person)
    parcours = list(
        Parcours.objects.filter(structure=structure, person=person).order_by("hire_date")
    )
    acquired = _acquired_by_title(structure=structure, person=person)
    last_exit = parcours[-1].exit_date if parcours else None
    return {
        "structure": structure,
        "person": person,
        "gender": gender,
        "independent": structure.kind == "EITI",
        "recipient": recipient(structure=structure, gender=gender),
        "today": today,
        "today_long": long_date(today),
        "first_hire": parcours[0].hire_date if parcours else None,
        "last_exit": last_exit,
        "acquired": acquired,
        # Where each title's blocks come from, said once each, without brackets.
        "sources": list(
            dict.fromkeys(
                f"{title.name}, {title.source_label.strip().rstrip('.')}"
                for title, _blocks in acquired
                if title.source_label.strip()
            )
        ),
        "attestable": bool(acquired),
        # Once the person has left, the chart stops at the exit (or at the last
        # evaluation, if later: the chart never ends before its last point).
        "chart": progression_chart(
            progress,
            person=person,
            today=last_exit if last_exit and last_exit <= today else today,
        ),
        "levels": Level,
        "produced": produced(template="attestation", structure=structure),
    }


def long_date(day: dt.date) -> str:
    """« 4 décembre 2026 », « 1er décembre 2026 »: the date as a French letter writes it."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {MONTH_NAMES[day.month - 1]} {day.year}"


def recipient(*, structure, gender: str | None) -> str:
    """« au salarié », « à la salariée », « à la personne »… to whom a document is
    given: an EITI employs nobody, it accompanies self-employed workers
    (``jalons.structures.words``)."""
    return person_words(structure.kind, gender).to


@dataclass
class Experience:
    post: str
    where: str
    start: dt.date
    end: dt.date | None
    count: int = 1
    kind: str = ""
    details: list = field(default_factory=list)


def _where(contract: Contract, structure) -> str:
    client = contract.client
    if contract.kind == ContractKind.CDDI or client is None:
        place = f", {structure.city}" if structure.city else ""
        return f"{structure.name}{place} (structure d'insertion)"
    if client.kind == ClientKind.PRIVATE:
        # A private person is never named on the CV.
        return f"Chez des particuliers, par {structure.name}"
    place = f", {client.city}" if client.city else ""
    how = "mission d'intérim" if contract.kind == ContractKind.MISSION else "mise à disposition"
    return f"{client.name}{place} ({how} par {structure.name})"


def agreed(text: str, gender: str | None, *, otherwise: str) -> str:
    """``text`` (inclusive form) agreed with the gender when it is known; else
    ``otherwise``, the same said in words valid for any gender (« Accompagnement par… »
    rather than « accompagné·e par… »): an employer reads the CV, and only the job titles
    as typed keep their inclusive form."""
    return gendered(text, gender) if gender in (FEMININE, MASCULINE) else otherwise


def experiences(*, structure, person, gender: str | None = None) -> list[Experience]:
    """Contracts grouped by post and place, most recent first. A post typed in the
    inclusive form (« Agent·e de tri ») is agreed with the person's gender when it is
    known, and stays inclusive otherwise; the rest is phrased for any gender. In an
    EITI, which employs nobody, the accompaniment contracts of a self-employed worker
    give the activity instead (docs/eiti.md)."""
    contracts = (
        Contract.objects.filter(parcours__structure=structure, parcours__person=person)
        .select_related("client")
        .order_by("start_date")
    )
    found = [
        (gendered(c.post.strip(), gender), _where(c, structure), c.start_date, c.end_date, c.kind)
        for c in contracts
    ]
    independent = agreed(
        f"Travailleur·euse indépendant·e, accompagné·e par {structure.name}",
        gender,
        otherwise=f"Activité indépendante, accompagnement par {structure.name}",
    )
    for c in AccompanimentContract.objects.filter(
        parcours__structure=structure, parcours__person=person
    ).order_by("start_date"):
        activity = gendered(c.activity.strip(), gender)
        activity = activity[:1].upper() + activity[1:]
        found.append((activity, independent, c.start_date, c.end_date, "accompagnement"))
    grouped: dict[tuple, Experience] = {}
    for post, where, start, end, kind in sorted(found, key=lambda f: f[2]):
        key = (post.lower(), where)
        item = grouped.get(key)
        if item is None:
            grouped[key] = Experience(post=post, where=where, start=start, end=end, kind=kind)
            continue
        item.count += 1
        item.end = None if (item.end is None or end is None) else max(item.end, end)
    return sorted(grouped.values(), key=lambda e: (e.end or dt.date.max, e.start), reverse=True)


def trainings(*, person) -> list[TrainingAction]:
    shown = [TrainingStatus.ENTERED, TrainingStatus.COMPLETED, TrainingStatus.CERTIFIED]
    return list(
        TrainingAction.objects.filter(person=person, status__in=shown)
        .exclude(title="")
        .order_by("-start_date")
    )


def cv_context(*, structure, person, today: dt.date, gender: str | None = None) -> dict:
    """What the CV says: only facts from the person's file; a part with nothing to
    say is left out (no « à compléter »)."""
    return {
        "structure": structure,
        "person": person,
        "gender": gender,
        "contact": {
            "email": person.email,
            "phone": person.phone,
            "city": " ".join(x for x in (person.postcode, person.city) if x),
        },
        "experiences": experiences(structure=structure, person=person, gender=gender),
        "trainings": trainings(person=person),
        "acquired": _acquired_by_title(structure=structure, person=person),
        "today": today,
        "produced": produced(template="cv", structure=structure),
    }


TEAM_ROLES = [Role.DIRECTION, Role.CIP, Role.ENCADRANT]


def team_function(role: str) -> str:
    """« Direction », « Conseil en insertion professionnelle (CIP) », « Encadrement
    technique »: a function, next to a name, reads right whatever the person's gender
    (accounts record none); the nouns of the bilan's signer (``accounts.ROLE_FUNCTIONS``).
    The CIP keeps its acronym: the livret's texts say « votre CIP »."""
    function = ROLE_FUNCTIONS[role]
    function = function[:1].upper() + function[1:]
    return f"{function} (CIP)" if role == Role.CIP else function


def team_of(*, structure) -> list[tuple[str, list[str]]]:
    """[(function, [names])] of the direction, the CIP and the encadrement technique."""
    members = (
        StructureMembership.objects.filter(structure=structure, role__in=TEAM_ROLES)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    team = []
    for role in TEAM_ROLES:
        names = [m.user.get_full_name() or m.user.email for m in members if m.role == role]
        if names:
            team.append((team_function(role), names))
    return team


def livret_context(*, structure, today: dt.date) -> dict:
    texts = {t.key: t for t in livret_texts(structure=structure)}
    return {
        "structure": structure,
        "texts": texts,
        "offer": [
            texts[k]
            for k in ("offre_accueil", "offre_accompagnement", "offre_formation", "offre_activite")
        ],
        "team": team_of(structure=structure),
        "today": today,
        "produced": produced(template="livret", structure=structure),
    }
