"""A rule set described for people: every dated value with its sources, and the
motif->group table (``jalons regles montrer``)."""

from __future__ import annotations

import textwrap

from jalons.rules.render import table
from jalons.rules.rulesets import PARAMETER_SPECS, SINCE_ALWAYS, RuleSet
from jalons.rules.vocabulary import GROUPES, TYPES_SIAE, VERIFICATIONS


def _value(v):
    return list(v) if isinstance(v, tuple) else v


def describe(rule_set: RuleSet) -> dict:
    referential = rule_set.referential
    table_ = rule_set.group_table
    parameters = {}
    for name, spec in PARAMETER_SPECS.items():
        p = rule_set.parametres[name]
        parameters[name] = {
            "description": p.description,
            "unite": p.unite,
            "documentation": p.documentation,
            "last_value_still_valid_on": (
                p.last_value_still_valid_on.isoformat() if p.last_value_still_valid_on else None
            ),
            "valeurs": {
                (key or "tous"): [
                    {
                        "depuis": None if v.depuis == SINCE_ALWAYS else v.depuis.isoformat(),
                        "valeur": _value(v.valeur),
                        "verification": v.verification,
                        "references": list(v.references),
                        "defini_dans": v.defini_dans,
                    }
                    for v in p.series[key]
                ]
                for key in (list(TYPES_SIAE) if spec.per_type else [None])
            },
        }
    used = {
        code
        for p in parameters.values()
        for s in p["valeurs"].values()
        for v in s
        for code in v["references"]
    }
    used |= {code for a in table_.groupes.values() for code in a.references}
    return {
        "nom": rule_set.nom,
        "version": rule_set.version,
        "empreinte": rule_set.empreinte,
        "titre": rule_set.titre,
        "lignee": rule_set.lineage,
        "description": rule_set.description,
        "documentation": rule_set.documentation,
        "famille_de_motifs": rule_set.famille,
        "parametres": parameters,
        "motifs": [
            {
                "motif": slug,
                "code_asp": m.code_asp,
                "libelle": m.libelle,
                "groupe": table_.groupes[slug].groupe,
                "verification": table_.groupes[slug].verification,
                "references": list(table_.groupes[slug].references),
                "documentation": table_.groupes[slug].documentation,
            }
            for slug, m in referential.motifs.items()
        ],
        "references": {
            code: rule_set.references[code].as_dict()
            for code in sorted(used)
            if code in rule_set.references
        },
    }


def _wrap(text: str | None, indent: str = "  ") -> list[str]:
    if not text:
        return []
    return textwrap.wrap(
        " ".join(text.split()), 88, initial_indent=indent, subsequent_indent=indent
    )


def _show(value) -> str:
    if value is None:
        return "aucune condition"
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return ", ".join(value) if value else "aucun"
    return str(value).replace(".", ",")


def _french_date(iso: str | None) -> str | None:
    """'2014-02-05' -> '05/02/2014' for the French text output (JSON keeps ISO)."""
    if not iso:
        return iso
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def describe_text(rule_set: RuleSet) -> str:
    d = describe(rule_set)
    lines = [f"{d['nom']} : {d['titre']}", f"Version {d['version']}, empreinte {d['empreinte']}"]
    if rule_set.parent:
        lines.append("Hérite de : " + " → ".join(x["nom"] for x in d["lignee"][1:]))
    if rule_set.chemin:
        lines.append(f"Fichier : {rule_set.chemin}")
    lines.append(f"Famille de motifs : {d['famille_de_motifs']}")
    lines += ["", *_wrap(d["description"], "")]
    if d["documentation"]:
        lines += ["", "Choix d'interprétation :", *_wrap(d["documentation"])]
    lines += ["", "Paramètres (valeur, date d'effet, vérification, sources)"]
    for name, p in d["parametres"].items():
        lines += ["", f"{name} — {p['description']}"]
        lines += _wrap(p["documentation"])
        rows = []
        for key, series in p["valeurs"].items():
            for v in series:
                rows.append(
                    [
                        key,
                        _show(v["valeur"]),
                        _french_date(v["depuis"]) or "toujours",
                        v["verification"],
                        ", ".join(v["references"]),
                        v["defini_dans"],
                    ]
                )
        lines.append(
            textwrap.indent(
                table(["Type", "Valeur", "Depuis", "Vérif.", "Sources", "Défini dans"], rows, 99),
                "  ",
            )
        )
        if p["last_value_still_valid_on"]:
            lines.append(
                f"  Dernière vérification : {_french_date(p['last_value_still_valid_on'])}"
            )
    lines += ["", "Motifs de sortie et groupes"]
    rows = [
        [
            m["motif"],
            "" if m["code_asp"] is None else str(m["code_asp"]),
            GROUPES[m["groupe"]],
            m["verification"],
            ", ".join(m["references"]),
        ]
        for m in d["motifs"]
    ]
    lines.append(table(["Motif", "Code ASP", "Groupe", "Vérif.", "Sources"], rows, 99))
    lines += ["", "Sources"]
    for code, ref in d["references"].items():
        lines.append(f"  [{code}] {ref['titre']}" + (f" — {ref['lien']}" if ref["lien"] else ""))
    lines += ["", "Vérification : " + " ; ".join(f"{k} = {v}" for k, v in VERIFICATIONS.items())]
    return "\n".join(lines) + "\n"
