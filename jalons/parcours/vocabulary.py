"""Choices shown to users, taken from the rules package: one source for the command
line, the interchange files and the pages."""

from functools import cache

from jalons.rules import load_referential, vocabulary

SITUATION_UNKNOWN = vocabulary.SITUATION_INCONNUE


class Channel:
    """The codes of the channels through which a person is reached, the same in every
    list that offers them (how a follow-up was obtained, the form of an accompaniment
    action, a call during a mission): « courriel » is one code everywhere."""

    PHONE = "telephone"
    EMAIL = "courriel"
    VIDEO = "visio"


FOLLOW_UP_MONTHS = vocabulary.ECHEANCES


@cache
def _referential():
    return load_referential()


def motif_choices() -> list[tuple[str, str]]:
    """Exit motifs, ordered by ASP code (motifs without a code last)."""
    motifs = sorted(
        _referential().motifs.values(),
        key=lambda m: (m.code_asp is None, m.code_asp or 0, m.libelle),
    )
    return [(m.slug, m.libelle) for m in motifs]


def situation_choices() -> list[tuple[str, str]]:
    return [*motif_choices(), (SITUATION_UNKNOWN, "Situation inconnue")]


def motif_label(slug: str) -> str:
    motif = _referential().motifs.get(slug)
    return motif.libelle if motif else slug


def motif_groups(slug: str) -> list[tuple[str, str]]:
    """The group of a motif under each shipped rule set: [(rule set, group label)]."""
    from jalons.rules import builtin_names, load_rule_set

    result = []
    for name in builtin_names():
        group = load_rule_set(name).group_table.mapping().get(slug)
        result.append((name, vocabulary.GROUPES.get(group, "—")))
    return result


def prescriber_choices() -> list[tuple[str, str]]:
    return list(vocabulary.PRESCRIPTEURS.items())


def barrier_choices() -> list[tuple[str, str]]:
    return list(vocabulary.FREINS.items())


def education_level_choices() -> list[tuple[str, str]]:
    return [
        ("infra_3", "Sans diplôme, niveau inférieur au CAP (infra 3)"),
        ("3", "CAP, BEP (niveau 3)"),
        ("4", "Baccalauréat (niveau 4)"),
        ("5", "Bac + 2 (niveau 5)"),
        ("6_plus", "Bac + 3 et plus (niveau 6 et plus)"),
    ]
