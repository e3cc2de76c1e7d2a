from django import template

from jalons.web.charts import Bar, horizontal_bar_chart

register = template.Library()


@register.filter
def chart_svg(spec):
    """A ChartSpec of the document drawn as the same SVG as everywhere else."""
    if spec is None:
        return ""
    return horizontal_bar_chart(
        title=spec.title,
        bars=[Bar(label, value) for label, value in spec.bars],
        unit=spec.unit,
        decimals=spec.decimals,
    )


@register.filter
def paragraphs(text):
    """Split a section's text into blocks: ("p", text) or ("ul", [items])."""
    blocks = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.append(("ul", [line[2:] for line in lines]))
        else:
            blocks.append(("p", " ".join(lines)))
    return blocks


@register.filter
def year_cell(line, year):
    return line.years.get(year, ("", ""))


@register.filter
def section_title(key, kind=""):
    """« 2.3 Documents remis au salarié »; ``|section_title:structure.kind`` in the words
    of the structure's kind (« … au travailleur indépendant » in an EITI)."""
    from jalons.offre.catalogue import section_title as title

    return title(key, kind or "")


@register.filter
def toc(sections):
    """The parts of the document, each with its sub-sections."""
    parts = []
    for section in sections:
        if section.level == 1 or not parts:
            parts.append((section, []))
        else:
            parts[-1][1].append(section)
    return parts
