"""The sections of an Offre de Services, in the order the seed's ETTI chose.

The presentation of the structure first, then the four axes of the circulaire DGEFP
2008-21, then the objectives. Each sub-section has prompts (questions that help write
it), adapted to the kind of SIAE where the seed shows a difference, and the keys of
the figures inserted from the structure's data (``jalons.offre.figures``).

An EITI employs nobody (docs/eiti.md): where a title or a prompt speaks of salariés,
of posts or of hiring, it has its own words (``titles_by_kind``, ``own_prompts``); the
parts keep the axes of the circulaire.
"""

from dataclasses import dataclass, field

SHORT = ("ETTI", "AI")  # short missions, the client at the centre
LONG = ("ACI", "EI", "EITI")  # longer pathways
SELF_EMPLOYED = ("EITI",)  # accompanies self-employed workers, employs nobody


@dataclass(frozen=True)
class CatalogueSection:
    key: str
    number: str
    title: str
    level: int = 2
    prompts: tuple[str, ...] = ()
    prompts_by_kind: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    figures: tuple[str, ...] = ()
    required: bool = False
    # For these kinds, this title instead of ``title``, these prompts instead of ``prompts``.
    titles_by_kind: dict[tuple[str, ...], str] = field(default_factory=dict)
    own_prompts: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    # Kinds of SIAE for which the section has no object (it is left out of their OS).
    excluded_kinds: tuple[str, ...] = ()

    def applies_to(self, kind: str) -> bool:
        return kind not in self.excluded_kinds

    def title_for(self, kind: str) -> str:
        return next((t for kinds, t in self.titles_by_kind.items() if kind in kinds), self.title)

    def prompts_for(self, kind: str) -> list[str]:
        base = next((ps for kinds, ps in self.own_prompts.items() if kind in kinds), self.prompts)
        extra = [p for kinds, ps in self.prompts_by_kind.items() if kind in kinds for p in ps]
        return [*base, *extra]


def _part(key, number, title, prompts=(), figures=(), titles_by_kind=None):
    return CatalogueSection(
        key,
        number,
        title,
        level=1,
        prompts=prompts,
        figures=figures,
        titles_by_kind=titles_by_kind or {},
    )


CATALOGUE: tuple[CatalogueSection, ...] = (
    _part("presentation", "P", "Présentation de la structure"),
    CatalogueSection(
        "presentation.identite",
        "P.1",
        "Identité",
        prompts=(
            "Nom, statut juridique, adresse, date de création, conventionnement.",
            "Qui dirige la structure et qui en est l'interlocuteur pour la DDETS ?",
        ),
        figures=("identite",),
        required=True,
    ),
    CatalogueSection(
        "presentation.projet",
        "P.2",
        "Projet social et projet d'insertion",
        prompts=(
            "Pourquoi la structure existe-t-elle ? Quelles personnes veut-elle accueillir ?",
            "Quelle idée du parcours d'insertion porte-t-elle (étapes, durée, sortie visée) ?",
        ),
        prompts_by_kind={
            SHORT: ("Comment la mise à l'emploi par des missions courtes sert-elle le parcours ?",),
            LONG: ("Comment le support d'activité construit-il un parcours à moyen terme ?",),
        },
        required=True,
    ),
    CatalogueSection(
        "presentation.historique",
        "P.3",
        "Historique",
        prompts=("Les grandes étapes : création, nouvelles activités, regroupements.",),
    ),
    CatalogueSection(
        "presentation.territoire",
        "P.4",
        "Territoire",
        prompts=(
            "Sur quel territoire intervenez-vous ? Quels besoins d'emploi y voyez-vous ?",
            "Comment le plan départemental d'insertion et les acteurs locaux vous situent-ils ?",
        ),
        required=True,
    ),
    CatalogueSection(
        "presentation.equipe",
        "P.5",
        "Équipe et encadrement",
        prompts=(
            "Qui accompagne (CIP), qui encadre (encadrants techniques), avec quel temps ?",
            "Comment l'équipe se coordonne-t-elle autour de chaque parcours ?",
        ),
        required=True,
    ),
    CatalogueSection(
        "presentation.activites",
        "P.6",
        "Activités",
        prompts=("Quels supports d'activité, quels métiers, quels postes de travail ?",),
        own_prompts={
            SELF_EMPLOYED: (
                "Quelles activités les travailleurs indépendants accompagnés exercent-ils "
                "(métiers, secteurs, clientèle) ?",
            )
        },
        figures=("etp",),
        required=True,
    ),
    CatalogueSection(
        "presentation.partenaires",
        "P.7",
        "Partenaires",
        prompts=("Prescripteurs, entreprises, organismes de formation, services sociaux.",),
    ),
    CatalogueSection(
        "presentation.financeurs",
        "P.8",
        "Financeurs",
        prompts=("Qui finance quoi (aide au poste, Département, PLIE, FSE+, communes) ?",),
        own_prompts={
            SELF_EMPLOYED: (
                "Qui finance quoi (aide de l'État par travailleur indépendant accompagné, "
                "Département, PLIE, FSE+, communes) ?",
            )
        },
        prompts_by_kind={
            ("ACI",): ("Quelle visibilité avez-vous sur vos financements à moyen terme ?",)
        },
        figures=("financements",),
    ),
    CatalogueSection(
        "presentation.qualite",
        "P.9",
        "Démarche qualité",
        prompts=(
            "Êtes-vous engagés dans une démarche qualité (CEDRE, autre) ? Où en êtes-vous ?",
            "Comment mesurez-vous et améliorez-vous la qualité de votre accompagnement ?",
        ),
    ),
    _part(
        "axe1",
        "1",
        "Axe 1 – Accueil et intégration en milieu de travail",
        titles_by_kind={SELF_EMPLOYED: "Axe 1 – Accueil et démarrage de l'activité indépendante"},
    ),
    CatalogueSection(
        "axe1.recrutement",
        "1.1",
        "Recrutement et liens avec les prescripteurs",
        prompts=(
            "Comment les personnes vous sont-elles orientées ? Avec quels prescripteurs "
            "travaillez-vous le plus, et comment ?",
            "Combien de personnes orientées sont réellement mises à l'emploi, et pourquoi "
            "les autres ne le sont-elles pas ?",
        ),
        own_prompts={
            SELF_EMPLOYED: (
                "Comment les personnes vous sont-elles orientées ? Avec quels prescripteurs "
                "travaillez-vous le plus, et comment ?",
                "Combien de personnes orientées entrent réellement en accompagnement, et "
                "pourquoi les autres n'y entrent-elles pas ?",
            )
        },
        prompts_by_kind={
            SHORT: (
                "Le recrutement suit les postes à pourvoir chez vos clients : comment "
                "conciliez-vous ce besoin avec l'accueil des publics prioritaires ?",
            )
        },
        figures=("orientations", "embauches"),
        required=True,
    ),
    CatalogueSection(
        "axe1.analyse_poste",
        "1.2",
        "Analyse des postes à pourvoir",
        titles_by_kind={SELF_EMPLOYED: "Analyse des projets d'activité"},
        prompts=("Comment décrivez-vous un poste avant de recruter (tâches, contraintes) ?",),
        own_prompts={
            SELF_EMPLOYED: (
                "Comment examinez-vous avec la personne son projet d'activité indépendante "
                "avant l'entrée (métier, clients possibles, conditions d'exercice) ?",
            )
        },
        prompts_by_kind={SHORT: ("Comment le client participe-t-il à l'analyse du poste ?",)},
    ),
    CatalogueSection(
        "axe1.grilles",
        "1.3",
        "Grilles de cotation des CV et d'entretien",
        prompts=(
            "Quels critères utilisez-vous pour examiner une candidature et conduire "
            "l'entretien ? Sont-ils partagés par toute l'équipe ?",
        ),
    ),
    CatalogueSection(
        "axe1.livret",
        "1.4",
        "Livret d'accueil",
        prompts=(
            "Que contient votre livret d'accueil ? Quand et par qui est-il remis ?",
            "Les partenaires (France Travail…) y ont-ils contribué ?",
        ),
        figures=("livret",),
    ),
    CatalogueSection(
        "axe1.profils",
        "1.5",
        "Profils de poste",
        titles_by_kind={SELF_EMPLOYED: "Profils de métier"},
        prompts=("Quels profils de poste avez-vous formalisés, pour quels métiers ?",),
        own_prompts={
            SELF_EMPLOYED: (
                "Quels profils de métier avez-vous formalisés pour les activités accompagnées "
                "(tâches, compétences, conditions d'exercice) ?",
            )
        },
        prompts_by_kind={
            SHORT: (
                "Une grille de critères partagée avec le client donne-t-elle une vision "
                "commune du parcours de l'intérimaire ?",
            )
        },
    ),
    CatalogueSection(
        "axe1.integration",
        "1.6",
        "Période d'intégration",
        prompts=("Comment se passent les premiers jours ? Qui vérifie que tout va bien ?",),
        prompts_by_kind={
            SHORT: (
                "Êtes-vous présents auprès du salarié lors d'une mission chez un nouveau "
                "client ? Comment suivez-vous la mission (téléphone, visite) ?",
                "Quels outils objectivent une difficulté avant que le client ne mette fin "
                "à la mission ?",
            )
        },
        required=True,
    ),
    _part("axe2", "2", "Axe 2 – Accompagnement social et professionnel"),
    CatalogueSection(
        "axe2.suivi",
        "2.1",
        "Suivi de l'intégration",
        prompts=(
            "Quel est le rythme des entretiens de suivi ? Qui les conduit ?",
            "Comment le plan d'accompagnement est-il construit avec le salarié ?",
        ),
        own_prompts={
            SELF_EMPLOYED: (
                "Quel est le rythme des entretiens de suivi ? Qui les conduit ?",
                "Comment le plan d'accompagnement est-il construit avec le travailleur "
                "indépendant ?",
                "Comment les déclarations mensuelles (chiffre d'affaires, heures d'activité) "
                "nourrissent-elles le suivi ?",
            )
        },
        figures=("accompagnement_modalite",),
        required=True,
    ),
    CatalogueSection(
        "axe2.competences",
        "2.2",
        "Repérer et évaluer les compétences",
        prompts=("Comment repérez-vous les compétences acquises (titres professionnels, CCP) ?",),
        prompts_by_kind={
            SHORT: ("Comment impliquez-vous l'entreprise cliente dans l'évaluation ?",)
        },
    ),
    CatalogueSection(
        "axe2.documents",
        "2.3",
        "Documents remis au salarié",
        titles_by_kind={SELF_EMPLOYED: "Documents remis au travailleur indépendant"},
        prompts=(
            "Que remettez-vous au salarié pendant et à la fin du parcours (CV, attestation "
            "de compétences, bilan) ?",
        ),
        own_prompts={
            SELF_EMPLOYED: (
                "Que remettez-vous au travailleur indépendant pendant et à la fin de "
                "l'accompagnement (CV, attestation de compétences, bilan) ?",
            )
        },
    ),
    CatalogueSection(
        "axe2.social",
        "2.4",
        "Accompagnement social",
        prompts=(
            "Sur quels freins travaillez-vous le plus (logement, mobilité, santé…) ?",
            "Beaucoup d'actions sont quotidiennes (appel, CPAM, rendez-vous) : comment les "
            "rendez-vous visibles ?",
        ),
        figures=("accompagnement_freins",),
        required=True,
    ),
    CatalogueSection(
        "axe2.coordination",
        "2.5",
        "Coordination avec les référents extérieurs",
        prompts=(
            "Avec quels référents (RSA, SPIP, assistante sociale) travaillez-vous, et "
            "comment partagez-vous le suivi ?",
        ),
    ),
    _part(
        "axe3",
        "3",
        "Axe 3 – Formation des salariés",
        titles_by_kind={
            SELF_EMPLOYED: "Axe 3 – Formation des travailleurs indépendants accompagnés"
        },
    ),
    CatalogueSection(
        "axe3.plan",
        "3.1",
        "Plan de formation",
        prompts=(
            "Quelles formations prévoyez-vous cette année, pour qui, avec quel financement ?",
        ),
        figures=("formation",),
        required=True,
    ),
    CatalogueSection(
        "axe3.professionnalisation",
        "3.2",
        "Contrats de professionnalisation",
        prompts=("Utilisez-vous les contrats de professionnalisation ? Avec quels organismes ?",),
        prompts_by_kind={SHORT: ("Combien de contrats de professionnalisation cette année ?",)},
        # A contract of employment: the EITI employs nobody (docs/eiti.md).
        excluded_kinds=SELF_EMPLOYED,
    ),
    CatalogueSection(
        "axe3.cipi",
        "3.3",
        "Formations internes",
        prompts=("Quelles actions de formation en interne ou d'intégration proposez-vous ?",),
        # The contrat d'insertion professionnelle intérimaire exists in temporary work only.
        titles_by_kind={("ETTI",): "CIPI et formations internes"},
    ),
    CatalogueSection(
        "axe3.savoirs_base",
        "3.4",
        "Savoirs de base",
        prompts=("Comment repérez-vous et traitez-vous l'illettrisme et le besoin de FLE ?",),
        prompts_by_kind={("ACI",): ("Le chantier sert-il de support aux savoirs de base ?",)},
    ),
    CatalogueSection(
        "axe3.qualifiante",
        "3.5",
        "Formations qualifiantes",
        prompts=("Quelles formations qualifiantes ou certifiantes vos salariés suivent-ils ?",),
        own_prompts={
            SELF_EMPLOYED: (
                "Quelles formations qualifiantes ou certifiantes les travailleurs "
                "indépendants accompagnés suivent-ils ?",
            )
        },
    ),
    CatalogueSection(
        "axe3.freins",
        "3.6",
        "Freins à la formation",
        prompts=(
            "Qu'est-ce qui empêche vos salariés de se former (financement, calendrier, "
            "mobilité, niveau) ? Quelles pistes voyez-vous ?",
        ),
        own_prompts={
            SELF_EMPLOYED: (
                "Qu'est-ce qui empêche les travailleurs indépendants accompagnés de se former "
                "(financement, temps pris sur l'activité, calendrier, mobilité, niveau) ? "
                "Quelles pistes voyez-vous ?",
            )
        },
    ),
    _part("axe4", "4", "Axe 4 – Activité économique"),
    CatalogueSection(
        "axe4.commercial",
        "4.1",
        "Dimension commerciale",
        prompts=("Comment trouvez-vous vos marchés et vos clients ? Qui s'en charge ?",),
        prompts_by_kind={
            ("ACI",): (
                "Même sans but lucratif, votre activité a des clients et des commanditaires : "
                "lesquels, et que leur apportez-vous ?",
            ),
            SHORT: ("Le client est au centre : comment le fidélisez-vous ?",),
            SELF_EMPLOYED: (
                "Comment mettez-vous les travailleurs indépendants accompagnés en relation "
                "avec des clients ?",
            ),
        },
        required=True,
    ),
    CatalogueSection(
        "axe4.clients",
        "4.2",
        "Clients",
        prompts=("Qui sont vos clients (entreprises, collectivités, particuliers) ?",),
    ),
    CatalogueSection(
        "axe4.modele",
        "4.3",
        "Modèle économique",
        prompts=("Part des recettes d'activité et des aides ; coût d'un parcours ; équilibre.",),
        required=True,
    ),
    CatalogueSection(
        "axe4.gestion",
        "4.4",
        "Outils de gestion",
        prompts=("Tableau de bord, comptes de résultat, coût de revient, plan de financement.",),
    ),
    CatalogueSection(
        "axe4.partenariats",
        "4.5",
        "Partenariats territoriaux",
        prompts=(
            "Avec qui développez-vous l'emploi sur le territoire (clauses sociales, GEIQ…) ?",
        ),
    ),
    _part(
        "objectifs",
        "5",
        "Objectifs et indicateurs",
        prompts=(
            "Commentez vos résultats : ce qui a marché, ce qui a manqué, et pourquoi.",
            "Quels objectifs proposez-vous pour l'année qui vient ?",
        ),
        figures=("sorties", "taux", "suivis"),
    ),
)

BY_KEY = {s.key: s for s in CATALOGUE}
# Parts without prompts are headings only; every other section has a text.
WRITABLE = tuple(s for s in CATALOGUE if s.level == 2 or s.prompts)
WRITABLE_KEYS = frozenset(s.key for s in WRITABLE)
REQUIRED_KEYS = tuple(s.key for s in CATALOGUE if s.required)


def catalogue_for(kind: str) -> tuple[CatalogueSection, ...]:
    """The sections of the OS of a structure of this kind, in order."""
    return tuple(s for s in CATALOGUE if s.applies_to(kind))


def writable_for(kind: str) -> tuple[CatalogueSection, ...]:
    return tuple(s for s in WRITABLE if s.applies_to(kind))


def section_title(key: str, kind: str = "") -> str:
    """« 2.3 Documents remis au salarié », in the words of the kind when it is given."""
    section = BY_KEY.get(key)
    return f"{section.number} {section.title_for(kind)}" if section else key


def section_choices() -> list[tuple[str, str]]:
    return [(s.key, section_title(s.key)) for s in CATALOGUE]


# Version of this catalogue, recorded in the trace of every submitted version.
# 2: titles and prompts of their own for an EITI.
# 3: no contrats de professionnalisation for an EITI; the CIPI named in an ETTI only.
CATALOGUE_VERSION = "3"
