"""A realistic observatory edition built by hand, protection already applied.

Used to test the pages and the PDF independently of the snapshot computation: the
hidden cells carry no value (as ``build_edition`` guarantees) and the visible ones a
plausible figure. ``HIDDEN_MARKERS`` are numbers that appear nowhere else, to prove
that nothing of a hidden cell can reach a rendering.
"""

import datetime as dt

from jalons.observatoire.edition import (
    PRIMARY,
    SECONDARY,
    Cell,
    ChartSpec,
    Edition,
    Perimeter,
    Row,
    Table,
    Thresholds,
)

SECRET_PRIMARY = Cell(value=None, display="secret", hidden=True, reason=PRIMARY)
SECRET_SECONDARY = Cell(value=None, display="secret", hidden=True, reason=SECONDARY)
STRUCTURE_NAME = "Les Jardins du Val"


def n(value: int) -> Cell:
    return Cell(value=value, display=str(value))


def pct(value: float) -> Cell:
    return Cell(value=value, display=f"{value * 100:.1f} %".replace(".", ","))


def etp(value: float) -> Cell:
    return Cell(value=value, display=f"{value:.1f}".replace(".", ","))


def _parcours_par_type() -> Table:
    rows = [
        Row("ACI", [n(412), n(198), etp(181.4), etp(190.0)], structures=14),
        Row("EI", [n(131), n(64), etp(58.2), etp(61.5)], structures=6),
        Row("ETTI", [n(257), n(170), etp(71.0), etp(75.0)], structures=5),
        Row("AI", [n(305), n(201), etp(66.3), etp(70.0)], structures=7),
        Row("EITI", [SECRET_PRIMARY] * 4, structures=None),
        Row("Ensemble", [n(1118), n(639), etp(380.3), etp(400.0)], structures=34, is_total=True),
    ]
    return Table(
        key="parcours_par_type",
        title="Personnes en parcours, entrées et ETP par type de SIAE",
        dimension="Type de SIAE",
        columns=["Personnes en parcours", "Entrées", "ETP réalisés", "ETP conventionnés"],
        rows=rows,
        chart=ChartSpec(
            title="Personnes en parcours par type de SIAE",
            bars=[("ACI", 412), ("EI", 131), ("ETTI", 257), ("AI", 305)],
        ),
    )


def _parcours_par_departement() -> Table:
    rows = [
        Row("Nord (59)", [n(530), n(301)], structures=15),
        Row("Pas-de-Calais (62)", [n(402), n(229)], structures=12),
        Row("Somme (80)", [SECRET_PRIMARY, SECRET_PRIMARY], structures=None),
        Row("Oise (60)", [SECRET_SECONDARY, SECRET_SECONDARY], structures=None),
        Row("Ensemble", [n(1118), n(639)], structures=34, is_total=True),
    ]
    return Table(
        key="parcours_par_departement",
        title="Personnes en parcours et entrées par département",
        dimension="Département",
        columns=["Personnes en parcours", "Entrées"],
        rows=rows,
        chart=ChartSpec(
            title="Personnes en parcours par département",
            bars=[("Nord (59)", 530), ("Pas-de-Calais (62)", 402)],
        ),
        note="La Somme compte moins de 3 structures ; l'Oise est masquée pour que la Somme "
        "ne puisse pas se déduire du total.",
    )


def _taux_par_regles() -> Table:
    rows = [
        Row("ACI", [pct(0.412), pct(0.455), pct(0.398), pct(0.421)], structures=14),
        Row("EI", [pct(0.503), pct(0.541), pct(0.497), pct(0.512)], structures=6),
        Row("ETTI", [pct(0.611), pct(0.637), pct(0.582), pct(0.598)], structures=5),
        Row("AI", [pct(0.386), pct(0.402), pct(0.371), pct(0.379)], structures=7),
        Row("EITI", [SECRET_PRIMARY] * 4, structures=None),
        Row(
            "Ensemble",
            [pct(0.467), pct(0.498), pct(0.451), pct(0.466)],
            structures=34,
            is_total=True,
        ),
    ]
    return Table(
        key="taux_par_regles",
        title="Taux de sortie dynamique selon chaque jeu de règles",
        dimension="Type de SIAE",
        columns=["circulaire-2008", "uriae-2009", "etti-450h", "dgefp-2014"],
        rows=rows,
        chart=ChartSpec(
            title="Taux de sortie dynamique (dgefp-2014) par type de SIAE",
            bars=[("ACI", 42.1), ("EI", 51.2), ("ETTI", 59.8), ("AI", 37.9), ("Ensemble", 46.6)],
            unit="%",
            decimals=1,
        ),
    )


def _structures() -> list[Table]:
    return [
        Table(
            key="structures_consentantes",
            title="Structures qui partagent leurs chiffres",
            dimension="Structure",
            columns=["Type", "Personnes en parcours", "Taux de sortie dynamique"],
            rows=[
                Row(STRUCTURE_NAME, [Cell("ACI", "ACI"), n(61), pct(0.447)], structures=1),
                Row("Val'Emploi Services", [Cell("EI", "EI"), n(22), pct(0.5)], structures=1),
            ],
        )
    ]


def make_edition(**overrides) -> Edition:
    values = dict(
        perimeter=Perimeter(kind="reseau", ident="1", label="Réseau URIAE HdF"),
        period_label="Année 2025",
        rule_set="dgefp-2014",
        rule_set_version="2014.1",
        computed_at=dt.datetime(2026, 1, 5, 2, 0, tzinfo=dt.UTC),
        generated_at=dt.datetime(2026, 1, 6, 9, 30, tzinfo=dt.UTC),
        thresholds=Thresholds(),
        tables=[_parcours_par_type(), _parcours_par_departement(), _taux_par_regles()],
        structures=_structures(),
        definitions=[
            ("Personnes en parcours", "Personnes salariées au moins un jour de la période."),
            ("Entrées", "Embauches dont la date tombe dans la période."),
        ],
    )
    values.update(overrides)
    return Edition(**values)
