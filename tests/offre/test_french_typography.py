"""Every Offre de Services document writes French typography: no ordinary space
before « : ; ? ! » or inside « » (PDF, DOCX with its footer, ODT with its footer)."""

import io
import re
import zipfile

from docx import Document
from weasyprint import HTML

from jalons.documents.french import french_spacing_html
from jalons.offre.exports.docx import render_docx
from jalons.offre.exports.odt import render_odt
from jalons.offre.exports.pdf import offre_html
from tests.offre.document_fixture import make_document

LOOSE = re.compile(r"\S (?:[:;?!»])|« ")


def loose(texts) -> list[str]:
    return [t for t in texts if LOOSE.search(t)]


def test_the_docx_has_no_ordinary_space_where_french_wants_a_no_break_one():
    document = make_document()
    doc = Document(io.BytesIO(render_docx(document)))
    paragraphs = [p.text for p in doc.paragraphs]
    paragraphs += [
        p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]
    paragraphs += [p.text for s in doc.sections for p in s.footer.paragraphs]
    assert any(":" in p for p in paragraphs)
    assert loose(paragraphs) == []


def test_the_odt_has_none_either():
    with zipfile.ZipFile(io.BytesIO(render_odt(make_document()))) as archive:
        for name in ("content.xml", "styles.xml"):
            xml = archive.read(name).decode()
            texts = re.findall(r">([^<]+)<", xml)
            assert loose(texts) == [], name


def test_the_pdf_text_has_none_either():
    html = french_spacing_html(offre_html(make_document()))
    texts = re.findall(r">([^<]+)<", re.sub(r"<style.*?</style>", "", html, flags=re.S))
    assert any(":" in t for t in texts)
    assert loose(texts) == []
    HTML(string=html)  # still a document WeasyPrint reads
