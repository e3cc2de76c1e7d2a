"""What a file a network shares with its structures may not hold: macros, scripts,
programs hidden inside. Pure Python, no Django.

The model files of a network (PDF, DOCX, ODT, XLSX, ODS) are opened by directors and
CIP of every member structure: a file that runs code when opened would spread from
one account to many. So the content is inspected at upload, not only the first
bytes:

- **PDF**: the names of the document's dictionaries, also inside compressed streams
  (where object streams can hide them) and with ``#xx`` escapes decoded:
  JavaScript, launch actions, embedded files, rich media and XFA forms are refused.
- **DOCX, XLSX** (Office Open XML): a real package (``[Content_Types].xml`` and the
  main part), without VBA project, ActiveX control or embedded OLE object.
- **ODT, ODS** (OpenDocument): a real package (its ``mimetype``), without Basic or
  script library and without events bound to macros.
- Every archive or stream: at most 50 MB once uncompressed (a "zip bomb" is
  refused before it fills the server).

``problem(suffix, data)`` gives the reason in French (the end of a sentence), or None.
"""

import io
import re
import zipfile
import zlib

MAX_UNPACKED = 50 * 1024 * 1024
UNREADABLE = "est illisible ou n'est pas un vrai fichier {kind}"
TOO_BIG = "dépasse 50 Mo une fois décompressé"
MACROS = "contient des macros : enregistrez-le sans macros (en {kind} ordinaire), puis déposez-le"

_OOXML_MAIN = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
_ODF_MIMETYPES = {
    ".odt": b"application/vnd.oasis.opendocument.text",
    ".ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
_PDF_NAMES = {
    b"JavaScript": "contient du JavaScript",
    b"JS": "contient du JavaScript",
    b"Launch": "contient une commande qui lance un programme",
    b"EmbeddedFile": "contient un fichier incorporé",
    b"EmbeddedFiles": "contient un fichier incorporé",
    b"RichMedia": "contient un contenu multimédia actif",
    b"XFA": "contient un formulaire dynamique (XFA)",
}
_NAME = re.compile(rb"/([A-Za-z0-9#]+)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n")
# OpenDocument events bound to macros or scripts.
_ODF_SCRIPTS = (b"<script:event-listener", b"vnd.sun.star.script:", b'xlink:href="macro:')


def problem(suffix: str, data: bytes) -> str | None:
    kind = suffix.lstrip(".").upper()
    if suffix == ".pdf":
        return _pdf(data)
    if suffix in _OOXML_MAIN or suffix in _ODF_MIMETYPES:
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                return TOO_BIG
            if suffix in _OOXML_MAIN:
                return _ooxml(archive, suffix, kind)
            return _odf(archive, suffix, kind)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, EOFError):
            return UNREADABLE.format(kind=kind)
    return UNREADABLE.format(kind=kind)


def _ooxml(archive: zipfile.ZipFile, suffix: str, kind: str) -> str | None:
    names = {name.lower() for name in archive.namelist()}
    if "[content_types].xml" not in names or _OOXML_MAIN[suffix] not in names:
        return UNREADABLE.format(kind=kind)
    types = _read(archive, "[Content_Types].xml")
    if (
        any(name.endswith(("vbaproject.bin", "vbadata.xml")) for name in names)
        or b"vbaProject" in types
        or b"macroEnabled" in types
    ):
        return MACROS.format(kind=kind)
    if any("/activex/" in name for name in names):
        return "contient des contrôles ActiveX"
    if any("/embeddings/" in name and name.endswith(".bin") for name in names):
        return "contient un objet incorporé (OLE) qui peut cacher un programme"
    return None


def _odf(archive: zipfile.ZipFile, suffix: str, kind: str) -> str | None:
    names = archive.namelist()
    if "mimetype" not in names or _read(archive, "mimetype").strip() != _ODF_MIMETYPES[suffix]:
        return UNREADABLE.format(kind=kind)
    if any(name.lower().startswith(("basic/", "scripts/")) for name in names):
        return MACROS.format(kind=kind)
    for part in ("content.xml", "styles.xml", "settings.xml"):
        if part in names and any(marker in _read(archive, part) for marker in _ODF_SCRIPTS):
            return MACROS.format(kind=kind)
    return None


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    # The archive's total was checked against MAX_UNPACKED: its parts fit in memory.
    real = next(n for n in archive.namelist() if n.lower() == name.lower())
    return archive.read(real)


def _pdf(data: bytes) -> str | None:
    if not data.startswith(b"%PDF"):
        return UNREADABLE.format(kind="PDF")
    chunks, total = [data], 0
    for match in _STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        inflater = zlib.decompressobj()
        try:
            unpacked = inflater.decompress(data[start:end], MAX_UNPACKED - total + 1)
        except zlib.error:  # not a Flate stream (an image, a font…): its bytes as they are
            continue
        total += len(unpacked)
        if total > MAX_UNPACKED:
            return TOO_BIG
        chunks.append(unpacked)
    for chunk in chunks:
        for match in _NAME.finditer(chunk):
            name = _ESCAPE.sub(lambda h: bytes([int(h.group(1), 16)]), match.group(1))
            if name in _PDF_NAMES:
                return _PDF_NAMES[name]
    return None
