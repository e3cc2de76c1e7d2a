"""The tables of an edition: which figures, which population decides their protection.

Each ``Family`` is one quantity broken down by every dimension (type, département,
network) and period; its ``population`` is the denominator its cells describe, the
one the thresholds apply to. Values are computed from summed figures (rates from
summed numerators and denominators, never averaged).
"""

from collections.abc import Callable
from dataclasses import dataclass

from jalons.rules.arith import rate
from jalons.rules.definitions import DEFINITIONS


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[dict], float | int | None]
    kind: str = "count"  # count, decimal, rate, hours
    # The row's value is the sum of its structures' values (not a rate, not a ratio):
    # the interval audit bounds it (``interval_audit.Intervals``).
    additive: bool = True
    # A flow of the period (entries, exits): the year's value is also the sum of its
    # quarters'. A stock (people in pathways, FTE) is not.
    over_quarters: bool = False

    @property
    def bounded(self) -> bool:
        return self.additive and self.kind != "rate"


@dataclass(frozen=True)
class Family:
    key: str
    title: str
    population: Callable[[dict], int]
    columns: tuple[Column, ...]
    chart: int | None = None  # index of the charted column
    note: str = ""
    all_rule_sets: bool = False  # figures keyed by rule set name
    per_rule_set: bool = False  # figures that depend on the rule set of the edition
    counted: int = 0  # index of the column that shows the population


def _x100(key):
    return lambda f: f[key] / 100


def _per_person(hours_key, people_key):
    return lambda f: round(f[hours_key] / 100 / f[people_key], 1) if f[people_key] else None


def _rate(num, den):
    def value(f):
        numerator = sum(f[k] for k in num) if isinstance(num, tuple) else f[num]
        return rate(numerator, f[den])

    return value


DYNAMIC = ("emploi_durable", "emploi_transition", "sortie_positive")
PUBLIC_LABELS = (
    ("rsa", "RSA"),
    ("ass", "ASS"),
    ("aah", "AAH"),
    ("deld", "DELD (12 mois et plus)"),
    ("detld", "DETLD (24 mois et plus)"),
    ("qpv", "QPV"),
    ("zrr", "ZRR"),
    ("rqth", "RQTH"),
    ("moins_26", "Moins de 26 ans"),
    ("plus_50", "50 ans et plus"),
)


def families(rule_names: list[str]) -> list[Family]:
    follow_ups = [
        Family(
            key=f"suivi_{m}",
            title=f"Suivi à {m} mois après la sortie",
            population=lambda f, m=m: f[f"s{m}_realises"],
            counted=1,
            columns=(
                Column("Suivis attendus", lambda f, m=m: f[f"s{m}_attendus"]),
                Column("Suivis réalisés", lambda f, m=m: f[f"s{m}_realises"]),
                Column("En emploi ou en formation", lambda f, m=m: f[f"s{m}_dynamiques"]),
                Column(
                    "Taux (dynamiques ÷ réalisés)",
                    _rate(f"s{m}_dynamiques", f"s{m}_realises"),
                    "rate",
                ),
            ),
            chart=3,
            note="Seuils appliqués aux suivis réalisés.",
            per_rule_set=True,
        )
        for m in (3, 6, 12)
    ]
    return [
        Family(
            key="activite",
            title="Personnes en parcours, entrées, ETP, accompagnement et formation",
            population=lambda f: f["personnes"],
            columns=(
                Column("Personnes en parcours", lambda f: f["personnes"]),
                Column("Entrées (embauches)", lambda f: f["entrees"], over_quarters=True),
                Column("ETP réalisés", _x100("etp_realises_x100"), "decimal"),
                Column("ETP conventionnés", _x100("etp_conventionnes_x100"), "decimal"),
                Column(
                    "Heures d'accompagnement par personne accompagnée",
                    _per_person("acc_heures_x100", "acc_personnes"),
                    "hours",
                    additive=False,
                ),
                Column("Personnes formées", lambda f: f["form_personnes"]),
                Column("Heures de formation", _x100("form_heures_x100"), "hours"),
            ),
            chart=0,
            note="Seuils appliqués aux personnes en parcours.",
        ),
        Family(
            key="publics",
            title="Publics à l'entrée (parmi les entrées de la période)",
            population=lambda f: f["entrees_publics"],
            columns=(
                Column("Entrées", lambda f: f["entrees_publics"], over_quarters=True),
                *[
                    Column(label, lambda f, k=k: f[f"public_{k}"], over_quarters=True)
                    for k, label in PUBLIC_LABELS
                ],
            ),
            note="Seuils appliqués aux entrées. La RQTH n'apparaît qu'en nombre agrégé.",
        ),
        Family(
            key="durees",
            title="Durée des parcours terminés dans la période",
            population=lambda f: f["sorties_toutes"],
            columns=(
                Column("Sorties", lambda f: f["sorties_toutes"], over_quarters=True),
                Column("Moins de 6 mois", lambda f: f["duree_moins_6"], over_quarters=True),
                Column("6 à 12 mois", lambda f: f["duree_de_6_a_12"], over_quarters=True),
                Column("12 à 24 mois", lambda f: f["duree_de_12_a_24"], over_quarters=True),
                Column("Plus de 24 mois", lambda f: f["duree_plus_24"], over_quarters=True),
            ),
            note="Seuils appliqués aux sorties.",
        ),
        Family(
            key="sorties",
            title="Sorties par groupe",
            per_rule_set=True,
            population=lambda f: f["sorties_examinees"],
            columns=(
                Column("Sorties examinées", lambda f: f["sorties_examinees"], over_quarters=True),
                Column("Emploi durable", lambda f: f["emploi_durable"], over_quarters=True),
                Column(
                    "Emploi de transition", lambda f: f["emploi_transition"], over_quarters=True
                ),
                Column("Sorties positives", lambda f: f["sortie_positive"], over_quarters=True),
                Column("Autres sorties", lambda f: f["autre_sortie"], over_quarters=True),
                Column(
                    "Retirées de la base",
                    lambda f: f["sorties"] - f["sorties_examinees"],
                    over_quarters=True,
                ),
                Column("Taux de sortie dynamique", _rate(DYNAMIC, "sorties_examinees"), "rate"),
                Column(
                    "Taux d'emploi durable", _rate("emploi_durable", "sorties_examinees"), "rate"
                ),
            ),
            chart=6,
            note="Seuils appliqués aux sorties examinées.",
        ),
        Family(
            key="regles",
            title="Taux de sortie dynamique selon le jeu de règles",
            population=lambda per: min(f["sorties_examinees"] for f in per.values()),
            columns=tuple(
                Column(
                    name, lambda per, n=name: _rate(DYNAMIC, "sorties_examinees")(per[n]), "rate"
                )
                for name in rule_names
            ),
            note="Seuils appliqués au plus petit nombre de sorties examinées des jeux de règles.",
            all_rule_sets=True,
        ),
        *follow_ups,
    ]


DEFINITIONS_OBSERVATOIRE = [
    ("Personnes en parcours", "Personnes dont un parcours couvre au moins un jour de la période."),
    ("Entrées", "Parcours dont la date d'embauche tombe dans la période."),
    (
        "ETP réalisés",
        "Heures travaillées dans la période ÷ heures d'un temps plein sur la période "
        "(durée annuelle de référence de l'annexe financière, 1 607 h à défaut).",
    ),
    ("ETP conventionnés", "ETP des annexes financières, au prorata des jours de la période."),
    (
        "Publics à l'entrée",
        "Critères de la situation à l'embauche (RSA, ASS, AAH, DELD, DETLD, QPV, ZRR, RQTH) "
        "et âge à l'embauche, comptés parmi les entrées de la période.",
    ),
    ("Durée des parcours", "De l'embauche à la sortie, pour les sorties de la période."),
    (
        "Heures d'accompagnement par personne",
        "Heures des actions d'accompagnement de la période ÷ personnes accompagnées.",
    ),
    *[
        DEFINITIONS[key]
        for key in (
            "sorties_examinees",
            "emploi_durable",
            "emploi_transition",
            "sortie_positive",
            "autre_sortie",
            "taux_sortie_dynamique",
            "suivi",
        )
    ],
    (
        "secret",
        "Case masquée : trop peu de structures ou de personnes (secret primaire), ou "
        "masquée pour qu'une case en secret ne puisse pas être retrouvée par différence "
        "(secret secondaire).",
    ),
]


def add(total: dict, figures: dict) -> None:
    for key, value in figures.items():
        total[key] = total.get(key, 0) + value
