"""The structure's services in the data·inclusion schema, to publish its offer (DORA).

Schema: data·inclusion « services », version 1 of the schema (Python package
``data_inclusion.schema.v1``, model ``Service``; gip-inclusion/data-inclusion-schema):
required ``source``, ``structure_id``, ``id``, ``nom`` (3 to 150 characters, no final
full stop), ``description`` (50 to 2000 characters), ``date_maj``; enumerations
``type`` (TypeService), ``thematiques`` (Thematique), ``publics`` (Public),
``frais`` (Frais), ``modes_accueil`` (ModeAccueil), ``modes_mobilisation``
(ModeMobilisation), ``mobilisable_par`` (PersonneMobilisatrice); ``zone_eligibilite``
as INSEE codes (commune, département, EPCI) or ``france``.

The mapping follows the axes of the Offre de Services: the insertion pathway itself
(axe 1 and 4), the social and professional accompaniment (axe 2, with the barriers
actually worked in the data) and the training of employees (axe 3, when the
structure records trainings). Publics come from the situations at entry of the
structure's pathways. Nothing identifies a person.
"""

import datetime as dt
import re

from jalons.accompagnement.models import PlanBarrier
from jalons.formation.models import TrainingAction
from jalons.offre.document import OffreDocument
from jalons.offre.exports.common import text_blocks
from jalons.parcours.models import Parcours

SCHEMA_VERSION = "data·inclusion, schéma des services v1"
SOURCE = "jalons"

TYPES = {
    "accompagnement",
    "aide-financiere",
    "aide-materielle",
    "atelier",
    "formation",
    "information",
}
PUBLICS = {
    "actifs", "beneficiaires-des-minimas-sociaux", "demandeurs-emploi", "etudiants", "familles",
    "femmes", "jeunes", "personnes-en-situation-de-handicap", "personnes-en-situation-durgence",
    "personnes-en-situation-juridique-specifique", "personnes-exilees", "residents-qpv-frr",
    "seniors",
}  # fmt: skip
FRAIS = {"gratuit", "payant"}
MODES_ACCUEIL = {"a-distance", "en-presentiel"}
MODES_MOBILISATION = {
    "envoyer-un-courriel",
    "se-presenter",
    "telephoner",
    "utiliser-lien-mobilisation",
}
MOBILISABLE_PAR = {"usagers", "professionnels"}

# The thématiques used here (all in the schema's Thematique enumeration).
PATHWAY_THEMES = (
    "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
    "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
    "preparer-sa-candidature--valoriser-ses-competences",
    "trouver-un-emploi--repondre-a-des-offres-demploi",
)
ACCOMPANIMENT_THEMES = (
    "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
    "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
)
BARRIER_THEMES = {
    "illettrisme_fle": ("lecture-ecriture-calcul--maitriser-le-francais",),
    "demarches_administratives": (
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
    ),
    "hebergement_logement": (
        "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
    ),
    "mobilite": ("mobilite--etre-accompagne-dans-son-parcours-mobilite",),
    "sante": ("sante--acces-aux-soins",),
    "justice": (
        "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire",
    ),
    "surendettement": ("difficultes-financieres--situation-dendettement-surendettement",),
    "manque_disponibilite": ("famille--garde-denfants",),
}
TRAINING_THEMES = ("se-former--trouver-sa-formation", "se-former--monter-son-dossier-de-formation")
THEMES = {*PATHWAY_THEMES, *ACCOMPANIMENT_THEMES, *TRAINING_THEMES} | {
    theme for themes in BARRIER_THEMES.values() for theme in themes
}

KIND_NAMES = {
    "ACI": "atelier et chantier d'insertion",
    "EI": "entreprise d'insertion",
    "ETTI": "entreprise de travail temporaire d'insertion",
    "AI": "association intermédiaire",
    "EITI": "entreprise d'insertion par le travail indépendant",
}
CONDITIONS = (
    "Être éligible à l'insertion par l'activité économique : diagnostic réalisé par un "
    "prescripteur habilité (France Travail, Mission locale, Cap emploi, Conseil "
    "départemental…) ou candidature examinée par la structure."
)


def _plain(text: str) -> str:
    parts = []
    for block in text_blocks(text):
        parts.append(block.text if block.kind == "paragraph" else " ; ".join(block.items) + ".")
    return " ".join(parts)


def _description(default: str, document: OffreDocument | None, prefixes: tuple[str, ...]) -> str:
    """The structure's own texts of these OS sections, else the default; 50–2000 chars."""
    texts = []
    if document is not None:
        texts = [
            _plain(s.text)
            for s in document.sections
            if s.text.strip() and any(s.key == p or s.key.startswith(p + ".") for p in prefixes)
        ]
    text = " ".join(t for t in texts if t) or default
    if len(text) < 50:
        text = f"{text} {default}".strip()
    if len(text) > 2000:
        text = text[:1997].rsplit(" ", 1)[0] + "…"
    return text


def _publics(structure) -> list[str]:
    flags = Parcours.objects.filter(structure=structure).values(
        "rsa", "ass", "aah", "deld", "detld", "qpv", "zrr", "rqth"
    )
    found = set()
    for f in flags:
        if f["rsa"] or f["ass"] or f["aah"]:
            found.add("beneficiaires-des-minimas-sociaux")
        if f["deld"] or f["detld"]:
            found.add("demandeurs-emploi")
        if f["qpv"] or f["zrr"]:
            found.add("residents-qpv-frr")
        if f["rqth"] or f["aah"]:
            found.add("personnes-en-situation-de-handicap")
    young = Parcours.objects.filter(
        structure=structure, person__birth_date__isnull=False
    ).values_list("hire_date", "person__birth_date")
    if any((hire - birth).days < 26 * 365.25 for hire, birth in young):
        found.add("jeunes")
    found.add("demandeurs-emploi")  # IAE hires people without a job, registered or not
    return sorted(found)


def _contact(structure) -> dict:
    data = {}
    if structure.address:
        data["adresse"] = structure.address
    if structure.city:
        data["commune"] = structure.city
    if re.fullmatch(r"\d{5}", structure.postcode or ""):
        data["code_postal"] = structure.postcode
    if structure.phone:
        data["telephone"] = structure.phone
    if structure.email:
        data["courriel"] = structure.email
    modes = []
    if structure.email:
        modes.append("envoyer-un-courriel")
    if structure.address:
        modes.append("se-presenter")
    if structure.phone:
        modes.append("telephoner")
    if modes:
        data["modes_mobilisation"] = modes
    if structure.departement_id:
        data["zone_eligibilite"] = [structure.departement.code]
    return data


def services_for(
    *, structure, document: OffreDocument | None = None, updated: dt.date
) -> list[dict]:
    """The structure's services (data·inclusion v1), from its OS texts and its data."""
    base_id = re.sub(r"[^A-Za-z0-9_-]+", "-", structure.identifier or str(structure.pk)).strip("-")
    kind = KIND_NAMES.get(structure.kind, "structure d'insertion par l'activité économique")
    common_fields = {
        "source": SOURCE,
        "structure_id": f"{SOURCE}--{base_id}",
        "date_maj": updated.isoformat(),
        "frais": "gratuit",
        "publics": _publics(structure),
        "publics_precisions": "Personnes sans emploi rencontrant des difficultés sociales et "
        "professionnelles particulières, éligibles à l'insertion par l'activité économique.",
        "conditions_acces": CONDITIONS,
        "modes_accueil": ["en-presentiel"],
        "mobilisable_par": ["professionnels", "usagers"],
        **_contact(structure),
    }
    services = [
        {
            **common_fields,
            "id": f"{SOURCE}--{base_id}--parcours-insertion",
            "nom": f"Emploi salarié et parcours d'insertion en {kind}",
            "description": _description(
                f"{structure.name} ({kind}) propose un emploi salarié en insertion, avec un "
                "encadrement technique au travail et un accompagnement vers l'emploi durable.",
                document,
                ("presentation", "axe1", "axe4"),
            ),
            "type": "accompagnement",
            "thematiques": list(PATHWAY_THEMES),
        }
    ]
    barriers = set(
        PlanBarrier.objects.filter(person__structure=structure).values_list("barrier", flat=True)
    )
    themes = [*ACCOMPANIMENT_THEMES]
    for key, mapped in BARRIER_THEMES.items():
        if key in barriers:
            themes += mapped
    services.append(
        {
            **common_fields,
            "id": f"{SOURCE}--{base_id}--accompagnement",
            "nom": "Accompagnement social et professionnel des salariés en insertion",
            "description": _description(
                "Chaque salarié en insertion est suivi par une conseillère ou un conseiller en "
                "insertion professionnelle : projet professionnel, démarches, levée des freins "
                "(mobilité, logement, santé, droits) avec les partenaires du territoire.",
                document,
                ("axe2",),
            ),
            "type": "accompagnement",
            "thematiques": themes,
        }
    )
    trains = TrainingAction.objects.filter(person__structure=structure).exists()
    has_axis3_text = document is not None and any(
        s.text.strip() for s in document.sections if s.key.split(".")[0] == "axe3"
    )
    if trains or has_axis3_text:
        services.append(
            {
                **common_fields,
                "id": f"{SOURCE}--{base_id}--formation",
                "nom": "Formation des salariés en insertion",
                "description": _description(
                    "Les salariés en insertion accèdent à des formations pendant leur contrat : "
                    "remise à niveau, sécurité, formations qualifiantes et certifiantes.",
                    document,
                    ("axe3",),
                ),
                "type": "formation",
                "thematiques": list(TRAINING_THEMES),
            }
        )
    return services


def validate_service(service: dict) -> list[str]:
    """What breaks the schema in one service, in French (empty when valid)."""
    errors = []
    name = service.get("id", "service sans identifiant")
    for field in ("source", "structure_id", "id", "nom", "description", "date_maj"):
        if not service.get(field):
            errors.append(f"{name} : le champ obligatoire « {field} » manque.")
    nom = service.get("nom", "")
    if nom and not (3 <= len(nom) <= 150 and not nom.endswith(".")):
        errors.append(f"{name} : « nom » doit faire 3 à 150 caractères sans point final.")
    description = service.get("description", "")
    if description and not 50 <= len(description) <= 2000:
        errors.append(f"{name} : « description » doit faire 50 à 2000 caractères.")
    try:
        dt.date.fromisoformat(service.get("date_maj", ""))
    except ValueError:
        errors.append(f"{name} : « date_maj » n'est pas une date AAAA-MM-JJ.")
    checks = (
        ("type", TYPES, False),
        ("frais", FRAIS, False),
        ("thematiques", THEMES, True),
        ("publics", PUBLICS, True),
        ("modes_accueil", MODES_ACCUEIL, True),
        ("modes_mobilisation", MODES_MOBILISATION, True),
        ("mobilisable_par", MOBILISABLE_PAR, True),
    )
    for field, allowed, many in checks:
        if field not in service:
            continue
        values = service[field] if many else [service[field]]
        if many and (not isinstance(values, list) or not values):
            errors.append(f"{name} : « {field} » doit être une liste non vide.")
            continue
        for value in values:
            if value not in allowed:
                errors.append(f"{name} : valeur « {value} » inconnue pour « {field} ».")
    if "code_postal" in service and not re.fullmatch(r"\d{5}", service["code_postal"]):
        errors.append(f"{name} : « code_postal » doit avoir 5 chiffres.")
    for code in service.get("zone_eligibilite", []):
        if not re.fullmatch(r"\d{2}|2A|2B|97\d|\d{5}|\d{9}|france", code):
            errors.append(f"{name} : code « {code} » invalide dans « zone_eligibilite ».")
    return errors
