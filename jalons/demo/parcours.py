"""Two years of realistic pathways for every demo structure.

The rows come from the interchange generator (``jalons donnees generer``), imported
with the same importer as a structure's own files; then what the interchange format
does not carry is added: fictitious names, a CIP référent, a PASS IAE, contracts
(CDDI, missions with client companies, mises à disposition) and clients; in the EITI,
accompaniment contracts and monthly declarations instead of CDDI (docs/eiti.md).
"""

import csv
import datetime as dt
import random
import tempfile
from decimal import Decimal
from pathlib import Path

from jalons.accounts.models import Role, StructureMembership
from jalons.audit.actor import Actor
from jalons.contrats.models import AccompanimentContract, ActivityDeclaration, Client, Contract
from jalons.demo.generator import generate
from jalons.echanges.services import folder_import
from jalons.orientations.models import Orientation
from jalons.parcours.models import Parcours, Person
from jalons.pass_iae.models import PassIae
from jalons.rules.pass_iae import add_months, initial_end
from jalons.structures.models import Structure

SEED = 2026
PATHWAYS = 320
FIRST_NAMES = [
    "Aminata",
    "Bruno",
    "Chloé",
    "Djamel",
    "Élodie",
    "Farid",
    "Gaëlle",
    "Hugo",
    "Inès",
    "Jordan",
    "Kevin",
    "Laetitia",
    "Mohamed",
    "Nadège",
    "Olivier",
    "Pauline",
    "Rachid",
    "Sabrina",
    "Thierry",
    "Valérie",
    "Yacine",
    "Zoé",
    "Mamadou",
    "Sandrine",
    "Ludovic",
    "Fatou",
    "Jérémy",
    "Aurélie",
    "Samir",
    "Mélanie",
    "Dylan",
    "Nathalie",
    "Karima",
    "Grégory",
    "Océane",
    "Patrick",
    "Leïla",
    "Steven",
    "Marie",
    "Christophe",
]
LAST_NAMES = [
    "Lefebvre",
    "Dubois",
    "Benali",
    "Martin",
    "Lemaire",
    "Diallo",
    "Leroy",
    "Carpentier",
    "Delattre",
    "Boulanger",
    "Haddad",
    "Dufour",
    "Vandamme",
    "Traoré",
    "Moreau",
    "Caron",
    "Ouali",
    "Lemoine",
    "Deschamps",
    "Kaci",
    "Dupuis",
    "Delcourt",
    "Cissé",
    "Fontaine",
    "Masson",
    "Bouchez",
    "Nowak",
    "Debruyne",
    "Mercier",
    "Amrani",
    "Lambert",
    "Verhaeghe",
]
POSTS = {
    "ACI": ["Ouvrier·ère maraîcher·ère", "Agent·e d'entretien des espaces verts", "Agent·e de tri"],
    "EI": ["Agent·e de propreté", "Employé·e de blanchisserie", "Manutentionnaire"],
    "EITI": ["Artisan·e du bâtiment", "Peintre en bâtiment", "Plaquiste"],
    "ETTI": ["Cariste", "Préparateur·rice de commandes", "Manœuvre BTP", "Agent·e de production"],
    "AI": ["Aide ménager·ère", "Agent·e d'entretien", "Jardinier·ère", "Manutentionnaire"],
}
CLIENTS = {
    "ETTI": [
        ("entreprise", "Logistique des Flandres", "Arras"),
        ("entreprise", "BTP Artois Construction", "Lens"),
        ("entreprise", "Conserverie du Ternois", "Saint-Pol-sur-Ternoise"),
        ("entreprise", "Plateforme Nord Distribution", "Douai"),
        ("collectivite", "Communauté urbaine d'Arras", "Arras"),
    ],
    "AI": [
        ("particulier", "M. et Mme Godart", "Maubeuge"),
        ("particulier", "Mme Lecomte", "Hautmont"),
        ("association", "Centre social de Sous-le-Bois", "Maubeuge"),
        ("collectivite", "Mairie de Jeumont", "Jeumont"),
        ("entreprise", "Boulangerie Van Hecke", "Feignies"),
    ],
}
# Generator structure order for 5 structures: every type once, in this order.
GENERATED_ORDER = ["ACI", "EI", "AI", "ETTI", "EITI"]


def _rewrite(folder: Path, structures: dict[str, Structure]) -> None:
    """Give the generated rows the identifiers of the demo structures."""
    mapping = {f"S{i + 1:05d}": structures[kind] for i, kind in enumerate(GENERATED_ORDER)}
    for path in folder.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        for row in body:
            structure = mapping[row[0]]
            row[0] = structure.identifier
            if path.name == "structures.csv":
                row[2], row[3] = structure.name, structure.departement_id
                row[4] = structure.departement.region_id
        with open(path, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, lineterminator="\n").writerows([header, *body])


def load_demo_pathways(*, today: dt.date) -> None:
    by_kind = {s.kind: s for s in Structure.objects.filter(identifier__startswith="DEMO-")}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        generate(folder, structures=5, parcours=PATHWAYS, seed=SEED, fin=today)
        _rewrite(folder, by_kind)
        folder_import(
            actor=Actor.from_command("jalons demo"),
            folder=folder,
            source="données de démonstration",
            today=today,
        )
    rng = random.Random(SEED)
    for kind, structure in by_kind.items():
        _complete(structure, kind, rng, today)
    assign_criteria(list(by_kind.values()), seed=SEED)


# Share of the people hired with each criterion at entry (the interchange files do not
# carry them). DETLD implies DELD.
CRITERIA = {"rsa": 0.32, "ass": 0.06, "aah": 0.05, "deld": 0.30, "detld": 0.18,
            "qpv": 0.27, "zrr": 0.04, "rqth": 0.09}  # fmt: skip


def assign_criteria(structures, *, seed: int) -> None:
    """Criteria at entry (RSA, DELD, QPV…) drawn for the pathways of these structures,
    in the shares above, the same for the same seed."""
    rng = random.Random(seed)
    pks = list(
        Parcours.objects.filter(structure__in=structures)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = {name: set() for name in CRITERIA}
    for pk in pks:
        for name, share in CRITERIA.items():
            if rng.random() < share:
                chosen[name].add(pk)
    chosen["deld"] |= chosen["detld"]
    for name, selected in chosen.items():  # one UPDATE per criterion
        Parcours.objects.filter(pk__in=selected).update(**{name: True})


def _referent(structure):
    for role in (Role.CIP, Role.DIRECTION):
        membership = StructureMembership.objects.filter(structure=structure, role=role).first()
        if membership:
            return membership.user
    return None


def _complete(structure: Structure, kind: str, rng: random.Random, today: dt.date) -> None:
    referent = _referent(structure)
    people = list(Person.objects.filter(structure=structure).order_by("external_id"))
    for person in people:
        person.first_name = rng.choice(FIRST_NAMES)
        person.last_name = rng.choice(LAST_NAMES)
        person.birth_date = dt.date(rng.randint(1962, 2005), rng.randint(1, 12), rng.randint(1, 28))
        person.phone = "06 " + " ".join(f"{rng.randint(10, 99)}" for _ in range(4))
        person.referent = referent
    Person.objects.bulk_update(
        people, ["first_name", "last_name", "birth_date", "phone", "referent"]
    )
    # The interchange files name no candidate who was not hired: the demo gives them a
    # name, as the CIP types it, so that « Embaucher » carries it to the new file.
    candidates = list(
        Orientation.objects.filter(structure=structure, person__isnull=True).order_by("pk")
    )
    for orientation in candidates:
        orientation.candidate_first_name = rng.choice(FIRST_NAMES)
        orientation.candidate_last_name = rng.choice(LAST_NAMES)
    Orientation.objects.bulk_update(candidates, ["candidate_first_name", "candidate_last_name"])
    if kind == "ACI" and people:  # a file typed twice, for « Doublons possibles »
        twin = people[0]
        Person.objects.create(
            structure=structure,
            external_id=f"{twin.external_id}-BIS",
            first_name=twin.first_name.upper(),
            last_name=twin.last_name.upper(),
            birth_date=twin.birth_date,
            phone="06 00 00 00 00",
            referent=referent,
        )

    clients = [
        Client.objects.create(structure=structure, kind=k, name=name, city=city)
        for k, name, city in CLIENTS.get(kind, [])
    ]
    passes, contracts, accompaniments = [], [], []
    parcours_list = Parcours.objects.filter(structure=structure).select_related("person")
    for number, parcours in enumerate(parcours_list.order_by("hire_date"), start=1):
        start = parcours.hire_date - dt.timedelta(days=rng.randint(2, 20))
        end = initial_end(start)
        passes.append(
            PassIae(
                person=parcours.person,
                number=f"99999{structure.pk % 100:02d}{number % 100000:05d}",
                start_date=start,
                initial_end_date=end,
                end_date=end,
            )
        )
        if kind == "EITI":
            accompaniments.append(_accompaniment(parcours, rng))
        else:
            contracts.extend(_contracts(parcours, kind, clients, rng, today))
    PassIae.objects.bulk_create(passes, ignore_conflicts=True)
    Contract.objects.bulk_create(contracts)
    if accompaniments:
        AccompanimentContract.objects.bulk_create(accompaniments)
        ActivityDeclaration.objects.bulk_create(
            d for c in accompaniments for d in _declarations(c, rng, today)
        )


def _accompaniment(parcours: Parcours, rng) -> AccompanimentContract:
    start = parcours.hire_date
    planned_end = add_months(start, rng.choice([12, 18, 24])) - dt.timedelta(days=1)
    end = parcours.exit_date and min(parcours.exit_date, planned_end)
    return AccompanimentContract(
        parcours=parcours,
        activity=rng.choice(POSTS["EITI"]),
        siret="" if rng.random() < 0.15 else _siret(rng),
        start_date=start,
        planned_end_date=planned_end,
        end_date=end,
    )


def _siret(rng) -> str:
    """A fictitious SIRET passing the Luhn check."""
    digits = [rng.randint(0, 9) for _ in range(13)]
    for check in range(10):
        number = [*digits, check]
        total = sum(
            (d * 2 - 9 if d * 2 > 9 else d * 2) if i % 2 == 0 else d for i, d in enumerate(number)
        )
        if total % 10 == 0:
            return "".join(map(str, number))
    raise AssertionError("unreachable")


def _declarations(contract: AccompanimentContract, rng, today):
    """One declaration per elapsed month of the contract, at most 18, turnover growing."""
    last = min(contract.end_date or today, today, contract.planned_end_date)
    month, rows = contract.start_date.replace(day=1), []
    base = rng.randint(150, 600)
    while month <= last and len(rows) < 18:
        growth = 1 + 0.08 * len(rows)
        rows.append(
            ActivityDeclaration(
                contract=contract,
                person_id=contract.parcours.person_id,
                month=month,
                turnover=Decimal(round(base * growth * rng.uniform(0.6, 1.3), 2)).quantize(
                    Decimal("0.01")
                ),
                hours=Decimal(rng.randint(20, 120)),
            )
        )
        month = add_months(month, 1)
    return rows


def _contracts(parcours: Parcours, kind: str, clients, rng, today):
    last_day = parcours.exit_date or today
    posts = POSTS[kind]
    if kind in ("ACI", "EI"):
        return [
            Contract(
                parcours=parcours,
                kind="cddi",
                post=rng.choice(posts),
                start_date=parcours.hire_date,
                end_date=parcours.exit_date,
                weekly_hours=Decimal(rng.choice([20, 24, 26, 30, 35])),
            )
        ]
    contracts, day = [], parcours.hire_date
    kind_code = "mission" if kind == "ETTI" else "mise_a_disposition"
    while day <= last_day:
        length = rng.randint(10, 70)
        end = min(day + dt.timedelta(days=length), last_day)
        contracts.append(
            Contract(
                parcours=parcours,
                kind=kind_code,
                post=rng.choice(posts),
                start_date=day,
                end_date=end,
                hours=Decimal(rng.randint(15, 150)),
                client=rng.choice(clients),
                early_end_by_client=rng.random() < 0.06,
            )
        )
        day = end + dt.timedelta(days=rng.randint(1, 20))
    return contracts
