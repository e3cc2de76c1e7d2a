"""What Jalons can publish on data·inclusion: the services of a SIAE and the labels of
the schema's enumerations it uses (``data-inclusion-schema`` 1.0.10, copied here so that
the application does not need the package; the tests compare them to the package)."""

from dataclasses import dataclass

from jalons.offre.models import PublicServiceKind

AUDIENCES = {
    "demandeurs-emploi": "Demandeurs d’emploi",
    "beneficiaires-des-minimas-sociaux": "Bénéficiaires des minimas sociaux",
    "jeunes": "Jeunes",
    "seniors": "Séniors",
    "femmes": "Femmes",
    "familles": "Familles",
    "personnes-en-situation-de-handicap": "Personnes en situation de handicap",
    "personnes-en-situation-durgence": "Personnes en situation d’urgence",
    "personnes-en-situation-juridique-specifique": "Personnes en situation juridique spécifique",
    "personnes-exilees": "Personnes exilées",
    "residents-qpv-frr": "Résidents en QPV ou FRR",
    "actifs": "Actifs",
    "etudiants": "Étudiants",
}
DEFAULT_AUDIENCES = ("demandeurs-emploi", "beneficiaires-des-minimas-sociaux")
THEMES = {
    "trouver-un-emploi--repondre-a-des-offres-demploi": "Répondre à des offres d’emploi",
    "trouver-un-emploi--maintien-dans-lemploi": "Maintien dans l’emploi",
    "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite": (
        "Découvrir un métier ou un secteur d’activité"
    ),
    "choisir-un-metier--identifier-ses-points-forts-et-ses-competences": (
        "Identifier ses points forts et ses compétences"
    ),
    "choisir-un-metier--confirmer-son-choix-de-metier": "Confirmer son choix de métier",
    "preparer-sa-candidature--valoriser-ses-competences": "Valoriser ses compétences",
    "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi": (
        "Organiser ses démarches de recherche d’emploi"
    ),
    "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation": (
        "Réaliser un CV et/ou une lettre de motivation"
    ),
    "creer-une-entreprise--definir-son-projet-de-creation-dentreprise": (
        "Définir son projet de création d’entreprise"
    ),
    "creer-une-entreprise--developper-son-entreprise": "Développer son entreprise",
    "remobilisation--bien-etre-confiance-en-soi": "Bien-être et confiance en soi",
    "remobilisation--lien-social": "Lien social",
    "mobilite--etre-accompagne-dans-son-parcours-mobilite": (
        "Être accompagné dans son parcours mobilité"
    ),
    "mobilite--preparer-un-permis": "Préparer un permis",
    "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement": (
        "S’informer sur les démarches liées à l’accès au logement"
    ),
    "sante--acces-aux-soins": "Accès aux soins",
    "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives": (
        "Accompagnement aux démarches administratives"
    ),
    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits": (
        "Accompagnement pour l’accès aux droits"
    ),
    "difficultes-financieres--situation-dendettement-surendettement": (
        "Situation d’endettement ou de surendettement"
    ),
    "famille--garde-denfants": "Garde d’enfants",
    "lecture-ecriture-calcul--maitriser-le-francais": "Maîtriser le français",
    "lecture-ecriture-calcul--maitriser-le-calcul": "Maîtriser le calcul",
    "numerique--maitriser-les-fondamentaux-du-numerique": (
        "Maîtriser les fondamentaux du numérique"
    ),
    "se-former--trouver-sa-formation": "Trouver sa formation",
    "se-former--monter-son-dossier-de-formation": "Monter son dossier de formation",
}
TYPES = {"accompagnement": "Accompagnement", "formation": "Formation"}
MOBILISATION = {
    "telephoner": "Téléphoner",
    "envoyer-un-courriel": "Envoyer un courriel",
    "se-presenter": "Se présenter",
}
RESEAUX = {"ACI": "aci", "EI": "ei", "ETTI": "etti", "AI": "ai", "EITI": "eiti"}
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
AUDIENCE_DETAILS = (
    "Personnes sans emploi rencontrant des difficultés sociales et professionnelles "
    "particulières, éligibles à l'insertion par l'activité économique."
)


@dataclass(frozen=True)
class ServiceSpec:
    """A service Jalons can publish: its kind, name, type, and themes on offer."""

    kind: str
    type: str
    themes: tuple[str, ...]
    default_themes: tuple[str, ...]
    required: bool = False

    def name(self, structure_kind: str) -> str:
        worker = "travailleurs indépendants" if structure_kind == "EITI" else "salariés"
        if self.kind == PublicServiceKind.PARCOURS:
            if structure_kind == "EITI":
                return "Parcours d'insertion par le travail indépendant accompagné"
            kind = KIND_NAMES.get(structure_kind, "structure d'insertion")
            return f"Emploi salarié et parcours d'insertion en {kind}"
        if self.kind == PublicServiceKind.ACCOMPAGNEMENT:
            return f"Accompagnement social et professionnel des {worker} en insertion"
        return f"Formation des {worker} en insertion"

    def label(self) -> str:
        return PublicServiceKind(self.kind).label


# Thématique families (the part before ``--``) offered for each service.
PATHWAY_FAMILIES = {
    "trouver-un-emploi", "choisir-un-metier", "preparer-sa-candidature", "creer-une-entreprise",
    "remobilisation",
}  # fmt: skip
ACCOMPANIMENT_FAMILIES = {
    "preparer-sa-candidature", "mobilite", "logement-hebergement", "sante", "famille",
    "difficultes-administratives-ou-juridiques", "difficultes-financieres",
    "lecture-ecriture-calcul", "numerique",
}  # fmt: skip
MODE_OF_CONTACT = {"telephone": "telephoner", "courriel": "envoyer-un-courriel"}


def _themes(families: set[str]) -> tuple[str, ...]:
    return tuple(theme for theme in THEMES if theme.split("--")[0] in families)


SERVICES = (
    ServiceSpec(
        kind=PublicServiceKind.PARCOURS,
        type="accompagnement",
        themes=_themes(PATHWAY_FAMILIES),
        default_themes=(
            "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
            "choisir-un-metier--identifier-ses-points-forts-et-ses-competences",
            "preparer-sa-candidature--valoriser-ses-competences",
            "trouver-un-emploi--repondre-a-des-offres-demploi",
        ),
        required=True,
    ),
    ServiceSpec(
        kind=PublicServiceKind.ACCOMPAGNEMENT,
        type="accompagnement",
        themes=_themes(ACCOMPANIMENT_FAMILIES),
        default_themes=(
            "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
            "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
        ),
    ),
    ServiceSpec(
        kind=PublicServiceKind.FORMATION,
        type="formation",
        themes=(
            "se-former--trouver-sa-formation",
            "se-former--monter-son-dossier-de-formation",
            "lecture-ecriture-calcul--maitriser-le-francais",
            "lecture-ecriture-calcul--maitriser-le-calcul",
            "numerique--maitriser-les-fondamentaux-du-numerique",
        ),
        default_themes=(
            "se-former--trouver-sa-formation",
            "se-former--monter-son-dossier-de-formation",
        ),
    ),
)
SPECS = {spec.kind: spec for spec in SERVICES}
