"""The demo data set. Everything here is fictitious (SIRET numbers start with 999).

Loading is idempotent: it does nothing when the demo data is already there, so
re-running ``jalons demo`` keeps what users changed.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from jalons.accompagnement.demo import load_demo_accompaniment
from jalons.accounts.models import (
    DdetsMembership,
    NetworkMembership,
    Role,
    StructureMembership,
    User,
)
from jalons.audit.actor import Actor
from jalons.competences.demo import load_demo_competences
from jalons.demo import DEMO_PASSWORD
from jalons.demo.observatoire import load_demo_observatory
from jalons.demo.parcours import load_demo_pathways
from jalons.missions.demo import load_demo_missions
from jalons.offre.demo import load_demo_offres
from jalons.structures import services as structure_services
from jalons.structures.models import (
    AnnexeFinanciere,
    Ddets,
    Departement,
    Network,
    Region,
    Structure,
)
from jalons.structures.territories import load_territories

DEMO_MARKER = "DEMO-ACI-59-001"


@dataclass(frozen=True)
class DemoLogin:
    email: str
    description: str


ORGANISATIONS = [
    # (organisation name, organisation SIRET, [structures])
    (
        "Association Val d'Escaut Solidaire",
        "99900100000010",
        [
            dict(
                kind="ACI",
                name="Les Jardins du Val",
                siret="99900100000010",
                identifier="DEMO-ACI-59-001",
                address="12 rue des Maraîchers",
                postcode="59300",
                city="Valenciennes",
                departement="59",
                phone="03 27 00 00 01",
                email="contact@jardins-du-val.example",
                etp=[("2025", "24.00", "1820"), ("2026", "26.50", "1820")],
            ),
            dict(
                kind="EI",
                name="Val'Emploi Services",
                siret="99900100000028",
                identifier="DEMO-EI-59-002",
                address="3 avenue de la Gare",
                postcode="59300",
                city="Valenciennes",
                departement="59",
                etp=[("2025", "9.00", "1607"), ("2026", "10.00", "1607")],
            ),
        ],
    ),
    (
        "Intérim Solidaire Artois",
        "99900200000019",
        [
            dict(
                kind="ETTI",
                name="Intérim Solidaire Artois",
                siret="99900200000019",
                identifier="DEMO-ETTI-62-003",
                address="45 rue Ronville",
                postcode="62000",
                city="Arras",
                departement="62",
                etp=[("2025", "18.00", "1607"), ("2026", "19.50", "1607")],
            ),
        ],
    ),
    (
        "Association Coup de Main Sambre-Avesnois",
        "99900300000018",
        [
            dict(
                kind="AI",
                name="Coup de Main Sambre-Avesnois",
                siret="99900300000018",
                identifier="DEMO-AI-59-004",
                address="8 place du Marché",
                postcode="59600",
                city="Maubeuge",
                departement="59",
                etp=[("2025", "14.00", "1607"), ("2026", "14.00", "1607")],
            ),
        ],
    ),
    (
        "Coopérative Bâti Avenir",
        "99900400000017",
        [
            dict(
                kind="EITI",
                name="Bâti Avenir Indépendants",
                siret="99900400000017",
                identifier="DEMO-EITI-62-005",
                address="2 rue des Mineurs",
                postcode="62300",
                city="Lens",
                departement="62",
                etp=[("2025", "6.00", "1607"), ("2026", "7.00", "1607")],
            ),
        ],
    ),
]

# The State's aide au poste of the demo: the socle per ETP conventionné of the last
# verified year (2016, décret n° 2014-197 updated; shared/reference/iae-regles.md), an
# order of magnitude; the EITI's aid is per worker (450 € a month for 9 months, 2025).
AIDE_AU_POSTE_PER_ETP = {"ACI": 19474, "EI": 10143, "ETTI": 4311, "AI": 1319}
EITI_AID = (
    "Aide EITI : 450 € par mois et par travailleur indépendant, 9 premiers mois, × 8 travailleurs",
    "32400",
)

FUNDINGS = {
    "ACI": [
        ("etat", "", None),
        ("departement", "Nord", "185000"),
        ("fse", "FSE+ inclusion", "60000"),
    ],
    "EI": [("etat", "", None)],
    "ETTI": [("etat", "", None), ("plie", "PLIE de l'Artois", "25000")],
    "AI": [("etat", "", None), ("departement", "Nord", "30000")],
    "EITI": [("etat", "", None)],
}


def _state_aid(kind: str, etp) -> tuple[str, str]:
    """Label and amount of the State's aid of an annexe of the demo."""
    if kind == "EITI":
        return EITI_AID
    per_etp = AIDE_AU_POSTE_PER_ETP[kind]
    return (
        f"Socle {per_etp:,} € par ETP × {format(etp.normalize(), 'f')} ETP".replace(
            ",", "\u202f"
        ).replace(".", ","),
        str((etp * per_etp).quantize(Decimal("1"))),
    )


USERS = [
    # email, first name, last name, [(structure identifier, role)], description
    (
        "direction@jalons.example",
        "Claire",
        "Delmotte",
        [("DEMO-ACI-59-001", Role.DIRECTION), ("DEMO-EI-59-002", Role.DIRECTION)],
        "Direction de l'ensemblier (ACI et EI) : deux structures",
    ),
    (
        "cip@jalons.example",
        "Karim",
        "Benali",
        [("DEMO-ACI-59-001", Role.CIP)],
        "CIP des Jardins du Val (ACI)",
    ),
    (
        "encadrant@jalons.example",
        "Sylvie",
        "Lefebvre",
        [("DEMO-ACI-59-001", Role.ENCADRANT)],
        "Encadrante technique des Jardins du Val (ACI)",
    ),
    (
        "lecture@jalons.example",
        "Paul",
        "Vasseur",
        [("DEMO-ACI-59-001", Role.LECTURE)],
        "Lecture seule aux Jardins du Val (ACI)",
    ),
    (
        "direction.etti@jalons.example",
        "Nadia",
        "Hamdani",
        [("DEMO-ETTI-62-003", Role.DIRECTION)],
        "Direction d'Intérim Solidaire Artois (ETTI)",
    ),
    (
        "cip.etti@jalons.example",
        "Julien",
        "Carpentier",
        [("DEMO-ETTI-62-003", Role.CIP)],
        "CIP d'Intérim Solidaire Artois (ETTI)",
    ),
    (
        "direction.ai@jalons.example",
        "Martine",
        "Dupont",
        [("DEMO-AI-59-004", Role.DIRECTION)],
        "Direction de Coup de Main Sambre-Avesnois (AI)",
    ),
    (
        "direction.eiti@jalons.example",
        "Yannick",
        "Leroy",
        [("DEMO-EITI-62-005", Role.DIRECTION)],
        "Direction de Bâti Avenir Indépendants (EITI)",
    ),
]

NETWORK = ("Union régionale des SIAE des Hauts-de-France (démo)", "URIAE HdF")
NETWORK_USER = ("reseau@jalons.example", "Hélène", "Marchand", "Équipe du réseau URIAE (démo)")
DDETS_UNITS = [("DDETS du Nord", ["59"]), ("DDETS du Pas-de-Calais", ["62"])]
DDETS_USER = (
    "ddets@jalons.example",
    "Thomas",
    "Morel",
    "Agent de la DDETS du Nord (département 59)",
)
DDETS_USER_PDC = (
    "ddets.pdc@jalons.example",
    "Inès",
    "Caron",
    "Agent de la DDETS du Pas-de-Calais (département 62)",
)
ADMIN_USER = ("admin@jalons.example", "Alex", "Admin", "Administrateur de la plateforme")


def demo_loaded() -> bool:
    return Structure.objects.filter(identifier=DEMO_MARKER).exists()


def _user(email, first_name, last_name, **extra) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, first_name=first_name, last_name=last_name, **extra
        )
    return user


@transaction.atomic
def load_demo(today: date | None = None, *, offres: bool = True, region: bool = True) -> None:
    """The whole demo; tests of one part may leave out the Offres de Services
    (``offres``) and the 40 generated structures of the observatory (``region``)."""
    if demo_loaded():
        return
    load_territories(Region, Departement)
    region = Region.objects.get(code="32")
    network = Network.objects.create(name=NETWORK[0], acronym=NETWORK[1], region=region)
    structures = {}
    for org_name, org_siret, items in ORGANISATIONS:
        organisation = structure_services.organisation_create(name=org_name, siret=org_siret)
        for item in items:
            item = dict(item)
            etp = item.pop("etp")
            departement = Departement.objects.get(code=item.pop("departement"))
            structure = structure_services.structure_create(
                actor=Actor.from_command("jalons demo"),
                organisation=organisation,
                departement=departement,
                networks=[network],
                **item,
            )
            structures[structure.identifier] = structure
            for year, etp_value, hours in etp:
                annexe = AnnexeFinanciere(
                    structure=structure,
                    number=f"{structure.kind}0{departement.code}{year[2:]}{structure.pk:04d}A0M0",
                    start_date=date(int(year), 1, 1),
                    end_date=date(int(year), 12, 31),
                    etp_conventionnes=Decimal(etp_value),
                    annual_reference_hours=Decimal(hours),
                )
                annexe.full_clean()
                annexe.save()
                for kind, label, amount in FUNDINGS[structure.kind]:
                    if kind == "etat" and amount is None:
                        label, amount = _state_aid(structure.kind, Decimal(etp_value))
                    annexe.fundings.create(
                        kind=kind, label=label, amount=Decimal(amount) if amount else None
                    )
    for email, first_name, last_name, roles, _ in USERS:
        user = _user(email, first_name, last_name)
        for identifier, role in roles:
            StructureMembership.objects.create(
                user=user, structure=structures[identifier], role=role
            )
    email, first_name, last_name, _ = NETWORK_USER
    NetworkMembership.objects.create(user=_user(email, first_name, last_name), network=network)
    units = {}
    for name, codes in DDETS_UNITS:
        unit = Ddets.objects.create(name=name)
        unit.departements.set(Departement.objects.filter(code__in=codes))
        units[name] = unit
    email, first_name, last_name, _ = DDETS_USER
    membership = DdetsMembership.objects.create(
        user=_user(email, first_name, last_name), ddets=units["DDETS du Nord"]
    )
    membership.departements.set(Departement.objects.filter(code="59"))
    email, first_name, last_name, _ = DDETS_USER_PDC
    membership = DdetsMembership.objects.create(
        user=_user(email, first_name, last_name), ddets=units["DDETS du Pas-de-Calais"]
    )
    membership.departements.set(Departement.objects.filter(code="62"))
    email, first_name, last_name, _ = ADMIN_USER
    User.objects.filter(email=email).exists() or User.objects.create_superuser(
        email=email, password=DEMO_PASSWORD, first_name=first_name, last_name=last_name
    )
    today = today or date.today()
    load_demo_pathways(today=today)
    load_demo_accompaniment(today=today)
    load_demo_competences(today=today)
    load_demo_missions(today=today)
    if offres:
        load_demo_offres(today=today)
    if region:
        load_demo_observatory(today=today)
    # Every edition of the observatory is published, for every perimeter at once.
    from jalons.observatoire.publishing import publish_demo

    publish_demo(today=today)


def demo_logins() -> list[DemoLogin]:
    logins = [DemoLogin(email, description) for email, _, _, _, description in USERS]
    logins.append(DemoLogin(NETWORK_USER[0], NETWORK_USER[3]))
    logins.append(DemoLogin(DDETS_USER[0], DDETS_USER[3]))
    logins.append(DemoLogin(DDETS_USER_PDC[0], DDETS_USER_PDC[3]))
    logins.append(DemoLogin(ADMIN_USER[0], ADMIN_USER[3]))
    return logins
