"""The livret d'accueil: its editable sections, their default texts, and writes."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.audit.services import audited_save, snapshot
from jalons.documents.models import LivretSection


@dataclass(frozen=True)
class SectionDefault:
    key: str
    title: str
    help: str
    text: str


# Default texts, in plain words, for every SIAE; each structure adapts them.
DEFAULTS = [
    SectionDefault(
        "bienvenue",
        "Bienvenue",
        "Le mot d'accueil, en tête du livret.",
        "Bienvenue parmi nous. Vous rejoignez une structure d'insertion par l'activité "
        "économique : vous êtes salarié·e, avec un contrat de travail et un salaire, et vous "
        "êtes accompagné·e pour construire la suite de votre parcours professionnel.\n"
        "Ce livret vous présente l'équipe, ce que nous vous proposons, vos droits et vos "
        "devoirs. Gardez-le : il répond aux questions des premiers jours.",
    ),
    SectionDefault(
        "offre_accueil",
        "Votre accueil et votre intégration au travail",
        "Axe 1 de l'Offre de Services : accueil et intégration en milieu de travail.",
        "Les premiers jours, une personne de l'équipe vous présente les lieux, les horaires, "
        "les consignes de sécurité et vos collègues. Un entretien d'accueil fait le point sur "
        "votre situation et vos attentes. Votre encadrant·e technique vous forme à votre poste.",
    ),
    SectionDefault(
        "offre_accompagnement",
        "Votre accompagnement social et professionnel",
        "Axe 2 : accompagnement social et professionnel.",
        "Un·e conseiller·ère en insertion professionnelle (CIP) vous reçoit régulièrement en "
        "entretien individuel. Ensemble, vous faites le point sur ce qui peut freiner votre "
        "retour à l'emploi (logement, mobilité, santé, démarches administratives…) et sur votre "
        "projet professionnel. Nous travaillons avec des partenaires (France Travail, services "
        "sociaux, organismes de formation…) quand c'est utile.",
    ),
    SectionDefault(
        "offre_formation",
        "Vos formations",
        "Axe 3 : formation des salariés.",
        "Vous pouvez apprendre en travaillant et suivre des formations : savoirs de base, "
        "sécurité, permis, formations qualifiantes. Votre CIP vous aide à les choisir et à "
        "préparer votre entrée en formation. Vos compétences sont évaluées avec vous et "
        "peuvent faire l'objet d'une attestation.",
    ),
    SectionDefault(
        "offre_activite",
        "Votre travail",
        "Axe 4 : l'activité économique, le travail proposé.",
        "Votre travail est un vrai travail, pour de vrais clients. Il vous permet d'acquérir "
        "une expérience, des gestes professionnels et des références à faire valoir auprès "
        "d'un futur employeur.",
    ),
    SectionDefault(
        "droits",
        "Vos droits",
        "Droits du salarié : contrat, salaire, congés, représentation, confidentialité.",
        "Vous avez un contrat de travail et recevez un bulletin de salaire chaque mois. Vous "
        "avez droit aux congés payés, à la médecine du travail et aux mêmes droits que les "
        "autres salarié·es. Ce que vous confiez à votre CIP reste confidentiel. Vous pouvez "
        "demander à consulter les informations que nous gardons sur vous.",
    ),
    SectionDefault(
        "devoirs",
        "Vos engagements",
        "Devoirs du salarié : horaires, absences, sécurité, respect.",
        "Respecter les horaires et prévenir le plus tôt possible en cas d'absence ou de "
        "retard, avec un justificatif. Respecter les consignes de sécurité et porter les "
        "équipements de protection fournis. Respecter les collègues, les clients et le "
        "matériel. Venir aux entretiens d'accompagnement.",
    ),
    SectionDefault(
        "contacts",
        "Qui contacter ?",
        "Qui appeler pour une absence, une question sur le salaire, une difficulté.",
        "Pour une absence ou un retard : votre encadrant·e technique ou l'accueil de la "
        "structure.\nPour une question sur votre contrat ou votre salaire : la direction.\n"
        "Pour une difficulté personnelle, une démarche ou votre projet : votre CIP.",
    ),
    SectionDefault(
        "pratique",
        "Informations pratiques",
        "Horaires, accès, repas, tenue de travail…",
        "Les horaires, le lieu de rendez-vous, la tenue de travail et les repas vous sont "
        "précisés à votre arrivée. N'hésitez pas à poser vos questions.",
    ),
]
SECTION_TITLES = {d.key: d.title for d in DEFAULTS}


@dataclass(frozen=True)
class LivretText:
    key: str
    title: str
    help: str
    text: str
    is_default: bool

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.splitlines() if p.strip()]


def livret_texts(*, structure) -> list[LivretText]:
    """Each section's text for the structure: its own, else the default."""
    own = dict(LivretSection.objects.filter(structure=structure).values_list("key", "body"))
    return [
        LivretText(d.key, d.title, d.help, own.get(d.key) or d.text, d.key not in own)
        for d in DEFAULTS
    ]


@transaction.atomic
def livret_sections_update(*, request, role: str, structure, texts: dict[str, str]) -> None:
    """Store the texts that differ from the defaults; an emptied text goes back to default."""
    defaults = {d.key: d.text for d in DEFAULTS}
    unknown = set(texts) - set(defaults)
    if unknown:
        raise ValidationError(f"Rubriques inconnues : {', '.join(sorted(unknown))}.")
    existing = {s.key: s for s in LivretSection.objects.filter(structure=structure)}
    for key, text in texts.items():
        text = (text or "").strip().replace("\r\n", "\n")
        section = existing.get(key)
        if not text or text == defaults[key]:
            if section is not None:
                from jalons.audit.services import audited_delete

                audited_delete(request=request, role=role, structure=structure, obj=section)
            continue
        before = snapshot(section) if section else None
        section = section or LivretSection(structure=structure, key=key)
        section.body = text
        audited_save(request=request, role=role, structure=structure, obj=section, before=before)
