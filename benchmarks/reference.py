"""A straightforward row-by-row Python implementation of ``jalons indicateurs
calculer`` (no polars), kept as a yardstick: the benchmark times it against the
columnar engine, and a test checks both give the same JSON.

It assumes a valid folder (the fast path's checks are not repeated) and reuses
only the rule-set loader and the shaping of counts into the contract's keys.

Usage: python benchmarks/reference.py DOSSIER --annee 2025 --date-reference 2026-06-30
       [--regles NOM ...] [--detail] > resultat.json
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

from jalons.rules import builtin_names, load_referential, load_rule_set
from jalons.rules.arith import hours
from jalons.rules.complementary import (
    ACCOMPANIMENT_CELLS,
    TRAINING_STAGES,
    accompaniment_block,
    orientation_block,
    training_block,
)
from jalons.rules.engine import indicators, trace
from jalons.rules.vocabulary import ECHEANCES, GROUPES_DYNAMIQUES, RAISONS

BOOLS = {"oui": True, "true": True, "vrai": True, "1": True}
BOOLS.update({"non": False, "false": False, "faux": False, "0": False})


def read_rows(path: Path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        first = handle.readline()
        sep = ";" if first.count(";") > first.count(",") else ","
        header = [h.strip().lower() for h in next(csv.reader([first], delimiter=sep))]
        for row in csv.reader(handle, delimiter=sep):
            values = {
                h: (row[i].strip() or None) if i < len(row) else None for i, h in enumerate(header)
            }
            if any(v is not None for v in values.values()):
                yield values


def day(text):
    if text is None:
        return None
    if text[4:5] == "-":
        return dt.date.fromisoformat(text)
    d, m, y = text.split("/")
    return dt.date(int(y), int(m), int(d))


def month_index(text):
    if text[4:5] == "-":
        y, m = text.split("-")
    else:
        m, y = text.split("/")
    return int(y) * 12 + int(m) - 1


def number(text):
    return None if text is None else float(text.replace(",", "."))


def milli(value):
    return None if value is None else math.floor(value * 1000 + 0.5)


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def motif_slug(text, by_code):
    text = text.lower()
    if text.isdigit():
        return by_code[int(text)]
    return text


def value_at(rule_set, name, when, type_siae=None):
    return rule_set.value_at(name, when, type_siae).valeur


def compute(folder: Path, rule_sets, du, au, reference, detail=False) -> dict:
    referential = load_referential()
    by_code = referential.motif_by_code
    structures = {}
    for r in read_rows(folder / "structures.csv"):
        structures[r["structure_id"]] = r["type_siae"].upper()
    exits = []
    for r in read_rows(folder / "parcours.csv"):
        left = day(r.get("date_sortie"))
        if left is None or not du <= left <= au:
            continue
        exits.append(
            {
                "sid": r["structure_id"],
                "pid": r["personne_id"],
                "hired": day(r["date_embauche"]),
                "left": left,
                "motif": motif_slug(r["motif_sortie"], by_code),
                "declared": milli(number(r.get("heures_travaillees"))),
                "full_time": BOOLS.get((r.get("sortie_temps_plein") or "").lower()),
            }
        )
    by_person = defaultdict(list)
    for e in exits:
        e.update(rows=0, sum=0, sum_year=0)
        by_person[(e["sid"], e["pid"])].append(e)
    hours_path = folder / "heures.csv"
    if hours_path.exists():
        for r in read_rows(hours_path):
            candidates = by_person.get((r["structure_id"], r["personne_id"]))
            if not candidates:
                continue
            m = month_index(r["mois"])
            h = milli(number(r["heures"]))
            for e in candidates:
                m0 = e["hired"].year * 12 + e["hired"].month - 1
                m1 = e["left"].year * 12 + e["left"].month - 1
                if m0 <= m <= m1:
                    e["rows"] += 1
                    e["sum"] += h
                    if m // 12 == e["left"].year:
                        e["sum_year"] += h
    for e in exits:
        e["hours"] = (
            e["declared"] if e["declared"] is not None else (e["sum"] if e["rows"] else None)
        )
    suivis_path = folder / "suivis.csv"
    with_suivi = suivis_path.exists()
    situations = {}
    if with_suivi:
        for r in read_rows(suivis_path):
            situation = r["situation"].lower()
            if situation != "inconnue":
                situation = motif_slug(situation, by_code)
            key = (
                r["structure_id"],
                r["personne_id"],
                day(r["date_sortie"]),
                int(r["echeance_mois"]),
            )
            situations[key] = situation
    extra = complementary(folder, list(structures), du, au)
    calculs = []
    for rs in rule_sets:
        table = rs.group_table.mapping()
        counts = {sid: defaultdict(int) for sid in structures}
        details = []
        for e in exits:
            type_siae = structures[e["sid"]]
            when = e["left"]
            group = table[e["motif"]]
            if (
                group == "durable"
                and value_at(rs, "durable_temps_plein_uniquement", when)
                and e["full_time"] is not True
            ):
                group = "transition"
            months = value_at(rs, "duree_minimale_mois", when, type_siae)
            min_hours = value_at(rs, "heures_minimales", when, type_siae)
            min_year = value_at(rs, "heures_minimales_annee_sortie", when, type_siae)
            removed = value_at(rs, "groupes_retires", when)
            reason = None
            if months is not None and e["left"] < add_months(e["hired"], months):
                reason = "duree_insuffisante"
            elif min_hours is not None and e["hours"] is None:
                reason = "heures_inconnues"
            elif (min_hours is not None and e["hours"] < milli(min_hours)) or (
                min_year is not None and e["rows"] and e["sum_year"] < milli(min_year)
            ):
                reason = "heures_insuffisantes"
            elif group in removed:
                reason = "exclue_de_la_base"
            c = counts[e["sid"]]
            c["sorties"] += 1
            if reason:
                c[f"nc_{reason}"] += 1
            else:
                c["sorties_examinees"] += 1
                key = {"durable": "emploi_durable", "transition": "emploi_transition"}.get(
                    group, "sortie_positive" if group == "positive" else "autre_sortie"
                )
                c[key] += 1
                if with_suivi:
                    for m in ECHEANCES:
                        if add_months(e["left"], m) <= reference:
                            c[f"s{m}_attendus"] += 1
                            s = situations.get((e["sid"], e["pid"], e["left"], m))
                            if s is not None and s != "inconnue":
                                c[f"s{m}_realises"] += 1
                                if table[s] in GROUPES_DYNAMIQUES:
                                    c[f"s{m}_dynamiques"] += 1
            if detail:
                details.append(
                    {
                        "structure_id": e["sid"],
                        "personne_id": e["pid"],
                        "date_embauche": e["hired"].isoformat(),
                        "date_sortie": e["left"].isoformat(),
                        "motif": e["motif"],
                        "groupe": group,
                        "heures": hours(e["hours"]),
                        "comptee": reason is None,
                        "raison": reason,
                    }
                )
        names = ["sorties", "sorties_examinees", *(f"nc_{r}" for r in RAISONS)]
        names += ["emploi_durable", "emploi_transition", "sortie_positive", "autre_sortie"]
        if with_suivi:
            names += [
                f"s{m}_{k}" for m in ECHEANCES for k in ("attendus", "realises", "dynamiques")
            ]
        total = dict.fromkeys(names, 0)
        out = []
        for sid in sorted(structures):
            row = {n: counts[sid][n] for n in names}
            for n in names:
                total[n] += row[n]
            entry = {"structure_id": sid, "type_siae": structures[sid]}
            entry.update(indicators(row, with_suivi))
            if extra:
                entry["complementaires"] = extra["structures"][sid]
            out.append(entry)
        ensemble = indicators(total, with_suivi)
        if extra:
            ensemble["complementaires"] = extra["ensemble"]
        calcul = {"jeu_de_regles": rs.nom, "structures": out, "ensemble": ensemble}
        if detail:
            details.sort(
                key=lambda d: (
                    d["structure_id"],
                    d["personne_id"],
                    d["date_sortie"],
                    d["date_embauche"],
                )
            )
            calcul["sorties_detail"] = details
        calcul["trace"] = trace(rs, du, au, reference)
        calculs.append(calcul)
    return {
        "periode": {"du": du.isoformat(), "au": au.isoformat()},
        "date_reference": reference.isoformat(),
        "calculs": calculs,
    }


def complementary(folder: Path, sids, du, au) -> dict:
    parts = {}
    path = folder / "orientations.csv"
    if path.exists():
        raw = {sid: defaultdict(int) for sid in sids}
        for r in read_rows(path):
            if du <= day(r["date"]) <= au:
                raw[r["structure_id"]][
                    f"{r['prescripteur_type'].lower()}|{r['issue'].lower()}"
                ] += 1
        parts["orientations"] = (raw, orientation_block)
    path = folder / "accompagnements.csv"
    if path.exists():
        raw = {sid: defaultdict(int) for sid in sids}
        people = {sid: defaultdict(set) for sid in sids}
        for r in read_rows(path):
            if not du <= day(r["date"]) <= au:
                continue
            sid = r["structure_id"]
            mode, barrier = (r.get("modalite") or "").lower(), (r.get("frein") or "").lower()
            cells = ["tout", f"nature|{r['nature'].lower()}"]
            cells.append(f"modalite|{mode or 'non_renseignee'}")
            cells.append(f"frein|{barrier or 'sans_frein'}")
            for cell in cells:
                raw[sid][f"{cell}|actions"] += 1
                raw[sid][f"{cell}|milli_minutes"] += milli(number(r["duree_minutes"]))
                people[sid][cell].add(r["personne_id"])
        for sid in sids:
            for cell in ACCOMPANIMENT_CELLS:
                raw[sid][f"{cell}|personnes"] = len(people[sid].get(cell, ()))
        parts["accompagnement"] = (raw, accompaniment_block)
    path = folder / "formations.csv"
    if path.exists():
        raw = {sid: defaultdict(int) for sid in sids}
        people = {sid: defaultdict(set) for sid in sids}
        for r in read_rows(path):
            start, end = day(r.get("date_debut")), day(r.get("date_fin"))
            if (start is not None and start > au) or (end is not None and end < du):
                continue
            sid, status = r["structure_id"], r["statut"].lower()
            c = raw[sid]
            c["actions"] += 1
            people[sid]["tout"].add(r["personne_id"])
            h = milli(number(r.get("heures"))) or 0
            c["milli_heures"] += h
            if status == "preparation":
                c["milli_preparation"] += h
            q = BOOLS.get((r.get("qualifiante") or "").lower())
            if q is not None:
                c["qualifiante_renseignee"] += 1
                c["qualifiantes"] += int(q)
            for stage, statuses in TRAINING_STAGES.items():
                if status in statuses:
                    c[f"{stage}|actions"] += 1
                    people[sid][stage].add(r["personne_id"])
        for sid in sids:
            raw[sid]["personnes"] = len(people[sid].get("tout", ()))
            for stage in TRAINING_STAGES:
                raw[sid][f"{stage}|personnes"] = len(people[sid].get(stage, ()))
        parts["formation"] = (raw, training_block)
    if not parts:
        return {}
    blocks = {sid: {} for sid in sids}
    totals = {}
    for key, (raw, shaper) in parts.items():
        total = defaultdict(int)
        for sid in sids:
            blocks[sid][key] = shaper(raw[sid])
            for k, v in raw[sid].items():
                total[k] += v
        totals[key] = shaper(total)
    return {"structures": blocks, "ensemble": totals}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Implémentation de référence, ligne à ligne.")
    parser.add_argument("dossier", type=Path)
    parser.add_argument("--regles", action="append")
    parser.add_argument("--annee", type=int, required=True)
    parser.add_argument("--date-reference", required=True)
    parser.add_argument("--detail", action="store_true")
    args = parser.parse_args(argv)
    rule_sets = [load_rule_set(n) for n in (args.regles or builtin_names())]
    result = compute(
        args.dossier,
        rule_sets,
        dt.date(args.annee, 1, 1),
        dt.date(args.annee, 12, 31),
        dt.date.fromisoformat(args.date_reference),
        detail=args.detail,
    )
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
