"""Figures of exits, rates and follow-ups under each rule set, as on the indicators page."""

from jalons.documents.french import plural
from jalons.offre.document import ChartSpec, Figure
from jalons.offre.figures_context import FigureContext, count
from jalons.rules import short_title
from jalons.rules.definitions import DEFINITIONS, REASONS
from jalons.web.templatetags.jalons import pourcent


def _rule_columns(ctx) -> list[str]:
    return ["Indicateur", *_titles(ctx)]


def _titles(ctx) -> list[str]:
    return [short_title(c["jeu_de_regles"]) for c in ctx.calculs]


def sorties(ctx: FigureContext) -> list[Figure]:
    entries = ctx.entries()

    def line(key, getter):
        return [DEFINITIONS[key][0], *[count(getter(e)) if e else "–" for e in entries]]

    rows = [
        line("sorties", lambda e: e["sorties"]),
        line("sorties_examinees", lambda e: e["sorties_examinees"]),
        *[line(r, lambda e, r=r: e["non_comptees"][r]) for r in REASONS],
        *[
            line(k, lambda e, k=k: e[k])
            for k in ("emploi_durable", "emploi_transition", "sortie_positive", "autre_sortie")
        ],
    ]
    first = entries[0] if entries else None
    chart = None
    if first and first["sorties_examinees"]:
        chart = ChartSpec(
            f"Sorties examinées par groupe selon « {_titles(ctx)[0]} », {ctx.period_label}",
            [
                (DEFINITIONS[k][0], float(first[k]))
                for k in ("emploi_durable", "emploi_transition", "sortie_positive", "autre_sortie")
            ],
        )
    return [
        Figure(
            "sorties",
            "Sorties selon chaque jeu de règles",
            _rule_columns(ctx),
            rows,
            chart=chart,
            source=ctx.source("rules"),
            note=ctx.excluded_note(),
        )
    ]


def taux(ctx: FigureContext) -> list[Figure]:
    entries = ctx.entries()
    keys = (
        "taux_sortie_dynamique",
        "taux_emploi_durable",
        "taux_emploi_transition",
        "taux_sortie_positive",
    )
    rows = [[DEFINITIONS[k][0], *[pourcent(e[k]) if e else "–" for e in entries]] for k in keys]
    chart = ChartSpec(
        f"Taux de sortie dynamique selon le jeu de règles, {ctx.period_label}",
        [
            (title, (e["taux_sortie_dynamique"] or 0) * 100 if e else 0.0)
            for title, e in zip(_titles(ctx), entries, strict=True)
        ],
        "%",
        1,
    )
    return [
        Figure(
            "taux",
            "Taux de sortie selon chaque jeu de règles",
            _rule_columns(ctx),
            rows,
            chart=chart,
            source=ctx.source("rules"),
        )
    ]


def suivis(ctx: FigureContext) -> list[Figure]:
    entries = ctx.entries()
    rows = []
    for months in ("3", "6", "12"):
        cells = []
        for e in entries:
            v = (e or {}).get("suivi", {}).get(months)
            cells.append(
                f"{pourcent(v['taux'])} ({v['dynamiques']} sur "
                f"{plural(v['realises'], 'suivi réalisé', 'suivis réalisés')}, "
                f"{plural(v['attendus'], 'attendu')})"
                if v and v["attendus"]
                else "–"
            )
        rows.append([f"À\u00a0{months}\u00a0mois", *cells])  # never cut
    return [
        Figure(
            "suivis",
            "Suivi après la sortie (en emploi ou en formation)",
            ["Échéance", *_titles(ctx)],
            rows,
            source=ctx.source("rules"),
        )
    ]
