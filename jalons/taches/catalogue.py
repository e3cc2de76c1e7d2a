"""Which downloads can be prepared in the background, and what to call them.

Only the application's own long downloads are accepted (never an address typed
freely): an entry is the name of a URL pattern and the French label of its document.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve


@dataclass(frozen=True)
class Kind:
    label: str  # "{year}" is replaced by the year of the address, when it has one
    extension: str


KINDS = {
    "offre_exports:pdf": Kind("Offre de Services {year} (PDF)", "pdf"),
    "offre_exports:docx": Kind("Offre de Services {year} (DOCX, pour Word)", "docx"),
    "offre_exports:odt": Kind("Offre de Services {year} (ODT, pour LibreOffice)", "odt"),
    "offre_exports:dialogue": Kind("Dossier du dialogue de gestion {year} (PDF)", "pdf"),
    "offre_exports:ddets_pdf": Kind("Offre de Services transmise (PDF)", "pdf"),
    "offre_exports:ddets_dialogue": Kind("Dossier du dialogue de gestion (PDF)", "pdf"),
    "observatoire:network_pdf": Kind("État statistique du réseau (PDF)", "pdf"),
    "observatoire:network_xlsx": Kind("État statistique du réseau (XLSX)", "xlsx"),
    "observatoire:ddets_pdf": Kind("État statistique de la DDETS (PDF)", "pdf"),
    "observatoire:ddets_xlsx": Kind("État statistique de la DDETS (XLSX)", "xlsx"),
}


class NotPreparable(ValueError):
    """The address is not one of the documents that can be prepared."""


@dataclass(frozen=True)
class Target:
    path: str  # path and query string, as it will be requested
    url_name: str
    label: str
    kwargs: dict


def target_for(address: str) -> Target:
    """The document behind an address of the application, or ``NotPreparable``."""
    parts = urlsplit(address or "")
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or len(address) > 500:
        raise NotPreparable("Cette adresse n'est pas celle d'un document de Jalons.")
    try:
        match = resolve(parts.path)
    except Resolver404:
        raise NotPreparable("Ce document n'existe pas (adresse inconnue).") from None
    kind = KINDS.get(match.view_name)
    if kind is None:
        raise NotPreparable("Ce document se télécharge directement : pas besoin de le préparer.")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    year = match.kwargs.get("year")
    label = kind.label.format(year=year) if year else kind.label.replace(" {year}", "")
    return Target(path=path, url_name=match.view_name, label=label, kwargs=match.kwargs)
