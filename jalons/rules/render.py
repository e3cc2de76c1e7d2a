"""Output formats of a result document: JSON, CSV (one row per structure and rule
set) and a readable French text table."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

from jalons.rules.arith import shown
from jalons.rules.tabular import CsvWriter, xlsx_append
from jalons.rules.vocabulary import ECHEANCES, RAISONS

RATE_KEYS = [
    "taux_sortie_dynamique",
    "taux_emploi_durable",
    "taux_emploi_transition",
    "taux_sortie_positive",
]
COUNT_KEYS = [
    "sorties",
    "sorties_examinees",
    "emploi_durable",
    "emploi_transition",
    "sortie_positive",
    "autre_sortie",
]


def to_json(result: dict) -> str:
    # No indent: the C encoder is an order of magnitude faster at national scale.
    return json.dumps(result, ensure_ascii=False) + "\n"


def csv_rows(result: dict) -> tuple[list[str], list[list]]:
    header = [
        "jeu_de_regles",
        "version",
        "du",
        "au",
        "date_reference",
        "structure_id",
        "type_siae",
        *COUNT_KEYS[:2],
        *(f"non_comptees_{r}" for r in RAISONS),
        *COUNT_KEYS[2:],
        *RATE_KEYS,
    ]
    with_suivi = any("suivi" in c["ensemble"] for c in result["calculs"])
    if with_suivi:
        for m in ECHEANCES:
            header += [f"suivi_{m}_{k}" for k in ("attendus", "realises", "dynamiques", "taux")]
    rows = []
    for calcul in result["calculs"]:
        for s in calcul["structures"]:
            row = [
                calcul["jeu_de_regles"],
                calcul.get("trace", {}).get("version"),
                result["periode"]["du"],
                result["periode"]["au"],
                result["date_reference"],
                s["structure_id"],
                s["type_siae"],
                s["sorties"],
                s["sorties_examinees"],
                *(s["non_comptees"][r] for r in RAISONS),
                *(s[k] for k in COUNT_KEYS[2:]),
                *(s[k] for k in RATE_KEYS),
            ]
            if with_suivi:
                for m in ECHEANCES:
                    f = s["suivi"][str(m)]
                    row += [f["attendus"], f["realises"], f["dynamiques"], f["taux"]]
            rows.append(row)
    return header, rows


def to_csv(result: dict) -> str:
    """Text cells (identifiers, rule-set names) are escaped so that no spreadsheet
    runs them as formulas; numbers are written as they are."""
    header, rows = csv_rows(result)
    out = io.StringIO()
    writer = CsvWriter(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def to_xlsx(result: dict) -> bytes:
    """The rows of the CSV in a workbook a French spreadsheet reads as numbers: counts
    as integers, rates as percentages (« 66,7 % »), dates as dates; header frozen and
    filterable. Text is never a formula (``xlsx_append``)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header, rows = csv_rows(result)
    book = Workbook()
    sheet = book.active
    sheet.title = "Indicateurs"
    xlsx_append(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    dates = {header.index(k) for k in ("du", "au", "date_reference")}
    rates = {i for i, k in enumerate(header) if k.startswith("taux_") or k.endswith("_taux")}
    for row in rows:
        values = [dt.date.fromisoformat(v) if i in dates and v else v for i, v in enumerate(row)]
        for i, cell in enumerate(xlsx_append(sheet, values)):
            if i in dates:
                cell.number_format = "DD/MM/YYYY"
            elif i in rates:
                cell.number_format = "0.0%"
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) + 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# Text --------------------------------------------------------------------------


def fr_date(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y")


def fr_percent(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{shown(Decimal(repr(float(value))) * 100, 1):.1f} %".replace(".", ",")


def fr_number(value) -> str:
    if value is None:
        return "–"
    is_float = isinstance(value, float)
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if is_float else f"{value:,}"
    return text.replace(",", "\u202f").replace(".", ",")


def counted(count, singular: str, many: str | None = None) -> str:
    """« 0 abandon », « 1 abandon », « 2 abandons »: French takes the singular for 0 and 1
    (``many`` for a phrase: « personne en préparation » / « personnes en préparation »)."""
    count = count or 0
    word = singular if abs(count) < 2 else many or f"{singular}s"
    return f"{fr_number(count)} {word}"


def table(headers: list[str], rows: list[list[str]], right_from: int = 1) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]

    def line(cells):
        out = []
        for i, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            out.append(str(cell).rjust(width) if i >= right_from else str(cell).ljust(width))
        return "  ".join(out).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), sep, *(line(r) for r in rows)])


def _indicator_row(label: str, type_siae: str, s: dict) -> list[str]:
    nc = sum(s["non_comptees"].values())
    return [
        label,
        type_siae,
        fr_number(s["sorties"]),
        fr_number(s["sorties_examinees"]),
        fr_number(nc),
        fr_number(s["emploi_durable"]),
        fr_number(s["emploi_transition"]),
        fr_number(s["sortie_positive"]),
        fr_number(s["autre_sortie"]),
        fr_percent(s["taux_sortie_dynamique"]),
        fr_percent(s["taux_emploi_durable"]),
    ]


def to_text(result: dict, titles: dict[str, str] | None = None) -> str:
    titles = titles or {}
    p = result["periode"]
    parts = [
        f"Indicateurs de sortie du {fr_date(p['du'])} au {fr_date(p['au'])} "
        f"(date de référence : {fr_date(result['date_reference'])})"
    ]
    for calcul in result["calculs"]:
        trace = calcul.get("trace", {})
        name = calcul["jeu_de_regles"]
        title = titles.get(name)
        heading = f"Jeu de règles {name}" + (f" : {title}" if title else "")
        heading += (
            f" (version {trace.get('version', '?')}, empreinte {trace.get('empreinte', '?')})"
        )
        parts += ["", heading, "=" * len(heading)]
        headers = [
            "Structure",
            "Type",
            "Sorties",
            "Examinées",
            "Non comptées",
            "Durable",
            "Transition",
            "Positive",
            "Autres",
            "Taux dyn.",
            "Taux durable",
        ]
        rows = [_indicator_row(s["structure_id"], s["type_siae"], s) for s in calcul["structures"]]
        rows.append(_indicator_row("Ensemble", "", calcul["ensemble"]))
        parts.append(table(headers, rows, right_from=2))
        e = calcul["ensemble"]
        nc = e["non_comptees"]
        parts.append(
            "Sorties non comptées (ensemble) : "
            + " ; ".join(f"{RAISONS[r].lower()} {nc[r]}" for r in RAISONS)
        )
        if "suivi" in e:
            at = {m: e["suivi"][str(m)] for m in ECHEANCES}
            suivi = "Suivi après la sortie (ensemble) : " + " ; ".join(
                f"à {m} mois {fr_number(at[m]['dynamiques'])} en emploi ou formation sur "
                f"{counted(at[m]['realises'], 'suivi réalisé', 'suivis réalisés')} "
                f"({counted(at[m]['attendus'], 'attendu')}), taux {fr_percent(at[m]['taux'])}"
                for m in ECHEANCES
            )
            parts.append(suivi)
        comp = e.get("complementaires", {})
        if "orientations" in comp:
            t = comp["orientations"]["total"]
            parts.append(
                f"Orientations (ensemble) : {counted(t['orientations'], 'orientation')}, "
                f"{counted(t['embauches'], 'embauche')}, taux d'embauche des orientations closes "
                f"{fr_percent(t['taux_embauche'])}"
            )
        if "accompagnement" in comp:
            a = comp["accompagnement"]
            parts.append(
                f"Accompagnement (ensemble) : {fr_number(a['heures'])} h pour "
                f"{counted(a['personnes'], 'personne')} "
                f"({fr_number(a['heures_par_personne'])} h par "
                f"personne), dont {fr_number(a['par_modalite']['externe']['heures'])} h "
                "avec des intervenants extérieurs"
            )
        if "formation" in comp:
            f = comp["formation"]
            parts.append(
                "Formation (ensemble) : "
                + ", ".join(
                    (
                        counted(
                            f["en_preparation"]["personnes"],
                            "personne en préparation",
                            "personnes en préparation",
                        ),
                        counted(f["entrees"]["actions"], "entrée"),
                        counted(f["abandons"]["actions"], "abandon"),
                        f"{counted(f['terminees']['actions'], 'terminée')} dont "
                        f"{counted(f['certifiees']['actions'], 'certifiée')}",
                        f"{fr_number(f['heures'])} h",
                    )
                )
            )
        if "sorties_detail" in calcul:
            detail_rows = [
                [
                    d["structure_id"],
                    d["personne_id"],
                    fr_date(d["date_embauche"]),
                    fr_date(d["date_sortie"]),
                    d["motif"],
                    d["groupe"],
                    fr_number(d["heures"]),
                    "oui" if d["comptee"] else "non",
                    d["raison"] or "",
                ]
                for d in calcul["sorties_detail"]
            ]
            parts += [
                "",
                "Détail des sorties :",
                table(
                    [
                        "Structure",
                        "Personne",
                        "Embauche",
                        "Sortie",
                        "Motif",
                        "Groupe",
                        "Heures",
                        "Comptée",
                        "Raison",
                    ],
                    detail_rows,
                    right_from=6,
                ),
            ]
    parts += [
        "",
        "Taux dyn. = (durable + transition + positive) ÷ examinées. "
        "Détail et paramètres : --format json (clé « trace »).",
    ]
    return "\n".join(parts) + "\n"
