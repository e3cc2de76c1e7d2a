"""Demo Offres de Services: last year's submitted (one validated, with a DDETS comment),
this year's in progress, objectives, the models published by the demo network, and the
public listings (data·inclusion): complete for the ACI and the ETTI, begun for the EI."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from jalons.accounts.models import DdetsMembership
from jalons.audit.actor import Actor
from jalons.offre.catalogue import writable_for
from jalons.offre.demo_texts import (
    BY_KIND,
    COMMON,
    DDETS_COMMENT,
    LEFT_FOR_LATER,
    NETWORK_MODELS,
    SECTION_COMMENT,
)
from jalons.offre.models import (
    NetworkTemplate,
    Objective,
    ObjectiveKind,
    OffreComment,
    OffreDeServices,
    OffreStatus,
    PublicListing,
    PublicService,
    PublicServiceKind,
    SectionText,
    TemplateStatus,
)
from jalons.offre.objectives import UNITS
from jalons.offre.services import offre_submit
from jalons.structures.models import AnnexeFinanciere, Structure
from jalons.structures.words import entry_words

VALIDATED_KIND = "ACI"
# (TSD %, emploi durable %, entries) for last year - 1, last year, this year, next year.
TARGETS = {
    "ACI": [(55, 20, 30), (58, 22, 32), (60, 25, 32), (60, 26, 34)],
    "EI": [(60, 30, 18), (62, 32, 20), (65, 35, 20), (65, 36, 22)],
    "ETTI": [(62, 35, 60), (65, 38, 65), (65, 40, 70), (66, 40, 72)],
    "AI": [(50, 18, 80), (52, 20, 85), (55, 22, 85), (55, 24, 90)],
    "EITI": [(70, 50, 8), (70, 50, 10), (72, 55, 10), (72, 55, 12)],
}


# Written for the public, by kind of SIAE; none comes from the Offre de Services.
PUBLIC_LISTINGS = {
    "ACI": {
        "presentation": (
            "{name} est un atelier et chantier d'insertion à {city}. Nous proposons un emploi "
            "salarié en maraîchage biologique et en entretien d'espaces verts à des personnes "
            "sans emploi qui ont du mal à retrouver du travail. Chaque salarié signe un contrat "
            "de travail, est encadré chaque jour sur le chantier et accompagné par une "
            "conseillère en insertion professionnelle pour préparer la suite : un emploi "
            "durable ou une formation."
        ),
        "phone": "03 27 00 00 01",
        "email": "contact@jardins-du-val.example",
        "website": "https://jardins-du-val.example",
        "opening_hours": "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
        "audiences": [
            "demandeurs-emploi",
            "beneficiaires-des-minimas-sociaux",
            "residents-qpv-frr",
        ],
        "services": {
            PublicServiceKind.PARCOURS: (
                "Un contrat de travail de 4 à 24 mois sur nos chantiers de maraîchage biologique "
                "et d'espaces verts, 26 heures par semaine. Sur le chantier, un encadrant "
                "technique vous apprend les gestes du métier et les règles de sécurité. Vous "
                "découvrez des métiers qui recrutent et repartez avec une attestation de "
                "compétences. Pour venir : parlez-en à votre conseiller France Travail, Mission "
                "locale ou référent RSA, ou présentez-vous à notre accueil."
            ),
            PublicServiceKind.ACCOMPAGNEMENT: (
                "Pendant votre contrat, une conseillère en insertion professionnelle vous reçoit "
                "régulièrement pour construire votre projet : recherche d'emploi, CV, "
                "préparation des entretiens, immersions en entreprise. Elle vous aide aussi à "
                "régler ce qui bloque : permis de conduire, logement, santé, démarches "
                "administratives, avec les partenaires du territoire."
            ),
            PublicServiceKind.FORMATION: (
                "Vous pouvez vous former pendant votre contrat : savoirs de base en lien avec le "
                "chantier, sécurité au travail, et formations qualifiantes en maraîchage ou en "
                "espaces verts avec nos organismes de formation partenaires."
            ),
        },
        "themes": {
            PublicServiceKind.ACCOMPAGNEMENT: [
                "mobilite--etre-accompagne-dans-son-parcours-mobilite",
                "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement",
                "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
            ],
        },
    },
    "ETTI": {
        "presentation": (
            "{name} est une entreprise de travail temporaire d'insertion à {city}. Nous "
            "proposons des missions d'intérim dans des entreprises et des collectivités de "
            "l'Artois (logistique, bâtiment, propreté, espaces verts) à des personnes qui ont du "
            "mal à retrouver un emploi. Pendant et entre les missions, une conseillère vous "
            "accompagne vers un emploi durable."
        ),
        "phone": "03 21 00 00 03",
        "email": "accueil@interim-solidaire-artois.example",
        "website": "",
        "opening_hours": "Mo-Fr 09:00-12:30,14:00-17:30",
        "audiences": ["demandeurs-emploi", "beneficiaires-des-minimas-sociaux", "jeunes"],
        "services": {
            PublicServiceKind.PARCOURS: (
                "Des missions d'intérim rémunérées chez nos entreprises clientes, de quelques "
                "jours à plusieurs mois, choisies selon votre situation et vos contraintes. Nous "
                "préparons chaque mission avec vous (poste, équipements, trajet) et faisons le "
                "point à la fin. Vos missions vous donnent une expérience récente et souvent une "
                "embauche chez le client. Inscription avec votre conseiller ou à notre agence."
            ),
            PublicServiceKind.ACCOMPAGNEMENT: (
                "Une conseillère en insertion vous suit pendant tout votre parcours : projet "
                "professionnel, CV, préparation aux entretiens et aux missions, mobilité (permis, "
                "transports), démarches. Elle reste joignable pendant vos missions et fait le "
                "lien avec l'entreprise."
            ),
        },
        "themes": {},
    },
    "EI": {  # begun: the preview shows what is left to write
        "presentation": (
            "{name} est une entreprise d'insertion à {city} : nettoyage de locaux et petits "
            "travaux pour les entreprises et les bailleurs du Valenciennois, avec des salariés "
            "en parcours d'insertion."
        ),
        "phone": "",
        "email": "",
        "website": "",
        "opening_hours": "",
        "audiences": ["demandeurs-emploi"],
        "services": {},
        "themes": {},
    },
}


def demo_public_listing(structure) -> None:
    """The demo public listing of a structure of this kind (none for the AI and EITI)."""
    from jalons.offre.data_inclusion_catalogue import SERVICES

    spec = PUBLIC_LISTINGS.get(structure.kind)
    if spec is None:
        return
    listing = PublicListing.objects.create(
        structure=structure,
        presentation=spec["presentation"].format(name=structure.name, city=structure.city),
        phone=spec["phone"],
        email=spec["email"],
        website=spec["website"],
        opening_hours=spec["opening_hours"],
        audiences=spec["audiences"],
    )
    PublicService.objects.bulk_create(
        PublicService(
            listing=listing,
            kind=service.kind,
            published=service.required or service.kind in spec["services"],
            description=spec["services"].get(service.kind, ""),
            themes=[*service.default_themes, *spec["themes"].get(service.kind, [])],
        )
        for service in SERVICES
    )


def text_for(structure, key: str) -> str:
    text = BY_KIND.get(structure.kind, {}).get(key) or COMMON.get(key, "")
    if not text:
        return ""
    return text.format(
        name=structure.name,
        kind_label=structure.get_kind_display().lower(),
        departement=str(structure.departement) if structure.departement_id else "",
        organisation=structure.organisation.name if structure.organisation_id else "",
        phone=f"au {structure.phone}" if structure.phone else "par le standard de la structure",
    )


def _offre(structure, year: int, *, skip=()) -> OffreDeServices:
    offre = OffreDeServices.objects.create(
        structure=structure,
        year=year,
        started_from=f"Offre de services {year - 1}" if skip else "",
    )
    SectionText.objects.bulk_create(
        SectionText(
            offre=offre,
            key=entry.key,
            text="" if entry.key in skip else text_for(structure, entry.key),
            revision=0 if entry.key in skip else 1,
        )
        for entry in writable_for(structure.kind)
    )
    return offre


def _objectives(structure, year: int) -> None:
    for offset, (tsd, durable, entries) in zip((-1, 0, 1, 2), TARGETS[structure.kind], strict=True):
        target_year = year + offset
        annexe = AnnexeFinanciere.objects.filter(
            structure=structure, start_date__year=min(target_year, year)
        ).first()
        values = {
            ObjectiveKind.TSD: Decimal(tsd),
            ObjectiveKind.EMPLOI_DURABLE: Decimal(durable),
            ObjectiveKind.ENTREES: Decimal(entries),
        }
        if annexe is not None and entry_words(structure.kind).has_etp:
            # Not in an EITI: self-employed workers make no ETP (docs/eiti.md).
            values[ObjectiveKind.ETP] = annexe.etp_conventionnes
        for kind, target in values.items():
            Objective.objects.create(
                structure=structure,
                year=target_year,
                kind=kind,
                target=target,
                unit=UNITS[kind],
                comment="Proposé pour le prochain dialogue de gestion" if offset == 2 else "",
            )
    Objective.objects.create(
        structure=structure,
        year=year + 2,
        kind=ObjectiveKind.CUSTOM,
        label="Personnes entrées en formation qualifiante",
        unit="personnes",
        target=Decimal(3),
    )


@transaction.atomic
def load_demo_offres(*, today: dt.date) -> None:
    structures = Structure.objects.filter(identifier__startswith="DEMO-").select_related(
        "organisation", "departement"
    )
    agents = {
        m.ddets_id: m
        for m in DdetsMembership.objects.select_related("user", "ddets").prefetch_related(
            "departements"
        )
    }
    networks = set()
    for structure in structures:
        networks.update(structure.networks.all())
        last = _offre(structure, today.year - 1)
        # Objectives first: the submitted version freezes them with the figures.
        _objectives(structure, today.year - 1)
        offre_submit(actor=Actor.from_command("jalons demo", role="direction"), offre=last)
        last.refresh_from_db()
        _offre(structure, today.year, skip=LEFT_FOR_LATER)
        demo_public_listing(structure)
        agent = next(
            (
                m
                for m in agents.values()
                if structure.departement_id in {d.code for d in m.departements.all()}
            ),
            None,
        )
        if structure.kind == VALIDATED_KIND and agent is not None:
            author = f"{agent.user} ({agent.ddets})"
            version = last.versions.first()
            OffreComment.objects.create(
                offre=last,
                version=version,
                author=agent.user,
                author_label=author,
                section_key=SECTION_COMMENT[0],
                text=SECTION_COMMENT[1],
            )
            OffreComment.objects.create(
                offre=last,
                version=version,
                author=agent.user,
                author_label=author,
                text=DDETS_COMMENT,
            )
            last.status = OffreStatus.VALIDATED
            last.validated_at = last.submitted_at
            last.save(update_fields=["status", "validated_at"])
    for network in networks:
        for kind, title, section_key, text in NETWORK_MODELS:
            NetworkTemplate.objects.create(
                network=network,
                kind=kind,
                title=title,
                section_key=section_key,
                text=text,
                status=TemplateStatus.PUBLISHED,
            )
        etti = structures.filter(kind="ETTI", networks=network).first()
        if etti is not None:
            NetworkTemplate.objects.create(
                network=network,
                kind="section",
                title=f"Période d'intégration en ETTI ({etti.name})",
                section_key="axe1.integration",
                text=text_for(etti, "axe1.integration"),
                status=TemplateStatus.PROPOSED,
                proposed_by=etti,
            )
