"""A deterministic generator of realistic interchange folders (benchmarks, demo).

Proportions follow the reference (section 7): about half ACI, a quarter EI; pathways
of about a year in ACI/EI and 6-8 months in AI/ETTI; one hours row per person and
month worked. The same arguments always give the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from jalons.rules.folders import FolderNotEmpty, written_whole
from jalons.rules.vocabulary import FREINS, PRESCRIPTEURS

TYPE_WEIGHTS = {"ACI": 50, "EI": 26, "AI": 12, "ETTI": 9, "EITI": 3}
# Average pathway length (days) and monthly hours (mean, spread) per type.
PATHWAY_DAYS = {"ACI": 420, "EI": 390, "AI": 240, "ETTI": 240, "EITI": 330}
MONTHLY_HOURS = {
    "ACI": (104, 20),
    "EI": (125, 25),
    "AI": (45, 30),
    "ETTI": (95, 40),
    "EITI": (80, 35),
}
# Exit motif weights; AI/ETTI have more short-term exits.
MOTIFS_COMMON = {
    "cdi_non_aide": 6,
    "cdd_6_mois_plus": 6,
    "interim_6_mois_plus": 2,
    "creation_entreprise": 1,
    "fonction_publique": 1,
    "cdi_inclusion": 1,
    "cdi_aide": 1,
    "cdd_moins_6_mois": 9,
    "interim_moins_6_mois": 4,
    "contrat_aide_autre_employeur": 3,
    "formation_qualifiante": 6,
    "formation_prequalifiante": 3,
    "cdd_autre_siae": 4,
    "autre_sortie_positive": 2,
    "chomage": 28,
    "inactif": 4,
    "sans_nouvelle": 6,
    "conge_longue_duree": 3,
    "retraite": 1,
    "deces": 0.2,
    "decision_administrative_justice": 0.5,
    "faute_grave": 1,
    "rupture_essai_employeur": 2,
    "rupture_essai_salarie": 2,
    "transfert_employeur": 0.3,
}
MOTIFS_SHORT = {**MOTIFS_COMMON, "interim_moins_6_mois": 10, "cdd_moins_6_mois": 12}
DYNAMIC = {
    "cdi_non_aide", "cdd_6_mois_plus", "interim_6_mois_plus", "creation_entreprise",
    "fonction_publique", "cdi_inclusion", "cdi_aide", "cdd_moins_6_mois",
    "interim_moins_6_mois", "contrat_aide_autre_employeur", "formation_qualifiante",
    "formation_prequalifiante", "cdd_autre_siae", "autre_sortie_positive",
}  # fmt: skip
DEPARTEMENTS = [
    ("59", "32"), ("62", "32"), ("80", "32"), ("33", "75"), ("87", "75"), ("69", "84"),
    ("13", "93"), ("35", "53"), ("44", "52"), ("67", "44"), ("31", "76"), ("75", "11"),
]  # fmt: skip
TOWNS = ["Lille", "Arras", "Amiens", "Bordeaux", "Limoges", "Lyon", "Marseille", "Rennes",
         "Nantes", "Strasbourg", "Toulouse", "Paris"]  # fmt: skip
HEADERS = {
    "structures": "structure_id,type_siae,nom,departement,region",
    "parcours": "structure_id,personne_id,date_embauche,date_sortie,motif_sortie,"
    "heures_travaillees,sortie_temps_plein",
    "heures": "structure_id,personne_id,mois,heures",
    "suivis": "structure_id,personne_id,date_sortie,echeance_mois,situation,date_suivi",
    "orientations": "structure_id,date,prescripteur_type,issue,personne_id",
    "accompagnements": "structure_id,personne_id,date,nature,duree_minutes,frein,modalite,"
    "intervenant",
    "formations": "structure_id,personne_id,statut,date_debut,date_fin,intitule,heures,qualifiante",
}
TRAININGS = [
    "CACES R489",
    "Titre professionnel agent de propreté",
    "Permis B",
    "FLE",
    "Savoirs de base",
    "Titre professionnel cuisinier",
    "SST",
    "Habilitation électrique",
]
GOOD_SITUATIONS = ["cdi_non_aide", "cdd_moins_6_mois", "formation_qualifiante", "cdd_6_mois_plus"]


FolderExists = FolderNotEmpty  # the name the command line catches


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    y += day.year
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, m + 1, d)
        except ValueError:
            continue
    raise AssertionError


def generate(
    folder: Path,
    structures: int,
    parcours: int,
    seed: int,
    fin: dt.date = dt.date(2025, 12, 31),
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Write the folder whole or not at all (``jalons.rules.folders``); row counts."""
    with written_whole(folder, replace=replace) as tmp:
        return _write(tmp, structures, parcours, seed, fin, progress)


def _write(tmp: Path, n_structures: int, n_parcours: int, seed: int, fin, progress):
    """The files of the folder, every value drawn from one generator seeded by ``seed``:
    the structures, then each pathway with its rows in the other files (``_Writer``).
    The draws always come in the same order, hence the same bytes."""
    rng = random.Random(seed)
    with contextlib.ExitStack() as stack:
        files = {
            name: stack.enter_context(open(tmp / f"{name}.csv", "w", encoding="utf-8"))
            for name in HEADERS
        }
        for name, handle in files.items():
            handle.write(HEADERS[name] + "\n")
        writer = _Writer(rng, files, fin)
        types, sizes = writer.structures(n_structures)
        owners = (
            rng.choices(range(n_structures), weights=sizes, k=n_parcours) if n_structures else []
        )
        step = max(1, n_parcours // 200)
        for n, owner in enumerate(owners):
            writer.person(n, owner, types[owner])
            if progress and (n % step == 0 or n == n_parcours - 1):
                progress(n + 1, n_parcours)
    return writer.counts


class _Stay(NamedTuple):
    """One pathway of a person in a structure."""

    sid: str
    pid: str
    kind: str
    hired: dt.date
    left: dt.date | None  # None: still there at the end of the data
    last_day: dt.date  # the exit, or the end of the data


class _Writer:
    """The rows of the folder, drawn one after the other from ``rng`` and written to
    ``files``; ``counts`` the rows of each file."""

    def __init__(self, rng: random.Random, files: dict, fin: dt.date):
        self.rng, self.files, self.fin = rng, files, fin
        self.counts = dict.fromkeys(HEADERS, 0)
        self.start = add_months(fin, -48).replace(day=1)
        self.span = (fin - self.start).days
        self.last_exit: dict[tuple[int, int], dt.date] = {}
        self.person_seq = 0

    def _row(self, name: str, line: str) -> None:
        self.files[name].write(line)
        self.counts[name] += 1

    def structures(self, n_structures: int) -> tuple[list[str], list[float]]:
        """The structures: their types (every type appears) and their sizes, the
        weights with which they take the pathways."""
        rng = self.rng
        kinds = list(TYPE_WEIGHTS)
        types = rng.choices(kinds, weights=list(TYPE_WEIGHTS.values()), k=n_structures)
        types[: len(kinds)] = kinds[:n_structures]  # every type appears
        sizes = []
        for i, kind in enumerate(types):
            dep, region = DEPARTEMENTS[i % len(DEPARTEMENTS)]
            sid = f"S{i + 1:05d}"
            town = TOWNS[i % len(TOWNS)]
            self.files["structures"].write(f"{sid},{kind},{kind} {town} {i + 1},{dep},{region}\n")
            sizes.append(rng.uniform(0.3, 2.0) * (1.6 if kind in ("ACI", "AI") else 1.0))
        self.counts["structures"] = n_structures
        return types, sizes

    def person(self, n: int, owner: int, kind: str) -> None:
        """The ``n``-th pathway, in structure ``owner``: its row and hours, its
        follow-ups, orientations, accompaniment and training."""
        stay = self._stay(n, owner, kind)
        motif = self._pathway(stay)
        if stay.left is not None:
            self._follow_ups(stay, motif)
        self._orientations(stay)
        self._accompaniment(stay)
        self._training(stay)

    def _stay(self, n: int, owner: int, kind: str) -> _Stay:
        """Who is hired, when, and for how long: about 4 % of pathways are a second
        hire of an earlier person of the structure."""
        rng, fin, start = self.rng, self.fin, self.start
        rehire = n > 10 and rng.random() < 0.04
        if rehire:
            pid_num = rng.randrange(max(1, self.person_seq))
            previous = self.last_exit.get((owner, pid_num))
            if previous is None or previous >= fin - dt.timedelta(days=30):
                rehire = False
        if not rehire:
            self.person_seq += 1
            pid_num = self.person_seq
            hired = start + dt.timedelta(days=rng.randrange(self.span))
        else:
            hired = previous + dt.timedelta(days=rng.randint(15, 120))
            if hired > fin:
                self.person_seq += 1
                pid_num = self.person_seq
                hired = start + dt.timedelta(days=rng.randrange(self.span))
        length = int(rng.gammavariate(2.0, PATHWAY_DAYS[kind] / 2)) + 7
        left = hired + dt.timedelta(days=length)
        if left > fin:
            left = None
        self.last_exit[(owner, pid_num)] = left or fin
        return _Stay(f"S{owner + 1:05d}", f"P{pid_num:07d}", kind, hired, left, left or fin)

    def _pathway(self, stay: _Stay) -> str:
        """The pathway's row (its exit motif) and its monthly hours; about 6 % declare
        only their total hours, 2 % none. Returns the exit motif."""
        rng = self.rng
        sid, pid, kind, hired, left, last_day = stay
        motif = ""
        full_time = ""
        if left is not None:
            table = MOTIFS_SHORT if kind in ("AI", "ETTI") else MOTIFS_COMMON
            motif = rng.choices(list(table), weights=list(table.values()))[0]
            full_time = "oui" if rng.random() < 0.55 else "non"
        mean, spread = MONTHLY_HOURS[kind]
        hours_mode = rng.random()
        months = (last_day.year - hired.year) * 12 + last_day.month - hired.month + 1
        total = 0.0
        monthly = []
        for k in range(months):
            h = round(max(1.0, rng.gauss(mean, spread)), 2)
            if k == 0 or k == months - 1:
                h = round(h / 2, 2)
            monthly.append(h)
            total += h
        declared = ""
        if hours_mode < 0.06:
            declared = f"{round(total, 2)}"
            monthly = []
        elif hours_mode < 0.08:
            monthly = []  # hours unknown
        self._row(
            "parcours",
            f"{sid},{pid},{hired.isoformat()},{left.isoformat() if left else ''},"
            f"{motif},{declared},{full_time}\n",
        )
        self._hours(stay, monthly)
        return motif

    def _hours(self, stay: _Stay, monthly: list[float]) -> None:
        """One hours row per month worked, from the month of hire."""
        y, m = stay.hired.year, stay.hired.month
        lines = []
        for h in monthly:
            lines.append(f"{stay.sid},{stay.pid},{y:04d}-{m:02d},{h}\n")
            m += 1
            if m == 13:
                y, m = y + 1, 1
        self.files["heures"].write("".join(lines))
        self.counts["heures"] += len(lines)

    def _follow_ups(self, stay: _Stay, motif: str) -> None:
        """The follow-ups at 3, 6 and 12 months after the exit, when due before the end
        of the data and done: a better situation after a dynamic exit."""
        rng, fin, left = self.rng, self.fin, stay.left
        for months_after, chance in ((3, 0.6), (6, 0.5), (12, 0.4)):
            due = add_months(left, months_after)
            if due > fin or rng.random() > chance:
                continue
            roll = rng.random()
            if roll < 0.1:
                situation = "inconnue"
            elif (motif in DYNAMIC and roll < 0.8) or roll < 0.3:
                situation = rng.choice(GOOD_SITUATIONS)
            else:
                situation = rng.choice(["chomage", "chomage", "inactif", "sans_nouvelle"])
            done = min(fin, due + dt.timedelta(days=rng.randint(0, 20)))
            self._row(
                "suivis",
                f"{stay.sid},{stay.pid},{left.isoformat()},{months_after},{situation},"
                f"{done.isoformat()}\n",
            )

    def _orientations(self, stay: _Stay) -> None:
        """The orientation that led to this hire, plus unsuccessful ones."""
        rng, sid = self.rng, stay.sid
        prescriber = rng.choices(list(PRESCRIPTEURS), weights=[40, 15, 5, 12, 8, 4, 4, 3, 5, 4])[0]
        oriented = max(self.start, stay.hired - dt.timedelta(days=rng.randint(5, 40)))
        self._row(
            "orientations", f"{sid},{oriented.isoformat()},{prescriber},embauche,{stay.pid}\n"
        )
        for _ in range(rng.choices([0, 1, 2], weights=[50, 35, 15])[0]):
            issue = rng.choices(["refus", "sans_suite", "en_cours"], weights=[50, 35, 15])[0]
            other = self.start + dt.timedelta(days=rng.randrange(self.span))
            prescriber = rng.choice(list(PRESCRIPTEURS))
            self._row("orientations", f"{sid},{other.isoformat()},{prescriber},{issue},\n")

    def _accompaniment(self, stay: _Stay) -> None:
        """Accompaniment actions during the pathway."""
        rng = self.rng
        days = (stay.last_day - stay.hired).days + 1
        for _ in range(rng.choices(range(7), weights=[10, 15, 20, 20, 15, 10, 10])[0]):
            when = stay.hired + dt.timedelta(days=rng.randrange(days))
            nature = "social" if rng.random() < 0.5 else "professionnel"
            barrier = rng.choice(list(FREINS)) if rng.random() < 0.6 else ""
            mode = rng.choices(["interne", "externe", ""], weights=[70, 25, 5])[0]
            who = "référent RSA" if mode == "externe" and rng.random() < 0.4 else ""
            minutes = rng.choice([30, 45, 60, 60, 90, 120])
            self._row(
                "accompagnements",
                f"{stay.sid},{stay.pid},{when.isoformat()},{nature},{minutes},{barrier},"
                f"{mode},{who}\n",
            )

    def _training(self, stay: _Stay) -> None:
        """A training for a quarter of the pathways, including preparation before
        entry."""
        rng = self.rng
        if rng.random() >= 0.25:
            return
        sid, pid = stay.sid, stay.pid
        status = rng.choices(
            ["preparation", "entree", "abandon", "terminee", "certifiee"],
            weights=[25, 20, 10, 25, 20],
        )[0]
        title = rng.choice(TRAININGS)
        qualifying = "oui" if title.startswith(("Titre", "CACES")) else "non"
        if status == "preparation":
            hours = rng.choice([2, 4, 6])
            self._row("formations", f"{sid},{pid},preparation,,,{title},{hours},{qualifying}\n")
            return
        days = (stay.last_day - stay.hired).days + 1
        begin = stay.hired + dt.timedelta(days=rng.randrange(days))
        end = (
            ""
            if status == "entree"
            else (begin + dt.timedelta(days=rng.randint(5, 90))).isoformat()
        )
        hours = rng.choice([14, 35, 70, 140, 280])
        self._row(
            "formations",
            f"{sid},{pid},{status},{begin.isoformat()},{end},{title},{hours},{qualifying}\n",
        )
