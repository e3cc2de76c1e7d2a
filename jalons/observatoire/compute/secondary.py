"""Secondary secret of one part of a family class (``publication``): the rounds of
``protect`` and of the searches for derived aggregates (``linked.disclosures``) and
narrow intervals (``interval_audit.Intervals``), then the needless secrets published
again (``needless``). Pure Python (no Django)."""

from jalons.observatoire.linked import decompose, disclosures
from jalons.observatoire.protection import PRIMARY, SECONDARY, Dependencies, determined, protect

BATCH = 20  # disclosures fixed per round of ``protect_linked`` (then it checks again)


def protect_linked(
    groups, *, thresholds, primary, locked, known, members, populations, audit
) -> tuple[dict, list]:
    """``protect``, then hide one more row while a combination of published rows adds
    up too few structures or people (or, with ``audit``, narrows a hidden row), and
    again. Returns the hidden rows and the disclosures that only rows published before
    compute (nothing left to hide: ``publication.decide`` names fewer structures then).

    Once a round finds no disclosure, the rounds of the interval audit only hide more:
    every row hidden so far stays hidden (``initial``), so the published rows are a
    subset of a set without disclosure, whose combinations include all of theirs; the
    disclosures are not searched again (they were most of the time)."""
    ordered = sorted(groups, key=lambda g: repr(g.key))
    dependencies = Dependencies(ordered)
    order = {g.key: (g.people, g.structures, repr(g.key)) for g in groups}
    extra: dict = {}
    by_key = {g.key: g for g in groups}
    clean = False  # a round found no disclosure: from then on, only hide more
    unfixable: list = []
    while True:
        decision = protect(
            ordered,
            structures=thresholds.structures,
            people=thresholds.people,
            dependencies=dependencies,
            primary=primary,
            initial=extra,
            locked=locked,
            primary_only=True,
        )
        hidden = decision.hidden
        chosen: set = set()
        split = None
        if not clean:
            visible = [(g.key, g.atoms) for g in ordered if g.key not in hidden]
            unfixable = []
            split = decompose(visible, known)
        for index in range(len(members) if split is not None else 0):
            people = _population(index, populations)
            found = disclosures(
                visible,
                known=known,
                contributes=lambda atom, people=people: people(atom) > 0,
                structures=thresholds.structures,
                people=people,
                minimum_people=thresholds.people,
                fixable=lambda combination: any(k not in locked for k in combination),
                unfixable=unfixable,
                limit=BATCH,
                decomposition=split,
            )
            # One row of each combination found (not one already chosen): the next
            # round checks again with those rows hidden.
            for disclosure in found:
                if chosen.intersection(disclosure.combination):
                    continue
                candidates = [k for k in disclosure.combination if k not in locked]
                chosen.add(min(candidates, key=order.__getitem__))
        if not chosen and audit is not None:
            clean = True
            chosen = audit(by_key, hidden, known, locked, order)
        if not chosen:
            for key in needless(ordered, hidden):
                del hidden[key]
            return hidden, unfixable
        if clean:
            extra.update((k, r) for k, r in hidden.items() if r != PRIMARY)
        extra.update(dict.fromkeys(chosen, SECONDARY))


def needless(groups, hidden) -> list:
    """The rows hidden in secondary secret that the published rows of their period
    give anyway (« Ensemble » minus the other départements, say): hiding them protects
    nothing, and a reader who subtracts would wonder why they are secret. Publishing
    them adds no information (their values are already a combination of published
    ones: the span of what is published, on which every rule depends, is unchanged), so
    they are published. Only rows of the same period are used: a stock (people in
    pathways, ETP) does not add up over the quarters, so a row that only the year minus
    its quarters gives would show new stock figures."""
    by_period: dict = {}
    for group in groups:
        key = group.key
        per = key[4] if key[0] == "publié" else key[2]
        by_period.setdefault(per, []).append(group)
    needless = []
    secret = set(hidden)
    for per in sorted(by_period, key=repr):
        part = by_period[per]
        if not any(hidden.get(g.key) == SECONDARY for g in part):
            continue
        needless.extend(k for k in determined(part, secret) if hidden[k] == SECONDARY)
    return needless


def _population(index, populations):
    """An atom's population for member ``index``: its structure's population in the
    atom's period (a quarter, or the annexe year); 0 when it contributes nothing."""
    cache: dict = {}

    def population(atom) -> int:
        pk, part = atom[0], atom[1]
        per = ("annexe", 0) if part == "annexe" else ("civile", part)
        value = cache.get((pk, per))
        if value is None:
            positive = populations.get((index, per))
            if positive is None:
                positive = populations.get((index, ("civile", 0)), {})
            value = cache[(pk, per)] = positive.get(pk, 0)
        return value

    return population
