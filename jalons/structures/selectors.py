"""Reads for structures. Callers pass a structure already obtained through
``jalons.accounts.access``: nothing here widens what a user can see."""

from django.db.models import Count, Prefetch, Sum

from jalons.structures.models import AnnexeFinanciere, Funding, Structure


def annexes_of(*, structure: Structure):
    return (
        AnnexeFinanciere.objects.filter(structure=structure)
        .prefetch_related(Prefetch("fundings", queryset=Funding.objects.order_by("kind", "label")))
        .order_by("-start_date")
    )


def annexe_of(*, structure: Structure, annexe_id: int) -> AnnexeFinanciere:
    return annexes_of(structure=structure).get(pk=annexe_id)


def current_annexe(*, structure: Structure, on):
    return annexes_of(structure=structure).filter(start_date__lte=on, end_date__gte=on).first()


def etp_by_year(*, structure: Structure) -> list[dict]:
    return list(
        AnnexeFinanciere.objects.filter(structure=structure)
        .values("start_date__year")
        .annotate(etp=Sum("etp_conventionnes"), annexes=Count("id"))
        .order_by("-start_date__year")
    )


def sister_structures(*, structure: Structure):
    """Other structures of the same organisation (ensemblier): names only."""
    return (
        Structure.objects.filter(organisation_id=structure.organisation_id)
        .exclude(pk=structure.pk)
        .order_by("name")
    )


def directory_for_network(*, network):
    return (
        Structure.objects.filter(networks=network)
        .select_related("departement")
        .order_by("departement__code", "name")
    )


def directory_for_departements(*, departements):
    return (
        Structure.objects.filter(departement__in=departements)
        .select_related("departement")
        .order_by("departement__code", "name")
    )


def structures_list(*, ordering=("name",)):
    """All structures, for the command line (administration)."""
    return Structure.objects.select_related("departement", "organisation").order_by(*ordering)
