"""The contract in progress in the list of people, and its filter by kind."""

from django.db.models import Exists, OuterRef, Subquery

from jalons.contrats.models import Contract, ContractKind
from jalons.parcours.extensions import PeopleColumn


class ContractColumn(PeopleColumn):
    key = "contrat"
    position = 40
    header = "Contrat en cours"
    cell_template = "contrats/people/contract_cell.html"
    filter_template = "contrats/people/contract_filter.html"
    choices = ContractKind.choices

    def annotate(self, people, *, today):
        current = Contract.objects.filter(
            parcours__person=OuterRef("pk"), parcours__exit_date__isnull=True
        ).order_by("-start_date")
        return people.annotate(
            contract_kind=Subquery(current.values("kind")[:1]),
            contract_post=Subquery(current.values("post")[:1]),
        )

    def parse(self, query) -> str:
        value = query.get(self.key, "")
        return value if value in ContractKind.values else ""

    def filter(self, people, value, *, today):
        return people.filter(
            Exists(Contract.objects.filter(parcours__person=OuterRef("pk"), kind=value))
        )


def has_current_contract():
    """For « Dossiers incomplets »: a contract in a pathway in progress."""
    return Exists(
        Contract.objects.filter(parcours__person=OuterRef("pk"), parcours__exit_date__isnull=True)
    )
