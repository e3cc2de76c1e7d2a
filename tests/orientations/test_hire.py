import datetime as dt

import pytest
from django.urls import reverse

from jalons.audit.models import AuditAction, AuditEntry
from jalons.parcours.models import Parcours, Person
from tests.factories import MembershipFactory
from tests.parcours.factories import OrientationFactory, ParcoursFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cip(db):
    return MembershipFactory(cip=True)


def candidate(structure, **extra):
    fields = dict(
        person=None,
        structure=structure,
        candidate_first_name="Awa",
        candidate_last_name="Traoré",
        date=dt.date(2025, 3, 3),
        outcome="en_cours",
    )
    fields.update(extra)
    return OrientationFactory(**fields)


def hire_url(orientation):
    return reverse("orientations:hire", args=[orientation.structure_id, orientation.pk])


def test_the_form_is_prefilled_with_the_candidate_but_not_the_hire_date(client, cip):
    orientation = candidate(cip.structure)
    client.force_login(cip.user)
    html = client.get(hire_url(orientation)).content.decode()
    assert 'value="Awa"' in html and 'value="Traoré"' in html
    assert "2025-03-03" not in html  # the orientation date is not the hire date
    assert "Orientation du 03/03/2025" in html


def test_embaucher_creates_the_person_and_pathway_and_links_the_orientation(client, cip):
    orientation = candidate(cip.structure)
    client.force_login(cip.user)
    response = client.post(
        hire_url(orientation),
        {"first_name": "Awa", "last_name": "Traoré", "hire_date": "17/03/2025", "rsa": "on"},
    )
    person = Person.objects.get(structure=cip.structure, last_name="Traoré")
    assert response["Location"] == reverse("parcours:person", args=[cip.structure.pk, person.pk])
    parcours = Parcours.objects.get(person=person)
    assert parcours.hire_date == dt.date(2025, 3, 17) and parcours.rsa
    orientation.refresh_from_db()
    assert orientation.person == person and orientation.outcome == "embauche"
    for obj in (person, parcours, orientation):
        assert AuditEntry.objects.filter(
            object_id=str(obj.pk), object_type=obj._meta.verbose_name
        ).exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_id=str(orientation.pk)
    ).exists()


def test_the_hire_date_is_required_and_nothing_is_created_without_it(client, cip):
    orientation = candidate(cip.structure)
    client.force_login(cip.user)
    html = client.post(
        hire_url(orientation), {"first_name": "Awa", "last_name": "Traoré"}
    ).content.decode()
    assert "Indiquez la date d&#x27;embauche" in html
    assert not Person.objects.exists()
    orientation.refresh_from_db()
    assert orientation.outcome == "en_cours"


def test_a_hire_date_in_the_future_follows_the_pathway_rules(client, cip):
    orientation = candidate(cip.structure)
    client.force_login(cip.user)
    far = (dt.date.today() + dt.timedelta(days=800)).strftime("%d/%m/%Y")
    response = client.post(
        hire_url(orientation), {"first_name": "Awa", "last_name": "Traoré", "hire_date": far}
    )
    assert response.status_code == 200 and not Person.objects.exists()


def test_an_existing_file_is_offered_and_the_orientation_attached_to_it(client, cip):
    existing = PersonFactory(structure=cip.structure, first_name="AWA", last_name="TRAORE")
    orientation = candidate(cip.structure)
    client.force_login(cip.user)
    data = {"first_name": "Awa", "last_name": "Traoré", "hire_date": "17/03/2025"}
    html = client.post(hire_url(orientation), data).content.decode()
    assert "Rattacher l'orientation à cette fiche" in html
    assert Person.objects.count() == 1
    response = client.post(hire_url(orientation), {**data, "attach_to": existing.pk})
    assert response.status_code == 302
    assert Person.objects.count() == 1
    orientation.refresh_from_db()
    assert orientation.person == existing and orientation.outcome == "embauche"
    assert Parcours.objects.get(person=existing).hire_date == dt.date(2025, 3, 17)


def test_attaching_to_another_structures_person_is_not_found(client, cip):
    stranger = PersonFactory()
    orientation = candidate(cip.structure)
    client.force_login(cip.user)
    response = client.post(
        hire_url(orientation),
        {
            "first_name": "Awa",
            "last_name": "Traoré",
            "hire_date": "17/03/2025",
            "attach_to": stranger.pk,
        },
    )
    assert response.status_code == 404
    assert not Parcours.objects.exists()


def test_an_overlapping_pathway_keeps_the_orientation_unchanged(client, cip):
    existing = PersonFactory(structure=cip.structure, first_name="Awa", last_name="Traoré")
    ParcoursFactory(person=existing, hire_date=dt.date(2025, 1, 6))
    orientation = candidate(cip.structure)
    client.force_login(cip.user)
    html = client.post(
        hire_url(orientation),
        {
            "first_name": "Awa",
            "last_name": "Traoré",
            "hire_date": "17/03/2025",
            "attach_to": existing.pk,
        },
    ).content.decode()
    assert "chevauche celui commencé le 06/01/2025" in html
    orientation.refresh_from_db()
    assert orientation.person is None and orientation.outcome == "en_cours"


def test_with_a_person_embaucher_records_the_pathway_and_the_outcome(client, cip):
    orientation = OrientationFactory(person__structure=cip.structure, outcome="en_cours")
    client.force_login(cip.user)
    page = client.get(hire_url(orientation)).content.decode()
    assert f"Nouveau parcours (embauche) de {orientation.person}" in page
    assert 'name="first_name"' not in page  # the file exists: only the pathway is asked
    response = client.post(hire_url(orientation), {"hire_date": "17/03/2025"})
    assert response.status_code == 302
    orientation.refresh_from_db()
    assert orientation.outcome == "embauche"
    assert list(
        Parcours.objects.filter(person=orientation.person).values_list("hire_date", flat=True)
    ) == [dt.date(2025, 3, 17)]


def test_an_orientation_already_hired_sends_to_the_new_pathway_form(client, cip):
    orientation = OrientationFactory(person__structure=cip.structure, outcome="embauche")
    client.force_login(cip.user)
    response = client.get(hire_url(orientation))
    assert response["Location"] == reverse(
        "parcours:parcours_create", args=[cip.structure.pk, orientation.person_id]
    )


def test_a_refused_orientation_cannot_be_hired(client, cip):
    orientation = candidate(cip.structure, outcome="refus")
    client.force_login(cip.user)
    response = client.post(
        hire_url(orientation),
        {"first_name": "Awa", "last_name": "Traoré", "hire_date": "17/03/2025"},
    )
    assert response.status_code == 302 and not Person.objects.exists()


def test_the_list_offers_embaucher_for_open_candidates_only(client, cip):
    open_one = candidate(cip.structure)
    refused = candidate(cip.structure, outcome="refus")
    client.force_login(cip.user)
    html = client.get(reverse("orientations:list", args=[cip.structure.pk])).content.decode()
    assert hire_url(open_one) in html and hire_url(refused) not in html


def test_another_structure_and_read_only_roles_are_refused(client, cip):
    orientation = candidate(cip.structure)
    outsider = MembershipFactory(cip=True)
    client.force_login(outsider.user)
    assert client.get(hire_url(orientation)).status_code == 404
    reader = MembershipFactory(structure=cip.structure, lecture=True)
    client.force_login(reader.user)
    assert client.get(hire_url(orientation)).status_code == 403
