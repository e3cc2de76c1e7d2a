"""The default bilan templates given to each structure, editable afterwards."""

from jalons.accompagnement.models import ReviewKind

DEFAULT_TEMPLATES = [
    (
        ReviewKind.ENTRY,
        "Bilan d'entrée",
        """# Situation à l'entrée
Comment la personne présente-t-elle sa situation et ses attentes ?
Quelles sont ses ressources (revenus, droits ouverts) ?
Quels sont son logement et sa mobilité (permis, véhicule, transports) ?
# Parcours et compétences
Quelle expérience professionnelle et quelles formations ?
Quels savoir-faire et savoir-être repérés ?
Maîtrise du français, de la lecture, de l'écriture et du numérique ?
# Freins et projet
Quels freins à l'emploi sont repérés, avec la personne ?
Quel projet professionnel, même provisoire ?
# Engagements
Quels premiers objectifs sont fixés ensemble ?""",
    ),
    (
        ReviewKind.PERIODIC,
        "Bilan intermédiaire",
        """# Au travail
Comment se passe le travail sur le chantier ou en mission (avis de l'encadrement technique) ?
Assiduité, ponctualité, sécurité : quels progrès ?
# Accompagnement
Où en sont les freins et les actions du plan ?
Quelles démarches la personne a-t-elle menées depuis le dernier bilan ?
# Projet
Le projet professionnel a-t-il évolué ?
Quelles formations ou immersions envisager ?
# Suite
Quels objectifs pour la période qui vient ?""",
    ),
    (
        ReviewKind.EXIT,
        "Bilan de sortie",
        """# Parcours réalisé
Quels freins ont été levés pendant le parcours ?
Quelles compétences et formations ont été acquises ?
# Sortie
Quelle est la situation à la sortie (emploi, formation, recherche) ?
Quels contacts et relais après la sortie (France Travail, référent RSA, employeur) ?
# Avis
Qu'en dit la personne ?
Que retient la ou le CIP ?""",
    ),
]


def parse_questions(text: str) -> list[dict]:
    """[{"section": ..., "question": ..., "answer": ""}] from a template's text."""
    section, result = "", []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("#"):
            section = line.lstrip("#").strip()
            continue
        result.append({"section": section, "question": line, "answer": ""})
    return result
