"""Texts of the demo Offres de Services, drawn from the seed's meeting reports.

``COMMON`` fits every structure; ``BY_KIND`` replaces a section for one kind of SIAE
(ETTI: the client at the centre, CV, contrats de professionnalisation and CIPI; ACI:
the chantier, savoirs de base, a commercial axis that is hard to put forward; AI:
missions with individuals and the weight of external partners...).
"""

COMMON = {
    "presentation.identite": (
        "{name} est une structure d'insertion par l'activité économique ({kind_label}), "
        "conventionnée par l'État dans le département {departement}. Elle est portée par "
        "{organisation}.\n\n"
        "Interlocuteur de la DDETS : la direction, joignable {phone}."
    ),
    "presentation.projet": (
        "Notre projet social : remettre au travail des personnes que le marché du travail "
        "écarte, avec un vrai contrat et un vrai salaire, et les accompagner jusqu'à un emploi "
        "durable ou une formation qualifiante.\n\n"
        "Le parcours d'insertion se construit avec la personne : accueil, mise en situation de "
        "travail, levée des freins, projet professionnel, sortie préparée."
    ),
    "presentation.historique": (
        "Créée par des bénévoles du territoire, la structure s'est professionnalisée au fil "
        "des conventionnements successifs. La formalisation de l'offre de services a mobilisé "
        "toute l'équipe sur un projet fédérateur."
    ),
    "presentation.territoire": (
        "Nous intervenons sur un bassin d'emploi marqué par le chômage de longue durée. Les "
        "besoins de main-d'œuvre existent (logistique, propreté, espaces verts, bâtiment) mais "
        "les personnes que nous accueillons en sont éloignées.\n\n"
        "Notre offre fait écho au programme départemental d'insertion."
    ),
    "presentation.equipe": (
        "- Une directrice, qui porte aussi le développement de l'activité\n"
        "- Une conseillère en insertion professionnelle (CIP) à temps plein\n"
        "- Des encadrants techniques, présents chaque jour avec les salariés\n\n"
        "Une réunion d'équipe hebdomadaire fait le point sur chaque parcours."
    ),
    "presentation.activites": (
        "Nos supports d'activité et nos postes sont décrits dans les profils de poste ; les "
        "ETP conventionnés figurent ci-dessous."
    ),
    "presentation.partenaires": (
        "France Travail, la mission locale, le Conseil départemental (référents RSA), le PLIE, "
        "le SPIP, des organismes de formation et des entreprises du territoire."
    ),
    "presentation.financeurs": (
        "L'aide au poste de l'État, complétée par le Conseil départemental et le PLIE. Nous "
        "demandons une visibilité pluriannuelle sur ces financements."
    ),
    "presentation.qualite": (
        "Nous nous inspirons du référentiel CEDRE : rendre la personne actrice de son "
        "parcours, structurer l'accompagnement, rendre compte de notre activité avec un cadre "
        "commun et améliorer en continu la qualité de nos services."
    ),
    "axe1.recrutement": (
        "Les personnes nous sont orientées par les prescripteurs habilités ; nous les recevons "
        "toutes en entretien. Le ratio entre personnes orientées et personnes mises à l'emploi "
        "est suivi chaque trimestre avec les prescripteurs."
    ),
    "axe1.analyse_poste": (
        "Chaque poste est décrit avant le recrutement : tâches, contraintes physiques, horaires, "
        "compétences attendues et ce que le poste permet d'apprendre."
    ),
    "axe1.grilles": (
        "Nous utilisons une grille de cotation des CV et une grille d'entretien communes à "
        "l'équipe, issues de la boîte à outils du réseau."
    ),
    "axe1.livret": (
        "Le livret d'accueil est remis le premier jour par la CIP, qui le parcourt avec le "
        "salarié : l'équipe, les droits et devoirs, l'accompagnement, la sécurité."
    ),
    "axe1.integration": (
        "Le premier jour, l'encadrant présente le poste et les consignes de sécurité ; un point "
        "est fait avec la CIP à la fin de la première semaine et du premier mois."
    ),
    "axe2.suivi": (
        "Un entretien individuel au moins par mois avec la CIP ; un plan d'accompagnement "
        "(freins, objectifs, actions) construit avec le salarié et revu à chaque bilan."
    ),
    "axe2.competences": (
        "Les compétences sont repérées à partir des titres professionnels du ministère chargé "
        "de l'emploi et de leurs blocs (CCP), évaluées par l'encadrant et partagées avec le "
        "salarié."
    ),
    "axe2.documents": (
        "- Une attestation de compétences à chaque bilan\n"
        "- Un projet de CV mis à jour avec la CIP\n"
        "- Le livret d'accueil"
    ),
    "axe2.social": (
        "L'accompagnement social est une réalité quotidienne qui reste à rendre visible : "
        "appels, démarches à la CPAM, rendez-vous avec l'assistante sociale. Nous enregistrons "
        "désormais le temps passé, frein par frein."
    ),
    "axe2.coordination": (
        "Les référents extérieurs (RSA, SPIP, conseillers France Travail) sont associés aux "
        "bilans ; le temps passé avec eux est compté dans l'accompagnement."
    ),
    "axe3.plan": (
        "Le plan de formation est construit à partir des bilans. Nous comptons aussi le travail "
        "de préparation à l'entrée en formation, et pas seulement les entrées effectives."
    ),
    "axe3.savoirs_base": (
        "Les besoins en savoirs de base et en français langue étrangère sont repérés à l'accueil "
        "et orientés vers les ateliers du territoire."
    ),
    "axe3.qualifiante": (
        "Nous visons au moins une formation qualifiante ou certifiante par an pour les "
        "salariés dont le projet est mûr."
    ),
    "axe3.freins": (
        "Les clés de la formation restent difficiles à mobiliser : calendriers des organismes, "
        "financements, mobilité, et un niveau de départ parfois trop bas pour les prérequis."
    ),
    "axe4.commercial": (
        "La direction porte la relation avec les clients et les donneurs d'ordre ; les devis et "
        "le suivi des chantiers ou des prestations sont faits chaque semaine."
    ),
    "axe4.clients": (
        "Des collectivités, des bailleurs sociaux, des entreprises et quelques particuliers."
    ),
    "axe4.modele": (
        "Les recettes d'activité couvrent une part croissante de nos charges ; l'aide au poste "
        "compense le temps d'accompagnement et la moindre productivité des débuts de parcours."
    ),
    "axe4.gestion": (
        "Tableau de bord mensuel, compte de résultat, calcul du coût de revient des "
        "prestations, plan de financement."
    ),
    "axe4.partenariats": (
        "Clauses sociales des marchés publics avec les communes, liens avec le GEIQ et les "
        "autres SIAE du territoire."
    ),
    "objectifs": (
        "Nos résultats se lisent selon plusieurs jeux de règles : nous demandons qu'ils soient "
        "lus sans ambiguïté, et que les indicateurs complémentaires (accompagnement, "
        "préparation à la formation, suivi à 3, 6 et 12 mois) soient regardés aussi."
    ),
}

BY_KIND = {
    "ETTI": {
        "presentation.equipe": (
            "- Un directeur, qui porte aussi le développement commercial\n"
            "- Une conseillère en insertion professionnelle (CIP) à temps plein\n"
            "- Un chargé de relations entreprises, qui négocie les missions et les suit "
            "chez les clients\n\n"
            "Une réunion d'équipe hebdomadaire fait le point sur chaque parcours."
        ),
        "axe1.livret": (
            "Le livret d'accueil est remis à l'inscription, avant la première mission ; la "
            "CIP le parcourt avec l'intérimaire : l'équipe, le contrat de mission, les "
            "relevés d'heures, la sécurité chez le client."
        ),
        "presentation.projet": (
            "Le client est au cœur de notre démarche : nous mettons les intérimaires à l'emploi "
            "par des missions chez nos entreprises clientes, avec des perspectives souvent à "
            "court terme, et nous construisons le parcours mission après mission."
        ),
        "axe1.recrutement": (
            "Notre recrutement suit les postes à pourvoir chez nos clients. France Travail nous "
            "oriente peu de candidats : nous développons les liens avec la mission locale et le "
            "PLIE pour accueillir les publics prioritaires."
        ),
        "axe1.profils": (
            "Une grille de critères partagée avec le client donne à chacun (client, CIP, "
            "chargé de recrutement) une vision commune du parcours de l'intérimaire."
        ),
        "axe1.integration": (
            "Nous sommes présents auprès de l'intérimaire lors d'une première mission chez un "
            "nouveau client. Le suivi de la mission se fait surtout par téléphone ; nous "
            "travaillons à des outils qui objectivent une difficulté avant que le client ne "
            "mette fin à la mission."
        ),
        "axe2.documents": (
            "Le CV est le premier document travaillé avec l'intérimaire ; il est mis à jour "
            "après chaque mission, avec l'appréciation du client."
        ),
        "axe3.professionnalisation": (
            "Le contrat de professionnalisation est notre outil privilégié pour qualifier les "
            "intérimaires sur les métiers en tension de nos clients."
        ),
        "axe3.cipi": ("Le CIPI nous permet de former l'intérimaire avant une mission longue."),
        "axe4.commercial": (
            "Le client est au centre : un chargé d'affaires visite les entreprises, négocie les "
            "missions et fidélise les clients par la qualité du suivi."
        ),
    },
    "AI": {
        "presentation.equipe": (
            "- Une directrice, qui porte aussi les relations avec les clients\n"
            "- Une conseillère en insertion professionnelle (CIP) à temps plein\n"
            "- Une chargée de mission qui prépare chaque mise à disposition avec le client "
            "(particulier, collectivité, association) et la suit par téléphone\n\n"
            "Une réunion d'équipe hebdomadaire fait le point sur chaque parcours."
        ),
        "axe1.livret": (
            "Le livret d'accueil est remis à l'inscription, avant la première mise à "
            "disposition ; la CIP le parcourt avec le salarié : l'équipe, les droits et "
            "devoirs, le déroulement d'une mission, la sécurité chez le client."
        ),
        "presentation.projet": (
            "L'association intermédiaire met à disposition des personnes en difficulté auprès de "
            "particuliers, de collectivités et d'entreprises, avec une perspective de court "
            "terme : le premier besoin est souvent de travailler et d'avoir un revenu."
        ),
        "axe2.coordination": (
            "Nous sommes à la croisée des chemins : nous demandons une implication plus forte "
            "des partenaires extérieurs (référents RSA, services sociaux) dans le suivi."
        ),
    },
    "ACI": {
        "presentation.activites": (
            "Deux chantiers : le maraîchage biologique (paniers pour une AMAP de 120 familles) et "
            "l'entretien d'espaces verts pour trois communes."
        ),
        "axe3.savoirs_base": (
            "Le chantier est le support des savoirs de base : lire une fiche de poste, mesurer, "
            "peser, compter les paniers. Un atelier hebdomadaire complète ce travail."
        ),
        "axe4.commercial": (
            "Mettre en avant notre dimension commerciale nous est difficile : nos clients sont "
            "surtout des collectivités et une AMAP. Nous travaillons cet axe avec le réseau, en "
            "commençant par des devis et un suivi de la satisfaction des clients."
        ),
        "presentation.financeurs": (
            "Nos financements multiples (État, Département, PLIE, communes) nous laissent peu de "
            "visibilité : nous avons besoin d'une vision à moyen terme et de financements stables."
        ),
    },
    "EI": {
        "axe4.modele": (
            "Entreprise à part entière, nous tirons l'essentiel de nos recettes de nos clients ; "
            "l'aide au poste compense le surcoût de l'accompagnement."
        ),
    },
    # An EITI employs nobody: every text that speaks of salariés, posts or the aide au
    # poste in COMMON has its own here (docs/eiti.md).
    "EITI": {
        "presentation.projet": (
            "Nous accompagnons des travailleurs indépendants dans le lancement de leur activité "
            "(artisanat du bâtiment) : statut, premiers clients, gestion."
        ),
        "presentation.equipe": (
            "- Une directrice, qui cherche aussi les clients et les chantiers\n"
            "- Une conseillère en insertion professionnelle (CIP) à temps plein\n"
            "- Un accompagnateur technique, ancien artisan, qui aide aux devis et au suivi "
            "des chantiers\n\n"
            "Une réunion d'équipe hebdomadaire fait le point sur chaque accompagnement."
        ),
        "presentation.activites": (
            "Les travailleurs indépendants accompagnés exercent des métiers du bâtiment "
            "(peinture, plâtrerie, second œuvre) pour des particuliers, des bailleurs et des "
            "entreprises. Les ETP conventionnés de nos annexes financières figurent ci-dessous."
        ),
        "presentation.financeurs": (
            "L'aide de l'État pour chaque travailleur indépendant accompagné, complétée par le "
            "Conseil départemental. Nous demandons une visibilité pluriannuelle sur ces "
            "financements."
        ),
        "axe1.recrutement": (
            "Les personnes nous sont orientées par les prescripteurs habilités ; nous les "
            "recevons toutes en entretien pour examiner leur projet d'activité. Le ratio entre "
            "personnes orientées et personnes entrées en accompagnement est suivi chaque "
            "trimestre avec les prescripteurs."
        ),
        "axe1.analyse_poste": (
            "Avant l'entrée, nous examinons avec la personne son projet d'activité : métier, "
            "clients possibles, matériel, assurance professionnelle et immatriculation."
        ),
        "axe1.livret": (
            "Le livret d'accueil est remis par la CIP à la signature du contrat "
            "d'accompagnement ; elle le parcourt avec la personne : l'équipe, le contrat "
            "d'accompagnement, les déclarations mensuelles, les droits et les engagements."
        ),
        "axe1.integration": (
            "Le premier mois, la CIP et l'accompagnateur technique aident à établir les "
            "premiers devis et à organiser l'activité ; un point est fait à la fin du premier "
            "mois."
        ),
        "axe2.suivi": (
            "Un entretien individuel au moins par mois avec la CIP, qui reprend la déclaration "
            "du mois (chiffre d'affaires et heures d'activité) ; un plan d'accompagnement "
            "(freins, objectifs, actions) construit avec le travailleur indépendant et revu à "
            "chaque bilan."
        ),
        "axe2.competences": (
            "Les compétences sont repérées à partir des titres professionnels du ministère "
            "chargé de l'emploi et de leurs blocs (CCP), évaluées en situation d'activité et "
            "partagées avec la personne."
        ),
        "axe3.qualifiante": (
            "Nous visons au moins une formation qualifiante ou certifiante par an pour les "
            "travailleurs indépendants dont le projet est mûr."
        ),
        "axe4.commercial": (
            "La direction cherche des clients et des chantiers (bailleurs, entreprises du "
            "bâtiment, particuliers) et met les travailleurs indépendants en relation avec eux ; "
            "chacun établit ses devis et ses factures, avec notre aide au début."
        ),
        "axe4.clients": (
            "Les clients des travailleurs accompagnés : des bailleurs sociaux, des entreprises "
            "du bâtiment et des particuliers."
        ),
        "axe4.modele": (
            "Nos ressources viennent surtout de l'aide de l'État pour chaque travailleur "
            "indépendant accompagné et du Conseil départemental ; le chiffre d'affaires "
            "appartient aux travailleurs indépendants, qui facturent leurs clients."
        ),
    },
}

# Sections left to write in the current year's draft (the team is working on them).
LEFT_FOR_LATER = (
    "axe3.plan",
    "axe3.freins",
    "axe4.modele",
    "axe4.gestion",
    "axe4.partenariats",
    "objectifs",
)

DDETS_COMMENT = (
    "Offre complète et claire, merci. Pour le prochain dialogue de gestion, précisez le plan "
    "de formation (financements mobilisés) et le suivi des sorties à 6 mois."
)
SECTION_COMMENT = ("axe3.plan", "Quels financements pour les formations qualifiantes ?")

NETWORK_MODELS = (
    (
        "section",
        "Livret d'accueil : trame commune",
        "axe1.livret",
        "Le livret d'accueil est remis le premier jour et parcouru avec le salarié :\n"
        "- la structure et l'équipe (qui fait quoi)\n"
        "- le contrat de travail, les horaires, la paie\n"
        "- l'accompagnement social et professionnel proposé\n"
        "- la sécurité au travail et les consignes\n"
        "- les droits et devoirs, le règlement intérieur",
    ),
    (
        "section",
        "Profil de poste : trame",
        "axe1.profils",
        "Pour chaque poste : intitulé et métier de référence (fiche ROME), tâches, conditions "
        "de travail, compétences attendues à l'entrée, compétences que le poste permet "
        "d'acquérir (blocs du titre professionnel), encadrement.",
    ),
    (
        "outil",
        "Grille d'entretien de recrutement",
        "axe1.grilles",
        "Motivation et projet ; expérience et savoir-faire ; disponibilité et mobilité ; "
        "freins exprimés ; ce que la personne attend de la structure. Chaque rubrique est "
        "notée de 1 à 4 et commentée.",
    ),
    (
        "outil",
        "Grille de cotation des CV reçus",
        "axe1.grilles",
        "Critères : adéquation au poste, expérience, formation, cohérence du parcours, "
        "priorité du public (prescription, RSA, DELD). Une cotation partagée par l'équipe "
        "évite les décisions au cas par cas.",
    ),
)
