"""The demo region of the observatory: about forty more fictitious SIAE in the
Hauts-de-France, so that the network's and the DDETS's pages show visible cells and
cells kept secret (two EITI in the Somme, an ETTI of eight people...).

Their pathways come from the interchange generator, imported with the same importer as
a structure's own files (as for the five main demo structures); only the structure,
the département and the number of people are chosen here. Then some structures give
their consent and the snapshots are computed. All SIRET numbers start with 999.
"""

import csv
import datetime as dt
import random
import tempfile
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from jalons.audit.actor import Actor
from jalons.demo.generator import generate
from jalons.demo.parcours import assign_criteria
from jalons.echanges.services import folder_import
from jalons.observatoire import services as observatoire_services
from jalons.structures import services as structure_services
from jalons.structures.models import AnnexeFinanciere, Departement, Network, Structure
from jalons.structures.validators import luhn_ok

IDENTIFIER_PREFIX = "OBS-DEMO-"
SEED = 3207
BATCHES, BATCH_SIZE = 12, 400  # generated pathways, from which structures take people
YEARS = 3  # pathways hired within the last three years
CITIES = {
    "59": [("59000", "Lille"), ("59100", "Roubaix"), ("59200", "Tourcoing"), ("59140", "Dunkerque"),
           ("59500", "Douai"), ("59400", "Cambrai"), ("59300", "Valenciennes")],
    "62": [("62000", "Arras"), ("62100", "Calais"), ("62200", "Boulogne-sur-Mer"),
           ("62400", "Béthune"), ("62500", "Saint-Omer")],
    "80": [("80000", "Amiens"), ("80100", "Abbeville"), ("80200", "Péronne")],
    "60": [("60000", "Beauvais"), ("60100", "Creil"), ("60200", "Compiègne")],
    "02": [("02100", "Saint-Quentin"), ("02000", "Laon"), ("02200", "Soissons")],
}  # fmt: skip
# (type, département, name, people over three years, member of the demo network).
# Chosen so that the pages show visible and secret cells: three small EITI in the
# network (two in the Somme), an ETTI of eight people, few structures in the Oise; the
# DDETS du Nord has two ETTI and one EITI.
STRUCTURES = [
    ("ACI", "59", "Les Potagers de la Deûle", 34, True),
    ("ACI", "59", "Recyclerie des Flandres", 30, True),
    ("ACI", "59", "Chantier Nature Scarpe-Escaut", 26, True),
    ("ACI", "59", "Atelier Vélo Solidaire", 18, True),
    ("ACI", "59", "Ressourcerie du Cambrésis", 22, False),
    ("ACI", "62", "Jardins de Cocagne de l'Audomarois", 30, True),
    ("ACI", "62", "Entretien des Berges de la Lys", 24, True),
    ("ACI", "62", "Bois et Patrimoine du Boulonnais", 20, True),
    ("ACI", "62", "Textile Solidaire du Calaisis", 26, False),
    ("ACI", "80", "Maraîchage de la Baie de Somme", 24, True),
    ("ACI", "80", "Chantier des Hortillonnages", 20, True),
    ("ACI", "60", "Ateliers du Beauvaisis", 24, True),
    ("ACI", "60", "Forêt de Compiègne Insertion", 18, False),
    ("ACI", "02", "Recyclerie du Saint-Quentinois", 22, False),
    ("EI", "59", "Propreté Lilloise Insertion", 26, True),
    ("EI", "59", "Blanchisserie du Hainaut", 20, True),
    ("EI", "59", "Logistique Solidaire Douaisienne", 18, False),
    ("EI", "62", "Nettoyage Côte d'Opale", 22, True),
    ("EI", "62", "Restauration Solidaire de Béthune", 16, True),
    ("EI", "80", "Espaces Verts Amiénois", 18, True),
    ("EI", "60", "Bâtiment Second Œuvre Oise", 16, False),
    ("EI", "02", "Menuiserie de l'Aisne", 14, False),
    ("ETTI", "59", "Intérim Solidaire Métropole", 30, True),
    ("ETTI", "59", "Tremplin Intérim Dunkerque", 22, True),
    ("ETTI", "62", "Intérim Insertion Littoral", 20, True),
    ("ETTI", "62", "Relais Intérim Saint-Omer", 16, False),
    ("ETTI", "80", "Intérim Picard Solidaire", 8, True),
    ("ETTI", "60", "Passerelle Intérim Oise", 18, True),
    ("AI", "59", "Services de Proximité Roubaix-Tourcoing", 34, True),
    ("AI", "59", "Coup de Pouce Douaisis", 26, True),
    ("AI", "59", "Entraide Emploi Cambrésis", 22, False),
    ("AI", "62", "Solidarité Emploi Calaisis", 28, True),
    ("AI", "62", "Association Intermédiaire de l'Artois", 22, True),
    ("AI", "80", "Emploi Service Somme", 20, True),
    ("AI", "60", "Oise Emploi Relais", 18, True),
    ("AI", "02", "Aisne Services Solidaires", 20, False),
    ("EITI", "80", "Artisans Solidaires de la Somme", 9, True),
    ("EITI", "80", "Coopérative Picarde des Indépendants", 8, True),
    ("EITI", "59", "Indépendants Solidaires du Nord", 10, False),
    ("EITI", "02", "Travailleurs Indépendants de l'Aisne", 7, False),
]
# Structures that share their figures: (name, networks, DDETS, position).
CONSENTS = {
    "Les Jardins du Val": (True, True, True),
    "Val'Emploi Services": (True, False, True),
    "Les Potagers de la Deûle": (True, True, True),
    "Recyclerie des Flandres": (True, False, False),
    "Jardins de Cocagne de l'Audomarois": (True, True, False),
    "Propreté Lilloise Insertion": (False, True, True),
    "Intérim Solidaire Métropole": (True, True, False),
    "Services de Proximité Roubaix-Tourcoing": (True, True, True),
    "Maraîchage de la Baie de Somme": (True, False, True),
}
# Reference hours and ETP conventionnés per person hired over three years.
ETP = {"ACI": ("1820", Decimal("0.20")), "EI": ("1607", Decimal("0.28")),
       "ETTI": ("1607", Decimal("0.21")), "AI": ("1607", Decimal("0.09")),
       "EITI": ("1607", Decimal("0.38"))}  # fmt: skip


def siret(number: int) -> str:
    base = f"9993{number:09d}"
    return next(base + str(k) for k in range(10) if luhn_ok(base + str(k)))


def _create_structures(network: Network | None) -> list[Structure]:
    departements = {d.code: d for d in Departement.objects.filter(code__in=CITIES)}
    created = []
    for index, (kind, dep, name, _people, member) in enumerate(STRUCTURES, start=1):
        number = siret(index * 10)
        postcode, city = CITIES[dep][index % len(CITIES[dep])]
        organisation = structure_services.organisation_create(name=name, siret=number)
        created.append(
            structure_services.structure_create(
                actor=Actor.from_command("jalons demo"),
                organisation=organisation,
                kind=kind,
                name=name,
                siret=number,
                identifier=f"{IDENTIFIER_PREFIX}{dep}-{index:03d}",
                departement=departements[dep],
                postcode=postcode,
                city=city,
                address=f"{index} rue de l'Insertion",
                networks=[network] if member and network else [],
            )
        )
    return created


def _annexes(structures: list[Structure], today: dt.date) -> None:
    annexes = []
    for structure, (_k, _d, _n, people, _m) in zip(structures, STRUCTURES, strict=True):
        hours, per_person = ETP[structure.kind]
        for year in range(today.year - YEARS + 1, today.year + 1):
            annexes.append(
                AnnexeFinanciere(
                    structure=structure,
                    number=f"{structure.kind}0{structure.departement_id}{year % 100:02d}"
                    f"{structure.pk:04d}A0M0",
                    start_date=dt.date(year, 1, 1),
                    end_date=dt.date(year, 12, 31),
                    etp_conventionnes=(per_person * people).quantize(Decimal("0.01")),
                    annual_reference_hours=Decimal(hours),
                )
            )
    AnnexeFinanciere.objects.bulk_create(annexes)


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def _write(path: Path, header, body) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *body])


def _generated(tmp: Path, today: dt.date) -> tuple[dict, dict, dict]:
    """Generated rows, in batches of five structures (one per type) until every type has
    the people the demo structures need. Person identifiers get the batch number."""
    need = defaultdict(int)
    for kind, _d, _n, count, _m in STRUCTURES:
        need[kind] += count
    first_hire = dt.date(today.year - YEARS + 1, 1, 1).isoformat()
    headers, rows = {}, defaultdict(list)  # file name -> [(type, person key, row)]
    people = defaultdict(list)  # type -> person keys, in file order
    for batch in range(BATCHES):
        folder = tmp / f"lot-{batch}"
        generate(folder, structures=5, parcours=BATCH_SIZE, seed=SEED + batch, fin=today)
        _, generated = _read(folder / "structures.csv")
        kind_of = {row[0]: row[1] for row in generated}
        for path in sorted(folder.glob("*.csv")):
            if path.name == "structures.csv":
                continue
            header, body = _read(path)
            headers[path.name] = header
            column = header.index("personne_id")
            for row in body:
                key = (batch, row[0], row[column]) if row[column] else None
                if row[column]:
                    row[column] = f"{row[column]}-{batch}"
                rows[path.name].append((kind_of[row[0]], key, row))
                pool = people[kind_of[row[0]]]
                if path.name == "parcours.csv" and row[2] >= first_hire and key not in pool:
                    pool.append(key)
        if all(len(people[kind]) >= count for kind, count in need.items()):
            return headers, rows, people
    raise RuntimeError("Le générateur n'a pas produit assez de parcours pour la démo.")


def _distribute(tmp: Path, structures: list[Structure], today: dt.date) -> Path:
    """A folder where each demo structure has its number of generated people of its type."""
    headers, rows, people = _generated(tmp, today)
    owner = {}  # generated person key -> demo structure
    by_kind = defaultdict(list)
    for structure, (kind, _d, _n, count, _m) in zip(structures, STRUCTURES, strict=True):
        by_kind[kind].append(structure)
        for key in people[kind][:count]:
            owner[key] = structure
        del people[kind][:count]
    rng = random.Random(SEED)
    folder = tmp / "observatoire"
    folder.mkdir()
    for name, header in headers.items():
        kept = []
        for kind, key, row in rows[name]:
            if key is not None:
                structure = owner.get(key)
            else:  # an orientation that led to no hire: a structure of the same type
                structure = rng.choice(by_kind[kind]) if rng.random() < 0.2 else None
            if structure is not None:
                row[0] = structure.identifier
                kept.append(row)
        _write(folder / name, header, kept)
    _write(
        folder / "structures.csv",
        ["structure_id", "type_siae", "nom", "departement", "region"],
        [
            [s.identifier, s.kind, s.name, s.departement_id, s.departement.region_id]
            for s in structures
        ],
    )
    return folder


def _consents() -> None:
    for structure in Structure.objects.filter(name__in=CONSENTS):
        networks, ddets, position = CONSENTS[structure.name]
        observatoire_services.consent_update(
            structure=structure,
            actor=Actor.from_command("jalons demo", role="direction"),
            share_with_networks=networks,
            share_with_ddets=ddets,
            compare_position=position,
        )


def load_demo_observatory(*, today: dt.date) -> None:
    """Called by ``jalons.demo.data.load_demo`` after the five main demo structures;
    does nothing when the demo region is already there."""
    if Structure.objects.filter(identifier__startswith=IDENTIFIER_PREFIX).exists():
        return
    network = Network.objects.filter(acronym="URIAE HdF").first()
    structures = _create_structures(network)
    for structure in structures:
        structure.departement = Departement.objects.get(pk=structure.departement_id)
    _annexes(structures, today)
    with tempfile.TemporaryDirectory() as tmp:
        folder = _distribute(Path(tmp), structures, today)
        folder_import(
            actor=Actor.from_command("jalons demo"),
            folder=folder,
            source="données de démonstration (observatoire)",
            today=today,
        )
    assign_criteria(structures, seed=SEED)
    _consents()
    observatoire_services.refresh_snapshots(today=today)  # ``load_demo`` then publishes
