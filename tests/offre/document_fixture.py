"""A realistic Offre de Services document, built by hand, for the renderers' tests.

Every part of ``OffreDocument`` is filled: parts and sub-sections with paragraphs and
bullets, figures with and without charts, objectives over three years, definitions,
trace and DDETS comments. Some texts carry markup characters to check escaping.
"""

import datetime as dt

from jalons.offre.document import (
    ChartSpec,
    Comment,
    Figure,
    ObjectiveLine,
    OffreDocument,
    Section,
)

HOSTILE = "<script>alert('x')</script> & « Jardin » <b>gras</b>"

PRESENTATION = (
    "Les Jardins du Hainaut est un atelier et chantier d'insertion créé en 1998 à "
    "Valenciennes. Nous accueillons chaque année une cinquantaine de salariés en "
    "insertion sur trois supports : maraîchage biologique, entretien d'espaces verts "
    "et second œuvre du bâtiment.\n\n"
    "Notre équipe permanente compte :\n"
    "- une directrice ;\n"
    "- deux conseillères en insertion professionnelle ;\n"
    "- quatre encadrants techniques.\n\n"
    "Nous travaillons avec France Travail, la Mission locale et le Conseil "
    "départemental du Nord."
)

RECRUTEMENT = (
    "Les candidatures nous parviennent surtout par France Travail et les référents RSA. "
    "Chaque candidat est reçu en entretien individuel puis découvre le chantier pendant "
    "une demi-journée.\n\n"
    "- Information collective le premier mardi du mois\n"
    "- Entretien avec la CIP et l'encadrant\n"
    f"- Remarque saisie par un utilisateur : {HOSTILE}"
)

ACCOMPAGNEMENT = (
    "Chaque salarié a un plan d'accompagnement revu tous les trois mois. Les freins "
    "périphériques (mobilité, logement, santé) sont travaillés avec nos partenaires.\n\n"
    "Les entretiens individuels ont lieu au moins deux fois par mois."
)

FORMATION = (
    "Nous finançons des formations qualifiantes (CACES, titre professionnel d'ouvrier "
    "du paysage) et des modules de remise à niveau.\n\n"
    "- Savoirs de base\n- Sécurité au travail\n- Permis B"
)

ACTIVITE = (
    "Le maraîchage alimente une AMAP de 120 paniers ; les espaces verts travaillent pour "
    "trois communes."
)


def orientations_figure() -> Figure:
    return Figure(
        key="orientations_par_prescripteur",
        title="Orientations et embauches par prescripteur",
        columns=["Prescripteur", "Orientations", "Embauches"],
        rows=[
            ["France Travail", "24", "11"],
            ["Conseil départemental (RSA)", "12", "6"],
            ["Mission locale", "7", "3"],
            ["Candidature spontanée", "5", "1"],
        ],
        chart=ChartSpec(
            title="Embauches par prescripteur, 2025",
            bars=[
                ("France Travail", 11),
                ("Conseil départemental (RSA)", 6),
                ("Mission locale", 3),
                ("Candidature spontanée", 1),
            ],
        ),
        source="Année 2025, données au 15/01/2026",
    )


def rates_figure() -> Figure:
    return Figure(
        key="taux_sortie",
        title="Taux de sortie dynamique selon le jeu de règles",
        columns=["Jeu de règles", "Sorties examinées", "Taux de sortie dynamique"],
        rows=[
            ["circulaire-2008", "18", "55,6 %"],
            ["uriae-2009", "16", "62,5 %"],
            ["etti-450h", "18", "55,6 %"],
            ["dgefp-2014", "15", "60,0 %"],
        ],
        chart=ChartSpec(
            title="Taux de sortie dynamique, 2025",
            bars=[
                ("circulaire-2008", 55.6),
                ("uriae-2009", 62.5),
                ("etti-450h", 55.6),
                ("dgefp-2014", 60.0),
            ],
            unit="%",
            decimals=1,
        ),
        source="Sorties du 01/01/2025 au 31/12/2025, suivis au 15/01/2026",
        note="2 sorties sans motif ne sont pas comptées.",
    )


def accompaniment_figure() -> Figure:
    return Figure(
        key="temps_accompagnement",
        title="Temps d'accompagnement",
        columns=["Nature", "Heures"],
        rows=[["Social", "312,5 h"], ["Professionnel", "418 h"]],
        source="Année 2025",
    )


def make_document(**overrides) -> OffreDocument:
    sections = [
        Section("presentation", "P", "Présentation de la structure", 1, PRESENTATION),
        Section("axe1", "1", "Accueil et intégration en milieu de travail", 1, ""),
        Section(
            "axe1.recrutement",
            "1.1",
            "Recrutement et accueil",
            2,
            RECRUTEMENT,
            [orientations_figure()],
            True,
        ),
        Section("axe2", "2", "Accompagnement social et professionnel", 1, ""),
        Section(
            "axe2.accompagnement",
            "2.1",
            "Accompagnement des salariés",
            2,
            ACCOMPAGNEMENT,
            [accompaniment_figure()],
        ),
        Section("axe2.sorties", "2.2", "Sorties et suivi", 2, "Nos résultats.", [rates_figure()]),
        Section("axe3", "3", "Formation des salariés", 1, FORMATION),
        Section("axe4", "4", "Activité économique", 1, ACTIVITE),
        Section("objectifs", "5", "Objectifs et résultats", 1, "Objectifs négociés."),
    ]
    values = dict(
        structure_name="Les Jardins du Hainaut",
        structure_kind="ACI",
        structure_identifier="ACI-59-001",
        organisation="Association Les Jardins du Hainaut",
        departement="Nord (59)",
        year=2026,
        status="Transmise à la DDETS",
        version=2,
        frozen=True,
        figures_date=dt.date(2026, 1, 15),
        generated_at=dt.datetime(2026, 2, 3, 10, 30, tzinfo=dt.UTC),
        sections=sections,
        objective_years=[2025, 2026, 2027],
        objectives=[
            ObjectiveLine(
                "Taux de sortie dynamique",
                "%",
                {2025: ("55 %", "55,6 %"), 2026: ("58 %", ""), 2027: ("60 %", "")},
                "Objectif relevé après un bon résultat",
            ),
            ObjectiveLine(
                "Salariés accueillis",
                "personnes",
                {2025: ("50", "52"), 2026: ("52", ""), 2027: ("54", "")},
            ),
            ObjectiveLine(
                "Heures de formation", "h", {2025: ("800 h", "912 h"), 2026: ("900 h", "")}
            ),
        ],
        definitions=[
            ("Taux de sortie dynamique", "(Emploi durable + transition + positives) ÷ examinées."),
            ("Sorties examinées", "Sorties qui entrent dans la base du taux."),
            ("Définition piégée", HOSTILE),
        ],
        trace=[
            "circulaire-2008 version 2008-12-10, uriae-2009 version 2009-06-01",
            "Date de référence des suivis : 15/01/2026",
        ],
        comments=[
            Comment(
                "Thomas Morel (DDETS du Nord)",
                dt.datetime(2026, 2, 10, 9, 0, tzinfo=dt.UTC),
                "Recrutement et accueil",
                "Merci de préciser les partenariats avec la Mission locale.",
            ),
            Comment(
                "Thomas Morel (DDETS du Nord)",
                dt.datetime(2026, 2, 11, 14, 0, tzinfo=dt.UTC),
                "",
                f"Dossier complet. {HOSTILE}",
            ),
        ],
    )
    values.update(overrides)
    return OffreDocument(**values)


def headings(document: OffreDocument) -> list[str]:
    """Every section heading as rendered: number then title."""
    return [f"{s.number} {s.title}" if s.number != "P" else s.title for s in document.sections]
