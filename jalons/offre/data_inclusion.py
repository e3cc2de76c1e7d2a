"""The structure and its services in the data·inclusion schema, from its public listing.

Schema: ``data-inclusion-schema`` 1.0.10 (``data_inclusion.schema.v1``): one
``Structure`` record and ``Service`` records whose ``structure_id`` is that record's
``id``. The schema publishes a list of structures and a list of services; the file holds
both: ``{"schema": …, "structures": [structure], "services": [service, …]}``.

Every text comes from the ``PublicListing`` the structure wrote for the public, never
from its Offre de Services (written for the DDETS). The facts come from the structure's
record: name, SIRET, address, département (zone d'éligibilité), kind (réseau porteur).
Nothing comes from the people's data.

The rules of each field are in ``data_inclusion_rules``; ``listing_problems`` applies
them to the whole listing, and the export refuses while it returns anything. The
services and the labels of the schema's enumerations are in ``data_inclusion_catalogue``.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.utils import timezone

from jalons.offre import data_inclusion_rules as rules
from jalons.offre.data_inclusion_catalogue import (
    AUDIENCE_DETAILS,
    AUDIENCES,
    CONDITIONS,
    MOBILISATION,
    MODE_OF_CONTACT,
    RESEAUX,
    SERVICES,
    SPECS,
    THEMES,
    TYPES,
    ServiceSpec,
)

SOURCE = "jalons"
SCHEMA = f"{rules.SCHEMA_PACKAGE} {rules.SCHEMA_VERSION}"


@dataclass(frozen=True)
class Problem:
    """What stops the export: where (the structure or a service), which field, why."""

    where: str
    label: str
    message: str
    field: str = ""  # the form field to correct, empty when it is not on the form

    def __str__(self):
        return f"{self.where}, « {self.label} » : {self.message}"


def structure_id(structure) -> str:
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", structure.identifier or str(structure.pk)).strip("-")
    return f"{SOURCE}--{base}"


def services_by_kind(listing) -> dict:
    if listing is None or listing.pk is None:
        return {}
    return {service.kind: service for service in listing.services.all()}


def published_specs(listing) -> list[tuple[ServiceSpec, object]]:
    """The services to publish, in catalogue order, with their record (or None)."""
    found = services_by_kind(listing)
    return [
        (spec, found.get(spec.kind))
        for spec in SERVICES
        if spec.required or (found.get(spec.kind) is not None and found[spec.kind].published)
    ]


@dataclass(frozen=True)
class ServiceInput:
    """What the team wrote for one service."""

    published: bool
    description: str
    themes: tuple[str, ...]


LABELS = {
    "presentation": "Présentation",
    "phone": "Téléphone",
    "email": "Courriel",
    "website": "Site web",
    "opening_hours": "Horaires d'accueil",
    "audiences": "Publics",
    "description": "Description",
    "themes": "Thématiques",
}


def field_errors(
    *,
    presentation: str,
    phone: str,
    email: str,
    website: str,
    opening_hours: str,
    audiences,
    services: dict[str, ServiceInput],
) -> dict[str, str]:
    """What is invalid in what the team typed, by form field (``<kind>-description``
    for a service). A blank text is not an error here: a listing may be saved before
    it is complete; ``listing_problems`` adds what the export requires."""
    errors = {}
    candidates = {
        "presentation": rules.text_error(rules.PRESENTATION, presentation, required=False),
        "phone": rules.phone_error(phone),
        "email": rules.email_error(email),
        "website": rules.website_error(website),
        "opening_hours": rules.opening_hours_error(opening_hours),
    }
    unknown = [a for a in audiences if a not in AUDIENCES]
    if unknown:
        candidates["audiences"] = f"valeur inconnue : {', '.join(unknown)}."
    for kind, entry in services.items():
        spec = SPECS[kind]
        candidates[f"{kind}-description"] = rules.text_error(
            rules.DESCRIPTION, entry.description, required=False
        )
        strangers = [t for t in entry.themes if t not in spec.themes]
        if strangers:
            candidates[f"{kind}-themes"] = (
                f"thématique non proposée pour ce service : {', '.join(strangers)}."
            )
    for field, message in candidates.items():
        if message:
            errors[field] = message
    return errors


def listing_problems(*, structure, listing) -> list[Problem]:
    """Everything that keeps the listing from being exported, in French; empty when ready."""
    here = "Fiche de la structure"
    problems = []
    name_message = rules.name_error(structure.name)
    if name_message:
        problems.append(
            Problem(here, "Nom de la structure", f"{name_message} Corrigez-le sur sa page.")
        )
    found = services_by_kind(listing)
    inputs = {
        kind: ServiceInput(service.published, service.description, tuple(service.themes))
        for kind, service in found.items()
    }
    errors = field_errors(
        presentation=listing.presentation,
        phone=listing.phone,
        email=listing.email,
        website=listing.website,
        opening_hours=listing.opening_hours,
        audiences=listing.audiences,
        services=inputs,
    )
    if not listing.presentation.strip():
        errors["presentation"] = rules.text_error(rules.PRESENTATION, "", required=True)
    if not listing.phone.strip() and not listing.email.strip():
        errors["phone"] = "indiquez un téléphone ou un courriel (au moins l'un des deux)."
    if not listing.audiences:
        errors["audiences"] = "choisissez au moins un public."
    for field in ("presentation", "phone", "email", "website", "opening_hours", "audiences"):
        if field in errors:
            problems.append(Problem(here, LABELS[field], errors[field], field))
    for spec, service in published_specs(listing):
        where = f"Service « {spec.name(structure.kind)} »"
        if service is None or not service.description.strip():
            errors[f"{spec.kind}-description"] = rules.text_error(
                rules.DESCRIPTION, "", required=True
            )
        if service is None or not service.themes:
            errors[f"{spec.kind}-themes"] = "choisissez au moins une thématique."
        for part in ("description", "themes"):
            field = f"{spec.kind}-{part}"
            if field in errors:
                problems.append(Problem(where, LABELS[part], errors[field], field))
    return problems


def _location(structure) -> dict:
    data = {}
    if structure.address.strip():
        data["adresse"] = structure.address.strip()
    if structure.city.strip():
        data["commune"] = structure.city.strip()
    if re.fullmatch(r"\d{5}", structure.postcode or ""):
        data["code_postal"] = structure.postcode
    return data


def _contact(listing) -> dict:
    data = {}
    phone = rules.phone_e164(listing.phone) if listing.phone.strip() else None
    if phone:
        data["telephone"] = phone
    if listing.email.strip() and not rules.email_error(listing.email):
        data["courriel"] = listing.email.strip()
    return data


def records(*, structure, listing, today=None) -> dict:
    """The file's content, built from the listing as it stands (see ``listing_problems``)."""
    # The UTC date: never ahead of the date of whoever validates the file (the schema
    # refuses a ``date_maj`` in the future), whatever the time zone of their machine.
    updated = listing.updated_at.astimezone(dt.UTC).date() if listing.updated_at else None
    date_maj = (updated or today or timezone.now().astimezone(dt.UTC).date()).isoformat()
    record_id = structure_id(structure)
    structure_record = {
        "source": SOURCE,
        "id": record_id,
        "nom": structure.name.strip(),
        "date_maj": date_maj,
        "description": listing.presentation.strip(),
        **_location(structure),
        **_contact(listing),
    }
    if re.fullmatch(r"\d{14}", structure.siret or ""):
        structure_record["siret"] = structure.siret
    if listing.website.strip():
        structure_record["site_web"] = listing.website.strip()
    if listing.opening_hours.strip():
        structure_record["horaires_accueil"] = listing.opening_hours.strip()
    if structure.kind in RESEAUX:
        structure_record["reseaux_porteurs"] = [RESEAUX[structure.kind]]
    contact = _contact(listing)
    modes = [MODE_OF_CONTACT[key] for key in ("telephone", "courriel") if key in contact]
    if structure.address.strip():
        modes.append("se-presenter")
    common = {
        "source": SOURCE,
        "structure_id": record_id,
        "date_maj": date_maj,
        "frais": "gratuit",
        "publics": list(listing.audiences),
        "publics_precisions": AUDIENCE_DETAILS,
        "conditions_acces": CONDITIONS,
        "modes_accueil": ["en-presentiel"],
        "mobilisable_par": ["professionnels", "usagers"],
        **({"modes_mobilisation": modes} if modes else {}),
        **_location(structure),
        **contact,
        **({"zone_eligibilite": [structure.departement_id]} if structure.departement_id else {}),
    }
    services = []
    for spec, service in published_specs(listing):
        services.append(
            {
                **common,
                "id": f"{record_id}--{spec.kind}",
                "nom": spec.name(structure.kind),
                "description": (service.description if service is not None else "").strip(),
                "type": spec.type,
                "thematiques": list(service.themes if service is not None else []),
            }
        )
    return {"schema": SCHEMA, "structures": [structure_record], "services": services}


def readable(content: dict, listing) -> dict:
    """The records as the public reads them: labels instead of codes, French hours."""
    structure = dict(content["structures"][0])
    structure["horaires"] = rules.opening_hours_french(structure.get("horaires_accueil", ""))
    structure["telephone_affiche"] = rules.phone_display(listing.phone) if listing else ""
    services = []
    for service in content["services"]:
        services.append(
            {
                **service,
                "type_label": TYPES.get(service["type"], service["type"]),
                "thematiques_labels": [THEMES.get(t, t) for t in service["thematiques"]],
                "publics_labels": [AUDIENCES.get(p, p) for p in service["publics"]],
                "modes_labels": [MOBILISATION[m] for m in service.get("modes_mobilisation", [])],
            }
        )
    return {"structure": structure, "services": services}
