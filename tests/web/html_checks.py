"""What an HTML page must get right for forms to be accessible, read with the standard
library's parser: unique ids, ``aria-describedby`` naming elements that exist, each
invalid field tied to its error message, error summary links leading to a field."""

from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}


@dataclass
class Element:
    tag: str
    attrs: dict
    text: str = ""
    inside_summary: bool = False


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: Counter = Counter()
        self.elements: list[Element] = []
        self.by_id: dict[str, Element] = {}
        self.title = ""
        self._open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v if v is not None else "" for k, v in attrs})
        element.inside_summary = "data-error-summary" in element.attrs or any(
            "data-error-summary" in e.attrs for e in self._open
        )
        self.elements.append(element)
        if "id" in element.attrs:
            self.ids[element.attrs["id"]] += 1
            self.by_id.setdefault(element.attrs["id"], element)
        if tag not in VOID:
            self._open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self._open and self._open[-1].tag == tag:
            self._open.pop()

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                return

    def handle_data(self, data):
        for element in self._open:
            element.text += data
        if self._open and self._open[-1].tag == "title":
            self.title += data

    # What tests look at.

    def text_of(self, element_id: str) -> str:
        return " ".join(self.by_id[element_id].text.split())

    def duplicate_ids(self) -> list[str]:
        return sorted(i for i, n in self.ids.items() if n > 1)

    def invalid_fields(self) -> list[Element]:
        return [e for e in self.elements if e.attrs.get("aria-invalid") == "true"]

    def summary_links(self) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == "a" and e.inside_summary and e.attrs.get("href", "").startswith("#")
        ]

    def problems(self) -> list[str]:
        """Everything wrong with the page's ids and the ties between fields and errors."""
        found = [f"id en double : {i}" for i in self.duplicate_ids()]
        for element in self.elements:
            for ref in element.attrs.get("aria-describedby", "").split():
                if ref not in self.ids:
                    found.append(f"aria-describedby vers un id absent : {ref}")
        for element in self.invalid_fields():
            name = element.attrs.get("id") or element.attrs.get("name")
            refs = element.attrs.get("aria-describedby", "").split()
            if not any(r.endswith("_error") and self.text_of(r) for r in refs if r in self.ids):
                # A choice of a group: the fieldset carries the description.
                group = next(
                    (
                        e
                        for e in self.elements
                        if e.tag == "fieldset"
                        and name
                        and e.attrs.get("id")
                        and name.startswith(e.attrs["id"] + "_")
                    ),
                    None,
                )
                group_refs = (group.attrs.get("aria-describedby", "") if group else "").split()
                if not any(r.endswith("_error") and r in self.ids for r in group_refs):
                    found.append(f"champ invalide sans message d'erreur relié : {name}")
        for link in self.summary_links():
            target = link.attrs["href"][1:]
            if target not in self.ids:
                found.append(f"lien du résumé vers un id absent : {target}")
        return found


def read_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page
