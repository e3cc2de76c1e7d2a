"""Model sections and tools of a network: written or proposed, published or not.

An attached file is kept under the data folder (``modeles/``), never served from a
public folder: the download view checks who asks. Only office formats are accepted,
and only without macros, scripts or embedded programs (``file_checks``).
"""

import secrets
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record, audited_save, snapshot
from jalons.backups.archive import toolbox_root
from jalons.offre.catalogue import WRITABLE_KEYS, section_title
from jalons.offre.file_checks import problem
from jalons.offre.models import NetworkTemplate, TemplateKind, TemplateStatus

MAX_FILE_BYTES = 5 * 1024 * 1024
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", b"%PDF"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", b"PK\x03\x04"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", b"PK\x03\x04"),
}
NETWORK_ROLE = "équipe du réseau"


def models_root() -> Path:
    root = toolbox_root()
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


def model_file_path(model: NetworkTemplate) -> Path | None:
    if not model.stored_name:
        return None
    path = models_root() / model.stored_name
    return path if path.is_file() else None


def content_type_of(model: NetworkTemplate) -> str:
    return ALLOWED_TYPES.get(Path(model.file_name).suffix.lower(), ("application/octet-stream",))[0]


def check_file(upload) -> tuple[str, bytes]:
    """The file's extension and bytes, or a French error naming what is wrong."""
    name = Path(upload.name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_TYPES:
        raise ValidationError(
            {"file": f"« {name} » : seuls les fichiers PDF, DOCX, ODT, XLSX et ODS sont acceptés."}
        )
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(
            {"file": f"« {name} » dépasse 5 Mo ({upload.size // 1024} Ko) : réduisez-le."}
        )
    data = b"".join(upload.chunks())
    if not data.startswith(ALLOWED_TYPES[suffix][1]):
        raise ValidationError(
            {
                "file": f"« {name} » n'est pas un vrai fichier {suffix[1:].upper()} : "
                "il est illisible."
            }
        )
    # Opened by the teams of every member structure: no macro, script or program.
    reason = problem(suffix, data)
    if reason:
        raise ValidationError({"file": f"« {name} » {reason}."})
    return suffix, data


def _store(model: NetworkTemplate, upload) -> None:
    suffix, data = check_file(upload)
    old = model_file_path(model)
    stored = secrets.token_hex(16) + suffix
    (models_root() / stored).write_bytes(data)
    if old is not None:
        old.unlink(missing_ok=True)
    model.stored_name = stored
    model.file_name = Path(upload.name).name[:200]
    model.file_size = len(data)


def _check_section(kind: str, section_key: str) -> None:
    if kind == TemplateKind.SECTION and section_key not in WRITABLE_KEYS:
        raise ValidationError(
            {"section_key": "Choisissez la section de l'offre que ce modèle remplit."}
        )
    if section_key and section_key not in WRITABLE_KEYS:
        raise ValidationError({"section_key": "Choisissez une section de l'offre dans la liste."})


@transaction.atomic
def model_save(
    *,
    actor,
    network,
    kind: str,
    title: str,
    section_key: str = "",
    text: str = "",
    upload=None,
    model: NetworkTemplate | None = None,
) -> NetworkTemplate:
    """Create or update a model of the network (network staff)."""
    _check_section(kind, section_key)
    if kind == TemplateKind.SECTION and not text.strip():
        raise ValidationError({"text": "Un modèle de section a un texte."})
    if (
        kind == TemplateKind.TOOL
        and not text.strip()
        and upload is None
        and not (model and model.stored_name)
    ):
        raise ValidationError({"text": "Un outil a un texte ou un fichier joint."})
    before = snapshot(model) if model else None
    if model is None:
        model = NetworkTemplate(network=network)
    model.kind, model.title = kind, title.strip()
    model.section_key, model.text = section_key, text.strip()
    if upload is not None:
        _store(model, upload)
    return audited_save(actor=actor, structure=None, obj=model, before=before)


@transaction.atomic
def model_set_status(*, actor, model: NetworkTemplate, published: bool) -> NetworkTemplate:
    before = snapshot(model)
    model.status = TemplateStatus.PUBLISHED if published else TemplateStatus.UNPUBLISHED
    return audited_save(actor=actor, structure=None, obj=model, before=before)


@transaction.atomic
def model_delete(*, actor, model: NetworkTemplate) -> None:
    path = model_file_path(model)
    audit_record(
        action=AuditAction.DELETE,
        actor=actor,
        obj=model,
        changes=snapshot(model),
    )
    model.delete()
    if path is not None:
        path.unlink(missing_ok=True)


@transaction.atomic
def section_share(
    *, actor, structure, network, offre, section_key: str, title: str
) -> NetworkTemplate:
    """A structure proposes one of its sections as a model; the network decides."""
    if not structure.networks.filter(pk=network.pk).exists():
        raise ValidationError({"network": "Choisissez l'un des réseaux de la structure."})
    text = offre.texts.filter(key=section_key).values_list("text", flat=True).first() or ""
    if not text.strip():
        raise ValidationError({"section_key": "Cette section est vide : il n'y a rien à partager."})
    model = NetworkTemplate(
        network=network,
        kind=TemplateKind.SECTION,
        title=title.strip() or f"{section_title(section_key)} ({structure.name})",
        section_key=section_key,
        text=text.strip(),
        status=TemplateStatus.PROPOSED,
        proposed_by=structure,
    )
    return audited_save(actor=actor, structure=structure, obj=model)
