"""Demo Offres de Services: last year's submitted (one validated, with a DDETS comment),
this year's in progress, objectives, and the models published by the demo network."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from jalons.accounts.models import DdetsMembership
from jalons.offre.catalogue import WRITABLE
from jalons.offre.demo_texts import (
    BY_KIND,
    COMMON,
    DDETS_COMMENT,
    LEFT_FOR_LATER,
    NETWORK_MODELS,
    SECTION_COMMENT,
)
from jalons.offre.models import (
    ModelStatus,
    NetworkModel,
    Objective,
    ObjectiveKind,
    OffreComment,
    OffreDeServices,
    OffreStatus,
    SectionText,
)
from jalons.offre.objectives import UNITS
from jalons.offre.services import offre_submit
from jalons.structures.models import AnnexeFinanciere, Structure

VALIDATED_KIND = "ACI"
# (TSD %, emploi durable %, entries) for last year - 1, last year, this year, next year.
TARGETS = {
    "ACI": [(55, 20, 30), (58, 22, 32), (60, 25, 32), (60, 26, 34)],
    "EI": [(60, 30, 18), (62, 32, 20), (65, 35, 20), (65, 36, 22)],
    "ETTI": [(62, 35, 60), (65, 38, 65), (65, 40, 70), (66, 40, 72)],
    "AI": [(50, 18, 80), (52, 20, 85), (55, 22, 85), (55, 24, 90)],
    "EITI": [(70, 50, 8), (70, 50, 10), (72, 55, 10), (72, 55, 12)],
}


def text_for(structure, key: str) -> str:
    text = BY_KIND.get(structure.kind, {}).get(key) or COMMON.get(key, "")
    if not text:
        return ""
    return text.format(
        name=structure.name,
        kind_label=structure.get_kind_display().lower(),
        departement=str(structure.departement) if structure.departement_id else "",
        organisation=structure.organisation.name if structure.organisation_id else "",
        phone=structure.phone or "le standard",
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
        for entry in WRITABLE
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
        if annexe is not None:
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
        offre_submit(request=None, role="direction", offre=last)
        last.refresh_from_db()
        _offre(structure, today.year, skip=LEFT_FOR_LATER)
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
            NetworkModel.objects.create(
                network=network,
                kind=kind,
                title=title,
                section_key=section_key,
                text=text,
                status=ModelStatus.PUBLISHED,
            )
        etti = structures.filter(kind="ETTI", networks=network).first()
        if etti is not None:
            NetworkModel.objects.create(
                network=network,
                kind="section",
                title=f"Période d'intégration en ETTI ({etti.name})",
                section_key="axe1.integration",
                text=text_for(etti, "axe1.integration"),
                status=ModelStatus.PROPOSED,
                proposed_by=etti,
            )
