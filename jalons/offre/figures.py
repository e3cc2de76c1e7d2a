"""The structure's own figures inserted in the sections of its Offre de Services.

Exits, rates, follow-ups and complementary indicators come from
``structure_indicators`` with the period « Année N » of the indicators page and the
same reference date, so the two always agree. The rest comes from the selectors of
the other apps (annexes, fundings, hires, livret d'accueil).
"""

from jalons.documents.french import plural
from jalons.documents.livret import livret_texts
from jalons.offre.document import ChartSpec, Figure
from jalons.offre.figures_context import (
    CHART_LABELS,
    HIRE_SITUATIONS,
    FigureContext,
    count,
    number,
)
from jalons.offre.figures_exits import sorties, suivis, taux
from jalons.offre.objectives import ENTRIES_IN_EITI
from jalons.parcours.models import Parcours
from jalons.rules.definitions import REASONS
from jalons.rules.vocabulary import FREINS, PRESCRIPTEURS
from jalons.structures.models import FunderKind
from jalons.structures.selectors import annexes_of
from jalons.structures.words import entry_words
from jalons.web.templatetags.jalons import heures, pourcent

# One function per figure key of the catalogue --------------------------------------


def identite(ctx: FigureContext) -> list[Figure]:
    s = ctx.structure
    networks = ", ".join(str(n) for n in s.networks.all()) or "–"
    rows = [
        ["Type de SIAE", f"{s.get_kind_display()} ({s.kind})"],
        ["Identifiant", s.identifier],
        ["SIRET", s.siret or "–"],
        ["Adresse", " ".join(p for p in (s.address, s.postcode, s.city) if p) or "–"],
        ["Département", str(s.departement) if s.departement_id else "–"],
        ["Réseaux", networks],
    ]
    return [Figure("identite", "Fiche d'identité", ["Rubrique", "Valeur"], rows)]


def etp(ctx: FigureContext) -> list[Figure]:
    annexes = [a for a in annexes_of(structure=ctx.structure) if a.start_date.year <= ctx.year]
    rows = [
        [
            a.number,
            f"du {a.start_date:%d/%m/%Y} au {a.end_date:%d/%m/%Y}",
            # « 24 » as in the objectives table, « 12,50 » when not whole.
            number(a.etp_conventionnes, 0 if a.etp_conventionnes % 1 == 0 else 2),
        ]
        for a in annexes[:4]
    ]
    if not rows:
        return []
    return [
        Figure(
            "etp",
            "ETP conventionnés (annexes financières)",
            ["Annexe", "Période", "ETP conventionnés"],
            rows,
            source="Annexes financières de la structure.",
        )
    ]


def funder_label(funding, kind: str) -> str:
    """« État (aide au poste) », « État (aide financière aux EITI) » in an EITI."""
    if funding.kind == FunderKind.ETAT:
        return f"État ({entry_words(kind).state_aid})"
    return funding.get_kind_display()


def financements(ctx: FigureContext) -> list[Figure]:
    rows = []
    for annexe in annexes_of(structure=ctx.structure):
        if annexe.start_date.year != ctx.year:
            continue
        for f in annexe.fundings.all():
            amount = f"{number(f.amount)} €" if f.amount is not None else "–"
            rows.append([funder_label(f, ctx.structure.kind), f.label or "–", amount])
    if not rows:
        return []
    return [
        Figure(
            "financements",
            f"Financements des annexes {ctx.year}",
            ["Financeur", "Précision", "Montant"],
            rows,
            source="Annexes financières de la structure.",
        )
    ]


def orientation_note(words) -> str:
    return (
        f"{words.hire_rate} : orientations suivies d'une {words.hire_singular} ÷ "
        "orientations closes (suivies d'effet, refusées ou sans suite), pour les "
        f"orientations reçues dans l'année. Les {words.hires_phrase} de l'année comptent "
        "aussi les personnes orientées avant l'année ou sans orientation enregistrée."
    )


def orientation_table(block: dict, words) -> tuple[list[str], list[list[str]], list]:
    """Columns, rows and the prescribers shown: one source for the Offre and the
    dialogue dossier. The rate shows its base (the closed orientations)."""
    per = block["par_prescripteur"]
    kept = [(k, v) for k, v in per.items() if v["orientations"]]

    def cells(v):
        closed = v["embauches"] + v["refus"] + v["sans_suite"]
        return [
            count(v["orientations"]),
            count(closed),
            count(v["embauches"]),
            pourcent(v["taux_embauche"]),
        ]

    rows = [[PRESCRIPTEURS[k], *cells(v)] for k, v in kept]
    rows.append(["Total", *cells(block["total"])])
    columns = [
        "Prescripteur",
        "Orientations reçues",
        "dont closes",
        f"dont suivies d'une {words.hire_singular}",
        words.hire_rate,
    ]
    return columns, rows, kept


def orientations(ctx: FigureContext) -> list[Figure]:
    block = ctx.complementary.get("orientations")
    if not block:
        return []
    words = entry_words(ctx.structure.kind)
    columns, rows, kept = orientation_table(block, words)
    chart = ChartSpec(
        f"Orientations par type de prescripteur, {ctx.period_label}",
        [(CHART_LABELS.get(k, PRESCRIPTEURS[k]), float(v["orientations"])) for k, v in kept],
    )
    return [
        Figure(
            "orientations_par_prescripteur",
            f"Orientations et {words.hires_phrase} par type de prescripteur",
            columns,
            rows,
            chart=chart if kept else None,
            source=ctx.source(),
            note=orientation_note(words),
        )
    ]


def embauches(ctx: FigureContext) -> list[Figure]:
    hires = Parcours.objects.filter(
        structure=ctx.structure, hire_date__range=(ctx.start, ctx.end)
    ).values(*[k for k, _ in HIRE_SITUATIONS])
    hires = list(hires)
    words = entry_words(ctx.structure.kind)
    rows = [[words.entries_row, str(len(hires))]]
    rows += [[label, str(sum(1 for h in hires if h[k]))] for k, label in HIRE_SITUATIONS]
    return [
        Figure(
            "embauches",
            words.entries_title,
            ["Situation", "Personnes"],
            rows,
            source=ctx.source(),
        )
    ]


def _opening(text: str, limit: int = 140) -> str:
    """The first sentence of a text, cut at a word when it is long."""
    first = " ".join(text.split())
    for end in (". ", " ; ", " : "):
        if end in first[: limit + 1]:
            first = first[: first.index(end) + 1].rstrip(" ;:")
            break
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0] + " …"
    return first


def livret(ctx: FigureContext) -> list[Figure]:
    """What each part of the livret d'accueil says (its opening), and in a note how
    many parts keep the text proposed by Jalons: the reader sees the content."""
    texts = livret_texts(structure=ctx.structure)
    rows = [[t.title, _opening(t.text)] for t in texts]
    own = sum(1 for t in texts if not t.is_default)
    if own == len(texts):
        note = "Toutes les rubriques sont écrites par la structure."
    elif own == 0:
        note = "Les rubriques reprennent les textes proposés par Jalons (aucune n'est adaptée)."
    else:
        note = (
            f"{plural(own, 'rubrique est écrite', 'rubriques sont écrites')} par la "
            f"structure ; les autres reprennent le texte proposé par Jalons."
        )
    return [
        Figure(
            "livret_accueil",
            "Rubriques du livret d'accueil",
            ["Rubrique", "Ce que dit le livret (début)"],
            rows,
            source="Livret d'accueil de la structure (page Documents).",
            note=note,
        )
    ]


def accompaniment_rows(a: dict) -> list[list[str]]:
    """Time of accompaniment, by modality and by nature: one source for the Offre and
    the dialogue dossier."""
    rows = [
        ["Temps total", heures(a["heures"])],
        ["Personnes accompagnées", count(a["personnes"])],
        ["Temps par personne", heures(a["heures_par_personne"])],
        ["Actions", count(a["actions"])],
        ["Interne", heures(a["par_modalite"]["interne"]["heures"])],
        ["Externe (référents extérieurs)", heures(a["par_modalite"]["externe"]["heures"])],
    ]
    if a["par_modalite"]["non_renseignee"]["actions"]:
        rows.append(
            ["Modalité non renseignée", heures(a["par_modalite"]["non_renseignee"]["heures"])]
        )
    rows += [
        ["Social", heures(a["par_nature"]["social"]["heures"])],
        ["Professionnel", heures(a["par_nature"]["professionnel"]["heures"])],
    ]
    return rows


def training_rows(f: dict) -> list[list[str]]:
    """The training effort: one source for the Offre and the dialogue dossier."""
    return [
        ["Personnes en préparation", count(f["en_preparation"]["personnes"])],
        ["Entrées en formation", count(f["entrees"]["actions"])],
        ["Abandons", count(f["abandons"]["actions"])],
        ["Formations terminées", count(f["terminees"]["actions"])],
        ["dont certifiées", count(f["certifiees"]["actions"])],
        ["Heures de formation", heures(f["heures"])],
        ["dont préparation", heures(f["heures_preparation"])],
        ["Part qualifiante", pourcent(f["part_qualifiante"])],
    ]


def accompagnement_modalite(ctx: FigureContext) -> list[Figure]:
    a = ctx.complementary.get("accompagnement")
    if not a:
        return []
    rows = accompaniment_rows(a)
    bars = [
        ("Interne", float(a["par_modalite"]["interne"]["heures"] or 0)),
        ("Externe", float(a["par_modalite"]["externe"]["heures"] or 0)),
    ]
    if a["par_modalite"]["non_renseignee"]["actions"]:  # the bars add up to the total
        bars.append(("Non renseignée", float(a["par_modalite"]["non_renseignee"]["heures"] or 0)))
    return [
        Figure(
            "accompagnement_modalite",
            "Temps d'accompagnement par modalité et par nature",
            ["Accompagnement", "Valeur"],
            rows,
            chart=ChartSpec(
                f"Temps d'accompagnement par modalité, {ctx.period_label}", bars, "h", 2
            )
            if any(v for _, v in bars)
            else None,
            source=ctx.source(),
        )
    ]


def accompagnement_freins(ctx: FigureContext) -> list[Figure]:
    a = ctx.complementary.get("accompagnement")
    if not a:
        return []
    labels = {**FREINS, "sans_frein": "Sans frein particulier"}
    kept = [(k, v) for k, v in a["par_frein"].items() if v["actions"]]
    rows = [[labels[k], count(v["personnes"]), heures(v["heures"])] for k, v in kept]
    return [
        Figure(
            "accompagnement_par_frein",
            "Temps d'accompagnement par frein travaillé",
            ["Frein", "Personnes", "Temps"],
            rows,
            chart=ChartSpec(
                f"Temps d'accompagnement par frein, {ctx.period_label}",
                [(CHART_LABELS.get(k, labels[k]), float(v["heures"] or 0)) for k, v in kept],
                "h",
                2,
            )
            if kept
            else None,
            source=ctx.source(),
        )
    ]


def formation(ctx: FigureContext) -> list[Figure]:
    f = ctx.complementary.get("formation")
    if not f:
        return []
    rows = training_rows(f)
    return [
        Figure(
            "formation",
            "Effort de formation, préparation comprise",
            ["Formation", "Valeur"],
            rows,
            source=ctx.source(),
        )
    ]


BUILDERS = {
    "identite": identite,
    "etp": etp,
    "financements": financements,
    "orientations": orientations,
    "embauches": embauches,
    "livret": livret,
    "accompagnement_modalite": accompagnement_modalite,
    "accompagnement_freins": accompagnement_freins,
    "formation": formation,
    "sorties": sorties,
    "taux": taux,
    "suivis": suivis,
}

# Which definitions of jalons.rules.definitions each figure shows.
DEFINITIONS_SHOWN = {
    "sorties": (
        "sorties",
        "sorties_examinees",
        *REASONS,
        "emploi_durable",
        "emploi_transition",
        "sortie_positive",
        "autre_sortie",
    ),
    "taux": (
        "taux_sortie_dynamique",
        "taux_emploi_durable",
        "taux_emploi_transition",
        "taux_sortie_positive",
    ),
    "suivis": ("suivi",),
}

# Definitions of the figures that do not come from the rules engine.
EXTRA_DEFINITIONS = {
    "orientations": (
        "Taux d'embauche",
        "Orientations suivies d'une embauche (en EITI, d'une entrée en accompagnement) ÷ "
        "orientations closes (suivies d'effet, refusées ou sans suite) reçues pendant la "
        "période, par type de prescripteur.",
    ),
    "embauches": (
        "Embauches",
        "Parcours dont la date d'embauche (en EITI, d'entrée en accompagnement) tombe dans "
        "l'année ; situation déclarée à l'entrée.",
    ),
    "accompagnement_modalite": (
        "Temps d'accompagnement",
        "Durée des actions d'accompagnement datées de la période, internes ou avec des "
        "référents extérieurs ; temps par personne = temps total ÷ personnes accompagnées.",
    ),
    "accompagnement_freins": (
        "Temps par frein",
        "Durée des actions d'accompagnement rattachées à chaque frein du plan d'accompagnement.",
    ),
    "formation": (
        "Part qualifiante",
        "Actions de formation qualifiantes ÷ actions dont le caractère qualifiant est "
        "renseigné ; une action compte pour la période si ses dates la rencontrent.",
    ),
    "etp": ("ETP conventionnés", "Postes en équivalent temps plein de l'annexe financière."),
}
# An EITI's, where the words differ: it accompanies self-employed workers, hires nobody.
SELF_EMPLOYED_DEFINITIONS = {
    "orientations": (
        "Taux d'entrée",
        "Orientations suivies d'une entrée en accompagnement ÷ orientations closes (suivies "
        "d'effet, refusées ou sans suite) reçues pendant la période, par type de prescripteur.",
    ),
    "embauches": ENTRIES_IN_EITI,
    "etp": (
        "ETP conventionnés",
        "Équivalents temps plein inscrits à l'annexe financière. Les heures d'activité "
        "des travailleurs indépendants accompagnés ne sont pas converties en ETP.",
    ),
}


def extra_definitions(kind: str) -> dict[str, tuple[str, str]]:
    """The definitions of the figures that do not come from the rules engine, in the
    words of the kind of structure."""
    if entry_words(kind).has_etp:
        return EXTRA_DEFINITIONS
    return {**EXTRA_DEFINITIONS, **SELF_EMPLOYED_DEFINITIONS}
