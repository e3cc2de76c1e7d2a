"""factory_boy factories for the Django models, with traits."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from jalons.accounts.models import (
    DdetsMembership,
    Invitation,
    NetworkMembership,
    Role,
    StructureMembership,
    User,
)
from jalons.structures.models import (
    AnnexeFinanciere,
    Ddets,
    Departement,
    FunderKind,
    Funding,
    Network,
    Organisation,
    Structure,
    StructureKind,
)
from jalons.structures.validators import luhn_ok

PASSWORD = "Mot-de-passe-Test-2026"


def siret_for(n: int) -> str:
    """A Luhn-valid, fictitious SIRET (starting with 998)."""
    prefix = f"998{n:010d}"
    return next(prefix + str(k) for k in range(10) if luhn_ok(prefix + str(k)))


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Association n° {n}")
    siret = factory.Sequence(lambda n: siret_for(2 * n))


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Réseau n° {n}")
    acronym = factory.Sequence(lambda n: f"R{n}")


class StructureFactory(DjangoModelFactory):
    class Meta:
        model = Structure
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = StructureKind.ACI
    name = factory.Sequence(lambda n: f"Structure n° {n}")
    siret = factory.Sequence(lambda n: siret_for(2 * n + 1))
    identifier = factory.LazyAttribute(lambda o: o.siret)
    departement = factory.LazyFunction(lambda: Departement.objects.get(code="59"))
    city = "Lille"

    class Params:
        etti = factory.Trait(kind=StructureKind.ETTI)
        pas_de_calais = factory.Trait(
            departement=factory.LazyFunction(lambda: Departement.objects.get(code="62"))
        )


class AnnexeFactory(DjangoModelFactory):
    class Meta:
        model = AnnexeFinanciere

    structure = factory.SubFactory(StructureFactory)
    number = factory.Sequence(lambda n: f"ACI059260{n:04d}A0M0")
    start_date = datetime.date(2026, 1, 1)
    end_date = datetime.date(2026, 12, 31)
    etp_conventionnes = Decimal("12.50")
    annual_reference_hours = Decimal("1820")


class FundingFactory(DjangoModelFactory):
    class Meta:
        model = Funding

    annexe = factory.SubFactory(AnnexeFactory)
    kind = FunderKind.ETAT


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.org")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = StructureMembership

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    role = Role.DIRECTION

    class Params:
        cip = factory.Trait(role=Role.CIP)
        encadrant = factory.Trait(role=Role.ENCADRANT)
        lecture = factory.Trait(role=Role.LECTURE)


class NetworkMembershipFactory(DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    user = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)


class DdetsFactory(DjangoModelFactory):
    class Meta:
        model = Ddets
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"DDETS n° {n}")

    @factory.post_generation
    def departements(obj, create, extracted, **kwargs):
        if create:
            obj.departements.set(Departement.objects.filter(code__in=extracted or ["59"]))


class DdetsMembershipFactory(DjangoModelFactory):
    class Meta:
        model = DdetsMembership
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    ddets = factory.SubFactory(DdetsFactory)

    @factory.post_generation
    def departements(obj, create, extracted, **kwargs):
        if create:
            obj.departements.set(extracted or obj.ddets.departements.all())


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    structure = factory.SubFactory(StructureFactory)
    email = factory.Sequence(lambda n: f"invite{n}@exemple.org")
    role = Role.CIP
    token_hash = factory.Sequence(lambda n: f"{n:064d}")
    expires_at = factory.LazyFunction(
        lambda: datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=7)
    )
