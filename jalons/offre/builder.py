"""Turn an Offre de Services into an ``OffreDocument``: one source for every rendering.

A draft is built live (texts from the database, figures computed now); a submitted
or validated OS is read from its latest frozen version (or the version asked for).
Comments are always read live: the DDETS writes them after submission.
"""

import dataclasses
import datetime as dt

from django.utils import timezone

from jalons.offre.catalogue import CATALOGUE_VERSION, catalogue_for, section_title
from jalons.offre.document import ChartSpec, Comment, Figure, ObjectiveLine, OffreDocument, Section
from jalons.offre.figures import BUILDERS, DEFINITIONS_SHOWN, FigureContext, extra_definitions
from jalons.offre.models import OffreComment, OffreVersion
from jalons.offre.objectives import (
    ETP_LABEL,
    definitions_of_objectives,
    objective_lines,
    objective_years,
)
from jalons.rules.definitions import DEFINITIONS


def build_document(
    offre, *, version: OffreVersion | None = None, today: dt.date | None = None
) -> OffreDocument:
    if version is None and not offre.is_draft:
        version = offre.versions.order_by("-number").first()
    if version is not None:
        document = document_from_json(version.content)
        return dataclasses.replace(
            document,
            status=offre.get_status_display(),
            generated_at=timezone.now(),
            comments=comments_of(offre),
        )
    return build_live(offre, today=today or timezone.localdate())


def build_live(offre, *, today: dt.date, version_number: int = 0) -> OffreDocument:
    structure = offre.structure
    ctx = FigureContext(structure=structure, year=offre.year, reference=today)
    texts = dict(offre.texts.values_list("key", "text"))
    sections, shown = [], []
    for entry in catalogue_for(structure.kind):
        figures: list[Figure] = []
        for key in entry.figures:
            figures += BUILDERS[key](ctx)
            shown.append(key)
        sections.append(
            Section(
                key=entry.key,
                number=entry.number,
                title=entry.title_for(structure.kind),
                level=entry.level,
                text=texts.get(entry.key, "").strip(),
                figures=figures,
                required=entry.required,
            )
        )
    objectives = objective_lines(structure=structure, year=offre.year, reference=today)
    extra = extra_definitions(structure.kind)
    definitions = []
    for key in shown:
        for name in DEFINITIONS_SHOWN.get(key, ()):
            definitions.append(DEFINITIONS[name])
        if key in extra:
            definitions.append(extra[key])
    etp_line = any(o.label == ETP_LABEL for o in objectives)
    definitions += [
        DEFINITIONS["taux_emploi_durable"],
        *definitions_of_objectives(structure.kind, etp_line=etp_line),
    ]
    unique = list(dict.fromkeys(definitions))
    return OffreDocument(
        structure_name=structure.name,
        structure_kind=structure.kind,
        structure_identifier=structure.identifier,
        organisation=structure.organisation.name if structure.organisation_id else "",
        departement=(
            f"{structure.departement.name} ({structure.departement.code})"
            if structure.departement_id
            else ""
        ),
        year=offre.year,
        status=offre.get_status_display(),
        version=version_number,
        frozen=version_number > 0,
        figures_date=today,
        generated_at=timezone.now(),
        sections=sections,
        objective_years=objective_years(offre.year),
        objectives=objectives,
        definitions=unique,
        trace=trace_lines(ctx),
        comments=comments_of(offre),
    )


def trace_lines(ctx: FigureContext) -> list[str]:
    lines = [
        f"Jeu de règles {c['trace']['jeu_de_regles']} version {c['trace']['version']} "
        f"(empreinte {c['trace']['empreinte']})"
        for c in ctx.calculs
    ]
    lines += [
        f"Période des chiffres : {ctx.period_label}, du {ctx.start:%d/%m/%Y} au {ctx.end:%d/%m/%Y}",
        f"Date de référence des suivis : {ctx.reference:%d/%m/%Y}",
        f"Chiffres calculés le {ctx.reference:%d/%m/%Y}",
        f"Modèle d'offre de services Jalons, version {CATALOGUE_VERSION}",
    ]
    return lines


def engine_traces(offre, *, today: dt.date) -> list[dict]:
    """The engine's full trace of each rule set, kept with a frozen version."""
    ctx = FigureContext(structure=offre.structure, year=offre.year, reference=today)
    return [c["trace"] for c in ctx.calculs]


def comments_of(offre) -> list[Comment]:
    return [
        Comment(
            author=c.author_label,
            at=c.created_at,
            section_title=section_title(c.section_key, offre.structure.kind)
            if c.section_key
            else "",
            text=c.text,
            section_key=c.section_key or "",
        )
        for c in OffreComment.objects.filter(offre=offre).order_by("created_at", "pk")
    ]


# Frozen content: the document as JSON ---------------------------------------------


def document_to_json(document: OffreDocument) -> dict:
    data = dataclasses.asdict(document)
    data["figures_date"] = document.figures_date.isoformat()
    data["generated_at"] = document.generated_at.isoformat()
    data["objectives"] = [
        {**dataclasses.asdict(o), "years": {str(y): list(v) for y, v in o.years.items()}}
        for o in document.objectives
    ]
    data["definitions"] = [list(d) for d in document.definitions]
    data.pop("comments")
    return data


def document_from_json(data: dict) -> OffreDocument:
    sections = [
        Section(
            **{
                **s,
                "figures": [
                    Figure(
                        **{
                            **f,
                            "chart": ChartSpec(
                                **{**f["chart"], "bars": [tuple(b) for b in f["chart"]["bars"]]}
                            )
                            if f["chart"]
                            else None,
                        }
                    )
                    for f in s["figures"]
                ],
            }
        )
        for s in data["sections"]
    ]
    objectives = [
        ObjectiveLine(
            label=o["label"],
            unit=o["unit"],
            years={int(y): tuple(v) for y, v in o["years"].items()},
            comment=o.get("comment", ""),
        )
        for o in data["objectives"]
    ]
    return OffreDocument(
        **{
            **data,
            "figures_date": dt.date.fromisoformat(data["figures_date"]),
            "generated_at": dt.datetime.fromisoformat(data["generated_at"]),
            "sections": sections,
            "objectives": objectives,
            "definitions": [tuple(d) for d in data["definitions"]],
            "comments": [],
        }
    )


def without_sensitive_barriers(document: OffreDocument) -> OffreDocument:
    """The document for roles that may not know who has health or justice barriers
    (without ``donnees_sensibles.voir``): the rows and bars of those barriers removed
    from the accompaniment figures, where a small count can point at a colleague."""
    from jalons.accompagnement.models import SENSITIVE_BARRIERS
    from jalons.offre.figures import CHART_LABELS, FREINS

    hidden = {FREINS[k] for k in SENSITIVE_BARRIERS} | {
        CHART_LABELS[k] for k in SENSITIVE_BARRIERS if k in CHART_LABELS
    }

    def cleaned(figure: Figure) -> Figure:
        if figure.key != "accompagnement_par_frein":
            return figure
        rows = [r for r in figure.rows if r[0] not in hidden]
        chart = figure.chart
        if chart is not None:
            chart = dataclasses.replace(chart, bars=[b for b in chart.bars if b[0] not in hidden])
        note = "Freins santé et justice non affichés pour votre rôle."
        return dataclasses.replace(figure, rows=rows, chart=chart, note=note)

    sections = [
        dataclasses.replace(s, figures=[cleaned(f) for f in s.figures]) for s in document.sections
    ]
    return dataclasses.replace(document, sections=sections)
