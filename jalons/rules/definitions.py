"""Definitions shown beside each figure of the engine's result (French), one source for the
indicators page, the observatory and the documents (pure data: no Django)."""

DEFINITIONS = {
    "sorties": (
        "Sorties",
        "Parcours dont la date de sortie tombe dans la période (bornes comprises).",
    ),
    "sorties_examinees": (
        "Sorties examinées",
        "Sorties qui entrent dans la base du taux selon le jeu de règles (durée, heures, "
        "groupes retirés).",
    ),
    "duree_insuffisante": (
        "Non comptées : durée insuffisante",
        "Parcours plus court que la durée minimale du jeu de règles (3 mois calendaires).",
    ),
    "heures_inconnues": (
        "Non comptées : heures inconnues",
        "Le jeu de règles demande des heures et aucune n'est connue pour ce parcours.",
    ),
    "heures_insuffisantes": (
        "Non comptées : heures insuffisantes",
        "Moins d'heures que le seuil (150 h en AI et ETTI pour la DGEFP, 450 h en ETTI pour "
        "la lecture des ETTI), ou aucune heure dans l'année de sortie (ACI, EI).",
    ),
    "exclue_de_la_base": (
        "Non comptées : motif retiré de la base",
        "Motif dont le groupe est retiré de la base par ce jeu de règles (par exemple "
        "« retrait des sorties constatées » ou, pour l'URIAE, inactif et sans nouvelle).",
    ),
    "emploi_durable": (
        "Emploi durable",
        "CDI, CDD ou intérim de 6 mois et plus, fonction publique, création d'entreprise.",
    ),
    "emploi_transition": (
        "Emploi de transition",
        "CDD ou intérim de moins de 6 mois, contrat aidé chez un employeur hors IAE.",
    ),
    "sortie_positive": (
        "Sortie positive",
        "Formation qualifiante ou pré-qualifiante, embauche dans une autre SIAE.",
    ),
    "autre_sortie": ("Autres sorties", "Sorties examinées qui ne sont pas dynamiques."),
    "taux_sortie_dynamique": (
        "Taux de sortie dynamique",
        "(Emploi durable + emploi de transition + sorties positives) ÷ sorties examinées.",
    ),
    "taux_emploi_durable": ("Taux d'emploi durable", "Emploi durable ÷ sorties examinées."),
    "taux_emploi_transition": (
        "Taux d'emploi de transition",
        "Emploi de transition ÷ sorties examinées.",
    ),
    "taux_sortie_positive": ("Taux de sorties positives", "Sorties positives ÷ sorties examinées."),
    "suivi": (
        "Suivi à M mois",
        "Parmi les sorties examinées dont l'échéance (sortie + M mois) est passée à la date "
        "de référence : suivis réalisés (situation connue), dont en emploi ou en formation "
        "(groupes dynamiques) ; taux = dynamiques ÷ réalisés.",
    ),
}

REASONS = ("duree_insuffisante", "heures_inconnues", "heures_insuffisantes", "exclue_de_la_base")
COUNTS = ("emploi_durable", "emploi_transition", "sortie_positive", "autre_sortie")
RATES = (
    "taux_sortie_dynamique",
    "taux_emploi_durable",
    "taux_emploi_transition",
    "taux_sortie_positive",
)
