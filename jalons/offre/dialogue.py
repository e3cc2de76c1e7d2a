"""The dossier du dialogue de gestion: one PDF for the yearly meeting with the State.

It holds the Offre de Services (same parts as its PDF), then the year's results under
the four shipped rule sets side by side with the reasons for their differences (how
many exits each rule removes), the follow-up at 3, 6 and 12 months, the complementary
indicators and the objectives proposed for next year; definitions and trace in
annexes. Figures come from ``structure_indicators`` with the period « Année N » and
the reference date of the indicators page (today), so they match that page; once the
Offre de Services is submitted, they are those kept in its version that day.
"""

import datetime as dt

from django.utils import timezone

from jalons.documents.french import count_fr, plural, plural_form
from jalons.documents.rendering import html_to_pdf
from jalons.indicateurs.services import structure_indicators
from jalons.offre.builder import build_document
from jalons.offre.document import ChartSpec, OffreDocument
from jalons.offre.exports import common
from jalons.offre.exports.pdf import chart_svg, css_string, document_context, render_html
from jalons.offre.figures import (
    accompaniment_rows,
    orientation_note,
    orientation_table,
    training_rows,
)
from jalons.parcours.vocabulary import FOLLOW_UP_MONTHS
from jalons.rules import load_rule_set, short_title
from jalons.rules.definitions import COUNTS, DEFINITIONS, RATES, REASONS
from jalons.rules.vocabulary import FREINS
from jalons.structures.words import entry_words
from jalons.taches.progress import part, report
from jalons.web.templatetags.jalons import heures, pourcent

TEMPLATE_VERSION = common.TEMPLATE_VERSIONS["dialogue"]
DOSSIER_TITLE = "Dossier du dialogue de gestion"
GROUPS = ("emploi_durable", "emploi_transition", "sortie_positive", "autre_sortie")

# Why an exit is not counted, as the end of a French sentence.
REASON_SENTENCES = {
    "duree_insuffisante": "parcours plus court que la durée minimale",
    "heures_inconnues": "aucune heure connue alors que le jeu de règles en demande",
    "heures_insuffisantes": "pas assez d'heures travaillées",
    "exclue_de_la_base": "motif de sortie retiré de la base par ce jeu de règles",
}

DIALOGUE_PARTS = (
    ("resultats", "Résultats de l'année {year} selon les quatre jeux de règles"),
    ("ecarts", "Pourquoi les résultats diffèrent d'un jeu de règles à l'autre"),
    ("suivi", "Suivi après la sortie : 3, 6 et 12 mois"),
    ("complementaires", "Indicateurs complémentaires de l'année {year}"),
    ("objectifs_proposes", "Objectifs proposés pour {next_year}"),
)


def frozen_results(*, structure, year: int, reference: dt.date) -> dict:
    """The year's results as the engine gives them (JSON), kept in the version at
    submission so that the dossier the DDETS reads does not change afterwards."""
    indicators = structure_indicators(
        structure=structure,
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
        reference=reference,
    )
    return {
        "reference": reference.isoformat(),
        "result": indicators.result,
        "excluded": len(indicators.excluded),
    }


def results(*, structure, year: int, reference: dt.date, frozen: dict | None = None) -> dict:
    """The year's results under every rule set, prepared for printing: computed now,
    or as kept at submission (``frozen``)."""
    frozen = frozen or frozen_results(structure=structure, year=year, reference=reference)
    calculs = frozen["result"]["calculs"]
    rule_sets = [load_rule_set(c["jeu_de_regles"]) for c in calculs]
    entries = [c["structures"][0] if c["structures"] else None for c in calculs]
    names = [short_title(c["jeu_de_regles"]) for c in calculs]  # what the reader sees

    def values(getter, kind="count"):
        out = []
        for entry in entries:
            value = getter(entry) if entry else None
            # Exits removed by a rule are a count like the others (« 1 », never « − 1 »),
            # as in the sentences of the part on the differences.
            out.append(pourcent(value) if kind == "rate" else "–" if value is None else str(value))
        return out

    def row(key, getter, kind="count"):
        label, definition = DEFINITIONS[key]
        return {
            "label": label,
            "definition": definition,
            "values": values(getter, kind),
            "kind": kind,
        }

    rows = [
        row("sorties", lambda e: e["sorties"]),
        row("sorties_examinees", lambda e: e["sorties_examinees"]),
        *[row(r, lambda e, r=r: e["non_comptees"][r]) for r in REASONS],
        *[row(c, lambda e, c=c: e[c]) for c in COUNTS],
        *[row(r, lambda e, r=r: e[r], "rate") for r in RATES],
    ]
    follow_up = []
    for months in FOLLOW_UP_MONTHS:
        cells = []
        for entry in entries:
            value = (entry or {}).get("suivi", {}).get(str(months))
            cells.append(
                {
                    "rate": pourcent(value["taux"]),
                    "detail": f"{value['dynamiques']} en emploi ou formation sur "
                    f"{plural(value['realises'], 'suivi réalisé', 'suivis réalisés')} "
                    f"({plural(value['attendus'], 'attendu')})",
                }
                if value
                else None
            )
        follow_up.append({"months": months, "cells": cells})
    rate_chart = ChartSpec(
        title=f"Taux de sortie dynamique {year} selon le jeu de règles",
        bars=[
            (n, (e["taux_sortie_dynamique"] or 0) * 100 if e else 0)
            for n, e in zip(names, entries, strict=True)
        ],
        unit="%",
        decimals=1,
    )
    group_charts = [
        (
            f"Sorties examinées par groupe selon « {name} »",
            chart_svg(
                ChartSpec(
                    title=f"Sorties examinées par groupe selon « {name} »",
                    bars=[(DEFINITIONS[g][0], entry[g]) for g in GROUPS],
                )
            ),
        )
        for name, entry in zip(names, entries, strict=True)
        if entry and entry["sorties_examinees"]
    ]
    return {
        "calculs": calculs,
        "names": names,
        "rule_sets": rule_sets,
        "rows": rows,
        "follow_up": follow_up,
        "rate_chart": chart_svg(rate_chart),
        "rate_chart_title": rate_chart.title,
        "group_charts": group_charts,
        "reasons": differences(rule_sets, entries),
        "complementary": complementary_tables(entries[0] if entries else None, structure.kind),
        "excluded": frozen["excluded"],
    }


def differences(rule_sets, entries) -> list[dict]:
    """For each rule set, in French: how many exits each rule removes, and the rate."""
    explained = []
    for rule_set, entry in zip(rule_sets, entries, strict=True):
        title = common.rule_set_heading(rule_set)
        if not entry or not entry["sorties"]:
            explained.append(
                {
                    "title": title,
                    "sentences": ["Aucune sortie dans l'année."],
                    "description": rule_set.description,
                }
            )
            continue
        removed = entry["sorties"] - entry["sorties_examinees"]
        sentences = [
            f"Sur {plural(entry['sorties'], 'sortie')} de l'année, "
            f"{_exits_that(entry['sorties_examinees'], 'examinée')}"
            f" et {_exits_that(removed, 'retirée')} de la base du taux.",
        ]
        for reason in REASONS:
            count = entry["non_comptees"].get(reason, 0)
            if count:
                sentences.append(
                    f"{DEFINITIONS[reason][0]} : {plural(count, 'sortie')} "
                    f"({REASON_SENTENCES[reason]})."
                )
        dynamic = entry["emploi_durable"] + entry["emploi_transition"] + entry["sortie_positive"]
        sentences.append(
            f"Taux de sortie dynamique : {pourcent(entry['taux_sortie_dynamique'])} "
            f"({plural(dynamic, 'sortie dynamique', 'sorties dynamiques')} sur "
            f"{plural(entry['sorties_examinees'], 'examinée')})."
        )
        if explained and entries[0] and entry is not entries[0]:
            sentences.append(compared(entry, entries[0], rule_sets[0].titre_court))
        explained.append(
            {"title": title, "sentences": sentences, "description": rule_set.description}
        )
    return explained


def _exits_that(count: int, participle: str) -> str:
    """« aucune n'est retirée », « 1 est retirée », « 3 sont retirées » (of exits)."""
    if not count:
        return f"aucune n'est {participle}"
    if count == 1:
        return f"1 est {participle}"
    return f"{count_fr(count)} sont {participle}s"


def compared(entry: dict, reference: dict, name: str) -> str:
    """The gap with the first rule set (the official circulaire), in words."""
    gap = entry["sorties_examinees"] - reference["sorties_examinees"]
    rate, base = entry["taux_sortie_dynamique"], reference["taux_sortie_dynamique"]
    if gap == 0:
        exits = "autant de sorties examinées"
    else:
        more = "de plus" if gap > 0 else "de moins"
        exits = f"{plural(abs(gap), 'sortie examinée', 'sorties examinées')} {more}"
    if rate is None or base is None:
        return f"Par rapport à « {name} » : {exits}."
    points = (rate - base) * 100
    value = f"{abs(points):.1f}".replace(".", ",")
    if value == "0,0":
        return f"Par rapport à « {name} » : {exits}, et le même taux de sortie dynamique."
    sign = "+" if points > 0 else "−"
    unit = plural_form(round(abs(points), 1), "point")  # « 0,5 point », « 9,5 points »
    return (
        f"Par rapport à « {name} » : {exits}, soit {sign} {value} {unit} de taux de sortie "
        "dynamique."
    )


def complementary_tables(entry: dict | None, kind: str = "") -> list[dict]:
    """Orientations and hires by prescriber, accompaniment time, training effort: the
    rows of the Offre's figures (``jalons.offre.figures``), for the structure's kind."""
    data = (entry or {}).get("complementaires") or {}
    tables = []
    orientations = data.get("orientations")
    if orientations:
        words = entry_words(kind)
        columns, rows, _kept = orientation_table(orientations, words)
        tables.append(
            {
                "title": f"Orientations et {words.hires_phrase} par type de prescripteur",
                "columns": columns,
                "rows": rows,
                "note": orientation_note(words),
            }
        )
    accompaniment = data.get("accompagnement")
    if accompaniment:
        a = accompaniment
        tables.append(
            {
                "title": "Temps d'accompagnement",
                "columns": ["Mesure", "Valeur"],
                "rows": accompaniment_rows(a),
            }
        )
        barriers = [
            [
                "Sans frein particulier" if key == "sans_frein" else FREINS.get(key, key),
                heures(v["heures"]),
            ]
            for key, v in a["par_frein"].items()
            if v["actions"]
        ]
        if barriers:
            tables.append(
                {
                    "title": "Temps par frein travaillé",
                    "columns": ["Frein", "Temps"],
                    "rows": barriers,
                }
            )
    training = data.get("formation")
    if training:
        tables.append(
            {
                "title": "Effort de formation, préparation comprise",
                "columns": ["Mesure", "Valeur"],
                "rows": training_rows(training),
            }
        )
    return tables


def proposed_objectives(document: OffreDocument) -> dict:
    """Objective and result of the year, and the objective proposed for the next."""
    year, following = document.year, document.year + 1
    rows = []
    for line in document.objectives:
        objective, result = line.years.get(year, ("", ""))
        proposed, _ = line.years.get(following, ("", ""))
        rows.append([line.label, line.unit, objective or "–", result or "–", proposed or "–"])
    return {
        "columns": [
            "Indicateur",
            "Unité",
            f"Objectif {year}",
            f"Résultat {year}",
            f"Proposé pour {following}",
        ],
        "rows": rows,
        "notes": common.objectives_notes(document),
    }


def dialogue_html(
    *, offre, document: OffreDocument | None = None, today: dt.date | None = None
) -> str:
    document = common.cleaned(document or build_document(offre))
    # A submitted version keeps the results of the day it was submitted.
    frozen = None
    if document.frozen:
        frozen = (
            offre.versions.filter(number=document.version).values_list("results", flat=True).first()
        )
    today = dt.date.fromisoformat(frozen["reference"]) if frozen else today or timezone.localdate()
    context = document_context(document, template_version=TEMPLATE_VERSION)
    os_parts = [p for p in context["parts"] if p.kind not in ("definitions", "trace")]
    dialogue_parts = [
        common.Part(
            anchor=f"dialogue-{key}",
            heading=title.format(year=document.year, next_year=document.year + 1),
            level=1,
            kind=key,
        )
        for key, title in DIALOGUE_PARTS
    ]
    report(0.1, "Calcul des résultats selon les quatre jeux de règles…")
    data = results(structure=offre.structure, year=document.year, reference=today, frozen=frozen)
    report(0.3, "Rédaction du dossier…")
    definitions = list(dict.fromkeys([*document.definitions, *DEFINITIONS.values()]))
    trace = common.trace_lines(document, context["template_version"])
    for calcul in data["calculs"]:
        # The rule sets of the results, unless the OS's own trace named the same ones.
        line = (
            f"Jeu de règles {calcul['trace']['jeu_de_regles']} version "
            f"{calcul['trace']['version']} (empreinte {calcul['trace']['empreinte']})"
        )
        if line not in trace:
            trace.append(f"Résultats : {line[0].lower()}{line[1:]}")
    said = f"Date de référence des suivis : {today:%d/%m/%Y}" in trace
    if not said:  # the results were computed on another day than the OS's figures
        trace.append(
            f"Résultats {document.year} : sorties du 01/01/{document.year} au "
            f"31/12/{document.year}, date de référence des suivis {today:%d/%m/%Y}, "
            + (
                "figés à la transmission de cette version."
                if frozen
                else "calculés à la production du dossier."
            )
        )
    annexes = [
        common.Part("definitions", common.DEFINITIONS_TITLE, 1, "definitions"),
        common.Part("jeux-de-regles", "Annexe B – Les jeux de règles", 1, "rule_sets"),
        common.Part("tracabilite", "Annexe C – Traçabilité", 1, "trace", extra={"lines": trace}),
    ]
    footer = common.footer_text(document, TEMPLATE_VERSION, title=DOSSIER_TITLE)
    context.update(
        footer=footer,
        footer_css=css_string(footer),
        title=f"Dialogue de gestion {document.year} – {document.structure_name}",
        kicker=DOSSIER_TITLE,
        cover_title=f"Dialogue de gestion {document.year}",
        parts=os_parts,
        toc=[*os_parts, *dialogue_parts, *annexes],
        dialogue_parts={p.kind: p for p in dialogue_parts},
        annexes=annexes,
        results=data,
        proposed=proposed_objectives(document),
        all_definitions=definitions,
        reference=today,
        follow_up_definition=DEFINITIONS["suivi"][1],
    )
    return render_html("offre_exports/dialogue.html", context)


def render_dialogue_pdf(
    *, offre, document: OffreDocument | None = None, today: dt.date | None = None
) -> bytes:
    with part(0.0, 0.4):
        html = dialogue_html(offre=offre, document=document, today=today)
    with part(0.4, 1.0):
        return html_to_pdf(html)
