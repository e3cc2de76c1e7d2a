"""Long skill names are wrapped on up to three lines in the progression chart, never
cut mid-word (issue 13: « the competences chart cuts long skill names »)."""

import datetime as dt
import re

from jalons.competences.charts import LINE_CHARS, skills_timeline_chart, wrap_label

LONG = "Respecter les consignes de sécurité et porter les équipements de protection individuelle"


def test_a_long_name_is_wrapped_between_words_on_at_most_three_lines():
    lines = wrap_label(LONG)
    assert 1 < len(lines) <= 3
    assert " ".join(lines) == LONG  # nothing lost, nothing cut
    assert all(len(line) <= LINE_CHARS for line in lines)
    assert wrap_label("Trier") == ["Trier"]


def test_only_a_name_longer_than_three_lines_ends_with_an_ellipsis():
    lines = wrap_label(LONG * 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(len(line) <= LINE_CHARS for line in lines)


def test_the_chart_prints_every_word_of_the_long_name_and_gives_it_room():
    levels = {0: "Non acquis", 1: "En cours", 2: "Acquis", 3: "Maîtrisé"}
    points = [(dt.date(2025, 1, 10), 1), (dt.date(2025, 4, 2), 2)]
    svg = str(
        skills_timeline_chart(
            title="Progression", rows=[(LONG, points), ("Trier", points)], levels=levels,
            end=dt.date(2025, 6, 30),
        )
    )  # fmt: skip
    spans = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert " ".join(spans[:-1]) == LONG and spans[-1] == "Trier"
    # The long row is taller than the short one (its bars cover its lines).
    heights = [
        float(h)
        for h in re.findall(
            r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)" fill="#', svg
        )
    ]
    assert max(heights) > min(heights)
