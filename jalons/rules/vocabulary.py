"""Closed vocabularies of the interchange format (contract sections 1, 3 and 4).

These are the names of the format, not rule values: rule values (thresholds,
motif groups, removed groups) are dated data under ``data/``. Each mapping gives
the French label shown to users.
"""

TYPES_SIAE = {
    "ACI": "Atelier et chantier d'insertion",
    "EI": "Entreprise d'insertion",
    "ETTI": "Entreprise de travail temporaire d'insertion",
    "AI": "Association intermédiaire",
    "EITI": "Entreprise d'insertion par le travail indépendant",
}

GROUPES = {
    "durable": "Emploi durable",
    "transition": "Emploi de transition",
    "positive": "Sortie positive",
    "chomage": "Chômage",
    "inactif": "Inactif",
    "sans_nouvelle": "Sans nouvelle",
    "autre_situation_connue": "Autre situation connue",
    "retrait": "Retrait des sorties constatées",
}
GROUPES_DYNAMIQUES = ("durable", "transition", "positive")

# Conditions of the base, in the order they are tested (contract section 4).
RAISONS = {
    "duree_insuffisante": "Durée de parcours insuffisante",
    "heures_inconnues": "Heures travaillées inconnues",
    "heures_insuffisantes": "Heures travaillées insuffisantes",
    "exclue_de_la_base": "Motif retiré de la base",
}

ECHEANCES = (3, 6, 12)
SITUATION_INCONNUE = "inconnue"

FREINS = {
    "illettrisme_fle": "Illettrisme / FLE",
    "demarches_administratives": "Démarches administratives et accès aux droits",
    "hebergement_logement": "Hébergement / logement",
    "mobilite": "Mobilité",
    "sante": "Santé",
    "justice": "Justice",
    "surendettement": "Surendettement",
    "manque_disponibilite": "Manque de disponibilité",
}
SANS_FREIN = "sans_frein"

PRESCRIPTEURS = {
    "france_travail": "France Travail",
    "mission_locale": "Mission locale",
    "cap_emploi": "Cap emploi",
    "departement": "Conseil départemental",
    "plie": "PLIE",
    "ccas": "CCAS / CIAS",
    "chrs": "CHRS",
    "spip": "SPIP",
    "siae": "La structure elle-même",
    "autre": "Autre",
}
ISSUES_ORIENTATION = ("embauche", "refus", "sans_suite", "en_cours")
NATURES_ACCOMPAGNEMENT = {"social": "Social", "professionnel": "Professionnel"}
MODALITES_ACCOMPAGNEMENT = {"interne": "Interne", "externe": "Externe"}
MODALITE_NON_RENSEIGNEE = "non_renseignee"
STATUTS_FORMATION = ("preparation", "entree", "abandon", "terminee", "certifiee")
VERIFICATIONS = {
    "V": "vérifié dans la source citée",
    "S": "source tierce seulement",
    "I": "inférence, non trouvée dans une source",
}
