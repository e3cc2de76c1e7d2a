"""The livret d'accueil: its editable sections, their default texts, and writes."""

from dataclasses import dataclass, replace

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.accounts.models import Role, StructureMembership
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
# The same sections for an EITI, which employs nobody (docs/eiti.md): the person keeps
# running their own business and signs a contrat d'accompagnement of 24 months at most.
SELF_EMPLOYED_DEFAULTS = [
    SectionDefault(
        "bienvenue",
        "Bienvenue",
        "Le mot d'accueil, en tête du livret.",
        "Bienvenue parmi nous. Vous rejoignez une entreprise d'insertion par le travail "
        "indépendant (EITI) : vous travaillez à votre compte, le plus souvent en "
        "micro-entreprise, et nous vous accompagnons pour développer votre activité. Nous ne "
        "sommes pas votre employeur : nous signons avec vous un contrat d'accompagnement, "
        "de 24 mois au plus.\n"
        "Ce livret vous présente l'équipe, ce que nous vous proposons, vos droits et vos "
        "engagements. Gardez-le : il répond aux questions des premiers jours.",
    ),
    SectionDefault(
        "offre_accueil",
        "Votre accueil et le début de l'accompagnement",
        "Axe 1 de l'Offre de Services : accueil et intégration.",
        "À votre arrivée, un entretien d'accueil fait le point sur votre situation, votre "
        "activité et vos attentes. Nous signons ensemble le contrat d'accompagnement : il "
        "indique sa date de début et sa date de fin prévue, 24 mois au plus tard. Si votre "
        "entreprise est déjà immatriculée, nous notons son numéro SIRET.",
    ),
    SectionDefault(
        "offre_accompagnement",
        "Votre accompagnement social et professionnel",
        "Axe 2 : accompagnement social et professionnel.",
        "Un·e conseiller·ère vous reçoit régulièrement en entretien individuel. Ensemble, "
        "vous travaillez sur ce qui freine votre activité (logement, mobilité, santé, "
        "démarches administratives…), sur la recherche de clients et sur les compétences "
        "dont vous avez besoin pour vivre de votre activité. Nous travaillons avec des "
        "partenaires (France Travail, services sociaux, organismes de formation…) quand "
        "c'est utile.",
    ),
    SectionDefault(
        "offre_formation",
        "Vos formations",
        "Axe 3 : formation des travailleurs indépendants accompagnés.",
        "Vous pouvez suivre des formations utiles à votre activité : gestion de votre "
        "entreprise, devis et factures, sécurité, savoirs de base, gestes de votre métier. "
        "Votre conseiller·ère vous aide à les choisir et à préparer votre entrée en "
        "formation. Vos compétences sont évaluées avec vous et peuvent faire l'objet d'une "
        "attestation.",
    ),
    SectionDefault(
        "offre_activite",
        "Votre activité",
        "Axe 4 : l'activité économique, la mise en relation avec des clients.",
        "Vous travaillez pour vos propres clients : vous établissez vos devis et vos "
        "factures, et ce sont vos clients qui vous paient. Nous vous mettons en relation "
        "avec des clients et vous aidons à en trouver d'autres.\n"
        "Chaque mois, vous nous déclarez le chiffre d'affaires et les heures d'activité du "
        "mois : ils nous permettent de suivre avec vous le développement de votre activité.",
    ),
    SectionDefault(
        "droits",
        "Vos droits",
        "Droits de la personne accompagnée : contrat d'accompagnement, statut "
        "d'indépendant, confidentialité.",
        "Le contrat d'accompagnement dit ce que nous vous apportons et jusqu'à quand (24 mois "
        "au plus). Vous restez à la tête de votre entreprise : vos revenus viennent de votre "
        "chiffre d'affaires, et vous décidez de vos clients, de vos prix et de votre temps "
        "de travail.\n"
        "Comme tout travailleur ou travailleuse indépendant·e, vous déclarez votre chiffre "
        "d'affaires à l'URSSAF et payez vos cotisations sociales, qui financent votre "
        "protection sociale (santé, retraite). "
        "Selon votre métier, une assurance professionnelle peut être obligatoire : nous "
        "vérifions avec vous ce qui vous concerne.\n"
        "Ce que vous confiez à votre conseiller·ère reste confidentiel. Vous pouvez demander "
        "à consulter les informations que nous gardons sur vous.",
    ),
    SectionDefault(
        "devoirs",
        "Vos engagements",
        "Engagements de la personne accompagnée : rendez-vous, déclarations mensuelles, "
        "obligations de son entreprise.",
        "Venir aux rendez-vous d'accompagnement et prévenir le plus tôt possible si vous ne "
        "pouvez pas venir. Nous déclarer chaque mois votre chiffre d'affaires et vos heures "
        "d'activité. Faire vos déclarations à l'URSSAF et garder vos factures. Respecter vos "
        "clients, les règles de votre métier et les consignes de sécurité là où vous "
        "travaillez.",
    ),
    SectionDefault(
        "contacts",
        "Qui contacter ?",
        "Qui appeler pour un rendez-vous, une question sur le contrat, une difficulté.",
        "Pour déplacer un rendez-vous : votre conseiller·ère ou l'accueil de la structure.\n"
        "Pour une question sur votre contrat d'accompagnement ou vos déclarations mensuelles : "
        "la direction.\n"
        "Pour une difficulté personnelle, une démarche, la recherche de clients : votre "
        "conseiller·ère.",
    ),
    SectionDefault(
        "pratique",
        "Informations pratiques",
        "Horaires d'accueil, accès, rendez-vous…",
        "Les horaires d'accueil, le lieu des rendez-vous et la façon de nous transmettre vos "
        "déclarations mensuelles vous sont précisés à votre arrivée. N'hésitez pas à poser "
        "vos questions.",
    ),
]
SECTION_TITLES = {d.key: d.title for d in DEFAULTS}


# The defaults send the person to a CIP (« conseiller·ère » in an EITI). A structure
# with no CIP on its team names instead whoever accompanies there ({who}, {Who} at the
# start of a sentence): the phrases replaced, by kind ("" for all but the EITI) and
# section.
WITHOUT_CIP = {
    "": {
        "offre_accompagnement": [
            (
                "Un·e conseiller·ère en insertion professionnelle (CIP) vous reçoit",
                "{Who} vous reçoit",
            )
        ],
        "offre_formation": [("Votre CIP vous aide", "{Who} vous aide")],
        "droits": [("Ce que vous confiez à votre CIP reste", "Ce que vous confiez à {who} reste")],
        "contacts": [("ou votre projet : votre CIP.", "ou votre projet : {who}.")],
    },
    "EITI": {
        "offre_accompagnement": [("Un·e conseiller·ère vous reçoit", "{Who} vous reçoit")],
        "offre_formation": [("Votre conseiller·ère vous aide", "{Who} vous aide")],
        "droits": [
            (
                "Ce que vous confiez à votre conseiller·ère reste",
                "Ce que vous confiez à {who} reste",
            )
        ],
        "contacts": [
            ("rendez-vous : votre conseiller·ère ou l'accueil", "rendez-vous : {who} ou l'accueil"),
            ("la recherche de clients : votre conseiller·ère.", "la recherche de clients : {who}."),
        ],
    },
}


def accompanied_by(*, structure) -> str | None:
    """Who accompanies the person when no CIP is on the team: « la direction » when it
    is on it, else « la personne qui vous accompagne ». None with a CIP, or with nobody
    on the team (nothing known: the usual texts)."""
    roles = set(
        StructureMembership.objects.filter(
            structure=structure, role__in=[Role.DIRECTION, Role.CIP, Role.ENCADRANT]
        ).values_list("role", flat=True)
    )
    if not roles or Role.CIP in roles:
        return None
    return "la direction" if Role.DIRECTION in roles else "la personne qui vous accompagne"


def defaults_for(kind: str, who: str | None = None) -> list[SectionDefault]:
    """The default texts for a structure of this kind: an EITI's speak of
    self-employed workers, the others' of salariés. ``who`` (``accompanied_by``): the
    texts name them instead of a CIP."""
    defaults = SELF_EMPLOYED_DEFAULTS if kind == "EITI" else DEFAULTS
    if not who:
        return defaults
    words = {"who": who, "Who": who[:1].upper() + who[1:]}
    replacements = WITHOUT_CIP["EITI" if kind == "EITI" else ""]
    adapted = []
    for d in defaults:
        text = d.text
        for old, new in replacements.get(d.key, []):
            text = text.replace(old, new.format(**words))
        adapted.append(replace(d, text=text))
    return adapted


def structure_defaults(*, structure) -> list[SectionDefault]:
    """The default texts proposed to this structure, in the words of its team."""
    return defaults_for(structure.kind, accompanied_by(structure=structure))


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
        for d in structure_defaults(structure=structure)
    ]


@transaction.atomic
def livret_sections_update(*, actor, structure, texts: dict[str, str]) -> None:
    """Store the texts that differ from the defaults; an emptied text goes back to default."""
    defaults = {d.key: d.text for d in structure_defaults(structure=structure)}
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

                audited_delete(actor=actor, structure=structure, obj=section)
            continue
        before = snapshot(section) if section else None
        section = section or LivretSection(structure=structure, key=key)
        section.body = text
        audited_save(actor=actor, structure=structure, obj=section, before=before)
