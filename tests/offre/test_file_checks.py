"""Files a network shares: ordinary office files pass, macros, scripts, embedded
programs and bombs are refused with a French reason."""

import io
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.text import P
from openpyxl import Workbook

from jalons.documents.rendering import html_to_pdf
from jalons.offre.file_checks import MAX_UNPACKED, problem
from tests.factories import NetworkMembershipFactory


def docx_bytes() -> bytes:
    document = Document()
    document.add_paragraph("Grille d'entretien")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active["A1"] = "Cotation des CV"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odt_bytes() -> bytes:
    document = OpenDocumentText()
    document.text.addElement(P(text="Livret d'accueil"))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def ods_bytes() -> bytes:
    buffer = io.BytesIO()
    OpenDocumentSpreadsheet().write(buffer)
    return buffer.getvalue()


def with_member(data: bytes, name: str, content: bytes, replace: bool = False) -> bytes:
    """The package with one part added (or replaced)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if replace and info.filename == name:
                continue
            out.writestr(info, source.read(info.filename))
        out.writestr(name, content)
    return buffer.getvalue()


def test_ordinary_office_files_pass():
    assert problem(".docx", docx_bytes()) is None
    assert problem(".xlsx", xlsx_bytes()) is None
    assert problem(".odt", odt_bytes()) is None
    assert problem(".ods", ods_bytes()) is None
    assert problem(".pdf", html_to_pdf("<h1>Grille d'entretien</h1><p>Questions</p>")) is None


@pytest.mark.parametrize(
    ("suffix", "make", "part", "content", "reason"),
    [
        (".docx", docx_bytes, "word/vbaProject.bin", b"\xd0\xcf", "contient des macros"),
        (".xlsx", xlsx_bytes, "xl/vbaProject.bin", b"\xd0\xcf", "contient des macros"),
        (".docx", docx_bytes, "word/activeX/activeX1.xml", b"<ax/>", "contrôles ActiveX"),
        (".docx", docx_bytes, "word/embeddings/oleObject1.bin", b"\xd0\xcf", "objet incorporé"),
        (
            ".odt",
            odt_bytes,
            "Basic/Standard/Module1.xml",
            b"<script:module/>",
            "contient des macros",
        ),
    ],
)
def test_macros_activex_and_embedded_programs_are_refused(suffix, make, part, content, reason):
    assert reason in problem(suffix, with_member(make(), part, content))


def test_a_macro_enabled_workbook_renamed_xlsx_is_refused():
    data = xlsx_bytes()
    types = (
        zipfile.ZipFile(io.BytesIO(data))
        .read("[Content_Types].xml")
        .replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
    )
    assert "macros" in problem(".xlsx", with_member(data, "[Content_Types].xml", types, True))


def test_opendocument_events_bound_to_macros_are_refused():
    data = odt_bytes()
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml")
    hooked = content.replace(
        b"</office:document-content>",
        b'<office:event-listeners><script:event-listener script:event-name="dom:load" '
        b'xlink:href="vnd.sun.star.script:Standard.Module1.Main"/></office:event-listeners>'
        b"</office:document-content>",
    )
    assert "macros" in problem(".odt", with_member(data, "content.xml", hooked, True))


def test_a_package_of_another_kind_is_unreadable():
    assert "n'est pas un vrai fichier ODT" in problem(".odt", ods_bytes())
    assert "n'est pas un vrai fichier DOCX" in problem(".docx", xlsx_bytes())
    assert "illisible" in problem(".xlsx", b"PK\x03\x04 not a zip")


def pdf_with(body: bytes) -> bytes:
    return b"%PDF-1.7\n1 0 obj\n" + body + b"\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", "JavaScript"),
        (b"<< /Type /Catalog /OpenAction << /S /J#61vaScript >> >>", "JavaScript"),
        (b"<< /S /Launch /F (cmd.exe) >>", "lance un programme"),
        (b"<< /Names << /EmbeddedFiles 2 0 R >> >>", "fichier incorporé"),
        (b"<< /AcroForm << /XFA 3 0 R >> >>", "formulaire dynamique"),
    ],
)
def test_pdf_scripts_launches_and_attachments_are_refused(body, reason):
    assert reason in problem(".pdf", pdf_with(body))


def test_a_script_hidden_in_a_compressed_object_stream_is_found():
    hidden = zlib.compress(b"5 0 << /S /JavaScript /JS (this.print()) >>")
    body = b"<< /Type /ObjStm /Filter /FlateDecode >>\nstream\n" + hidden + b"\nendstream"
    assert "JavaScript" in problem(".pdf", pdf_with(body))


def test_bombs_are_refused_before_they_fill_the_server():
    zeros = b"\0" * (MAX_UNPACKED + 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("word/document.xml", zeros)
    assert "50 Mo" in problem(".docx", buffer.getvalue())
    stream = b"<< /Filter /FlateDecode >>\nstream\n" + zlib.compress(zeros) + b"\nendstream"
    assert "50 Mo" in problem(".pdf", pdf_with(stream))


@pytest.mark.django_db
def test_the_network_is_told_why_its_file_is_refused(client, settings, tmp_path):
    settings.JALONS_MODELS_DIR = tmp_path
    staff = NetworkMembershipFactory()
    client.force_login(staff.user)
    page = client.post(
        reverse("offre:network_model_create", args=[staff.network_id]),
        {
            "kind": "outil",
            "title": "Grille",
            "file": SimpleUploadedFile(
                "grille.docx", with_member(docx_bytes(), "word/vbaProject.bin", b"\xd0\xcf")
            ),
        },
    ).content.decode()
    assert "« grille.docx » contient des macros : enregistrez-le sans macros" in page
    assert not list(tmp_path.iterdir())  # nothing stored
