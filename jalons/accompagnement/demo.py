"""Demonstration data for the plan d'accompagnement, interviews, bilans and trainings.

``load_demo_accompaniment(today=...)`` runs after the demo pathways: it adds a partners
directory and the default bilan templates to every demo structure, then, for each
person with a pathway, a plan (barriers → objectives → actions), links some of the
generated accompaniment actions to it with a medium, a referent and notes (some
confidential), bilans and training details. Deterministic and in bulk.
"""

import datetime as dt
import random

from jalons.accompagnement.models import (
    AccompanimentAction,
    Partner,
    PlanAction,
    PlanActionStatus,
    PlanBarrier,
    PlanObjective,
    Review,
    ReviewKind,
    ReviewTemplate,
)
from jalons.accompagnement.review_defaults import DEFAULT_TEMPLATES, parse_questions
from jalons.accounts.models import Role, StructureMembership
from jalons.formation.models import TrainingAction, TrainingStatus, TrainingStep
from jalons.parcours.models import Parcours
from jalons.structures.models import Structure

SEED = 20260505

PARTNERS = [
    ("france_travail", "France Travail, agence locale", "Karim Benali"),
    ("referent_rsa", "Conseil départemental, service insertion", "Sophie Lemaire"),
    ("plie", "PLIE de l'agglomération", "Julien Roussel"),
    ("assistante_sociale", "CCAS", "Nadia Cherif"),
    ("cpam", "CPAM, accueil sur rendez-vous", ""),
    ("mission_locale", "Mission locale", "Thomas Vidal"),
    ("logement", "Agence départementale d'information sur le logement", ""),
]

# Barrier → (objective, actions with the partner kind they involve).
PLAN = {
    "mobilite": (
        "Se rendre au travail en autonomie",
        [
            ("Inscription à l'auto-école sociale", "plie"),
            ("Demande d'aide au permis", "france_travail"),
        ],
    ),
    "hebergement_logement": (
        "Accéder à un logement stable",
        [
            ("Dossier de demande de logement social", "logement"),
            ("Rendez-vous avec l'assistante sociale", "assistante_sociale"),
        ],
    ),
    "demarches_administratives": (
        "Ouvrir et tenir ses droits à jour",
        [
            ("Mise à jour du dossier CAF", "referent_rsa"),
            ("Ouverture de la complémentaire santé solidaire", "cpam"),
        ],
    ),
    "illettrisme_fle": (
        "Lire et écrire les consignes du poste",
        [("Atelier savoirs de base", ""), ("Positionnement linguistique", "")],
    ),
    "sante": (
        "Reprendre un suivi de santé",
        [("Bilan de santé CPAM", "cpam"), ("Rendez-vous médecin traitant", "")],
    ),
    "justice": ("Respecter les obligations du suivi judiciaire", [("Point avec le SPIP", "")]),
    "surendettement": (
        "Réduire les dettes",
        [("Dossier de surendettement Banque de France", "assistante_sociale")],
    ),
    "manque_disponibilite": (
        "Organiser la garde des enfants",
        [("Inscription en crèche", "assistante_sociale")],
    ),
}
INTENSITIES = ["faible", "moyen", "fort"]
SHARED_NOTES = [
    "Point sur le planning de la semaine ; la personne est ponctuelle.",
    "Recherche d'offres ensemble sur le site de France Travail.",
    "Préparation d'un entretien d'embauche : simulation filmée.",
    "Mise à jour du CV avec les tâches du chantier.",
    "Démarches administratives faites ensemble, dossier complet.",
]
CONFIDENTIAL_NOTES = [
    "Évoque des difficultés familiales importantes ; à suivre avec l'assistante sociale.",
    "Problème de santé signalé, arrêt possible dans les semaines à venir.",
    "Dettes de loyer : un plan d'apurement est en cours.",
]
MEDIUMS = ["presentiel", "presentiel", "presentiel", "telephone", "visio", "courriel", "tiers"]
FUNDINGS = ["opco", "savoirs_de_base", "cpf", "region", "france_travail", "contrat_pro", "cipi"]
ORGANISATIONS = ["AFPA", "GRETA", "Centre de formation du BTP", "Organisme de formation local"]
STEPS = ["Réunion d'information collective", "Tests de positionnement", "Entretien de sélection"]


def _cip(structure):
    for role in (Role.CIP, Role.DIRECTION):
        membership = StructureMembership.objects.filter(structure=structure, role=role).first()
        if membership:
            return membership.user
    return None


def load_demo_accompaniment(*, today: dt.date) -> None:
    rng = random.Random(SEED)
    for structure in Structure.objects.filter(identifier__startswith="DEMO-").order_by("pk"):
        _structure(structure, rng, today)


def _structure(structure, rng, today):
    partners = Partner.objects.bulk_create(
        [
            Partner(structure=structure, kind=kind, organisation=org, contact_name=name)
            for kind, org, name in PARTNERS
        ]
    )
    by_kind = {p.kind: p for p in partners}
    templates = {
        kind: ReviewTemplate.objects.create(structure=structure, kind=kind, name=name, questions=q)
        for kind, name, q in DEFAULT_TEMPLATES
    }
    cip = _cip(structure)
    latest = {}
    for p in Parcours.objects.filter(structure=structure).order_by("hire_date"):
        latest[p.person_id] = p
    barriers, chosen = [], {}
    for person_id, parcours in latest.items():
        keys = rng.sample(sorted(PLAN), k=rng.randint(1, 3))
        chosen[person_id] = keys
        for key in keys:
            resolved = None
            if parcours.exit_date and rng.random() < 0.6:
                resolved = parcours.exit_date
            barriers.append(
                PlanBarrier(
                    person_id=person_id,
                    barrier=key,
                    intensity=rng.choice(INTENSITIES),
                    identified_on=parcours.hire_date,
                    resolved_on=resolved,
                )
            )
    PlanBarrier.objects.bulk_create(barriers)
    barriers = list(PlanBarrier.objects.filter(person__structure=structure))
    objectives = [
        PlanObjective(
            plan_barrier=b,
            title=PLAN[b.barrier][0],
            target_date=b.identified_on + dt.timedelta(days=180),
            achieved_on=b.resolved_on,
        )
        for b in barriers
    ]
    PlanObjective.objects.bulk_create(objectives)
    objectives = list(
        PlanObjective.objects.filter(plan_barrier__person__structure=structure).select_related(
            "plan_barrier"
        )
    )
    actions = []
    for o in objectives:
        for i, (title, partner_kind) in enumerate(PLAN[o.plan_barrier.barrier][1]):
            due = o.plan_barrier.identified_on + dt.timedelta(days=30 * (i + 1))
            if o.achieved_on:
                status, done = PlanActionStatus.DONE, min(due, o.achieved_on)
            elif due < today:
                status = rng.choice(
                    [PlanActionStatus.DONE, PlanActionStatus.IN_PROGRESS, PlanActionStatus.STANDBY]
                )
                done = due if status == PlanActionStatus.DONE else None
            else:
                status, done = PlanActionStatus.PLANNED, None
            if status == PlanActionStatus.IN_PROGRESS and rng.random() < 0.1:
                status = PlanActionStatus.ABANDONED
            actions.append(
                PlanAction(
                    objective=o,
                    title=title,
                    status=status,
                    due_date=due,
                    done_on=done,
                    partner=by_kind.get(partner_kind),
                )
            )
    PlanAction.objects.bulk_create(actions)
    objectives_by_person = {}
    for o in objectives:
        objectives_by_person.setdefault(o.plan_barrier.person_id, []).append(o)

    interviews = list(
        AccompanimentAction.objects.filter(person__structure=structure).order_by(
            "person_id", "date", "pk"
        )
    )
    for n, a in enumerate(interviews):
        a.medium = rng.choice(MEDIUMS)
        a.author = cip
        own = objectives_by_person.get(a.person_id, [])
        matching = [o for o in own if o.plan_barrier.barrier == a.barrier]
        if matching:
            a.plan_objective = matching[0]
        elif own and rng.random() < 0.5:
            a.plan_objective = rng.choice(own)
            a.barrier = a.plan_objective.plan_barrier.barrier
        if a.modality == "externe" or a.medium == "tiers":
            partner = rng.choice(partners)
            a.partner, a.speaker = partner, str(partner)[:200]
        a.note = rng.choice(SHARED_NOTES)
        if n % 7 == 0:
            a.confidential_note = rng.choice(CONFIDENTIAL_NOTES)
    AccompanimentAction.objects.bulk_update(
        interviews,
        [
            "medium",
            "author",
            "plan_objective",
            "barrier",
            "partner",
            "speaker",
            "note",
            "confidential_note",
        ],
        batch_size=500,
    )

    reviews = []
    for person_id, parcours in latest.items():
        entry = parcours.hire_date + dt.timedelta(days=14)
        if entry > today:
            continue
        reviews.append(
            _review(person_id, templates[ReviewKind.ENTRY], entry, cip, rng, signed=True)
        )
        middle = parcours.hire_date + dt.timedelta(days=180)
        end = parcours.exit_date or today
        if middle < end:
            reviews.append(
                _review(
                    person_id,
                    templates[ReviewKind.PERIODIC],
                    middle,
                    cip,
                    rng,
                    signed=rng.random() < 0.8,
                )
            )
        if parcours.exit_date:
            reviews.append(
                _review(
                    person_id, templates[ReviewKind.EXIT], parcours.exit_date, cip, rng, signed=True
                )
            )
    Review.objects.bulk_create(reviews)

    trainings = list(TrainingAction.objects.filter(person__structure=structure).order_by("pk"))
    steps = []
    for t in trainings:
        t.funding = rng.choice(FUNDINGS)
        t.organisation = rng.choice(ORGANISATIONS)
        if t.status == TrainingStatus.CERTIFIED:
            t.certification = t.title or "Certification"
            t.outcome = "Certification obtenue ; à valoriser dans le CV."
        elif t.status == TrainingStatus.ABANDONED:
            t.outcome = "Abandon : horaires incompatibles avec le travail."
        elif t.status == TrainingStatus.COMPLETED:
            t.outcome = "Formation suivie jusqu'au bout ; attestation de fin de formation remise."
        anchor = t.start_date or today
        for i, title in enumerate(STEPS):
            date = anchor - dt.timedelta(days=21 - 7 * i)
            steps.append(TrainingStep(training=t, date=date, description=title, done=date <= today))
    TrainingAction.objects.bulk_update(
        trainings, ["funding", "organisation", "certification", "outcome"], batch_size=500
    )
    TrainingStep.objects.bulk_create(steps, batch_size=1000)


def _review(person_id, template, date, cip, rng, *, signed):
    answers = parse_questions(template.questions)
    for item in answers:
        item["answer"] = rng.choice(
            [
                "Échange constructif ; la personne a pu s'exprimer.",
                "Progrès nets depuis l'entrée, à consolider.",
                "Point à retravailler lors du prochain entretien.",
                "Oui, avec l'appui de la CIP.",
            ]
        )
    return Review(
        person_id=person_id,
        kind=template.kind,
        template=template,
        date=date,
        answers=answers,
        conclusion="Objectifs fixés ensemble et inscrits au plan d'accompagnement.",
        confidential_note="Situation personnelle évoquée, voir avec l'assistante sociale."
        if rng.random() < 0.2
        else "",
        signed_on=date if signed else None,
        signed_by=cip if signed else None,
        signed_role=Role.CIP if signed else "",
        presented_on=date if signed and rng.random() < 0.7 else None,
        author=cip,
    )
