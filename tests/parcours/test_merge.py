"""« Fusion de fiches »: prepare, cancel, confirm, collisions, access and journal."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jalons.accompagnement.models import AccompanimentAction
from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction, AuditEntry
from jalons.audit.services import HIDDEN
from jalons.formation.models import TrainingAction
from jalons.orientations.models import Orientation
from jalons.parcours import merge as merging
from jalons.parcours.models import FollowUp, MergeState, MonthlyHours, Parcours, Person, PersonMerge
from jalons.pass_iae.models import PassIae
from tests.factories import MembershipFactory
from tests.parcours.factories import (
    AccompanimentFactory,
    ContractFactory,
    FollowUpFactory,
    MonthlyHoursFactory,
    OrientationFactory,
    ParcoursFactory,
    PassFactory,
    PersonFactory,
    TrainingFactory,
)

pytestmark = pytest.mark.django_db

NIR = "290045935012322"
OTHER_NIR = "190045935012399"
NIR_LABEL = "NIR (numéro de sécurité sociale)"


@pytest.fixture
def direction(db):
    return MembershipFactory()


@pytest.fixture
def kept(direction):
    return PersonFactory(
        structure=direction.structure,
        external_id="DUP-GARDEE",
        first_name="Awa",
        last_name="Traoré",
        birth_date=dt.date(1990, 4, 12),
        phone="06 01 02 03 04",
        email="awa@exemple.org",
        city="",
    )


@pytest.fixture
def absorbed(direction):
    return PersonFactory(
        structure=direction.structure,
        external_id="DUP-ABSORBEE",
        first_name="AWA",
        last_name="TRAORE",
        birth_date=dt.date(1990, 4, 12),
        phone="07 09 08 07 06",
        email="a.traore@exemple.org",
        city="Lens",
        nir=NIR,
    )


@pytest.fixture
def rows(kept, absorbed):
    """Rows on both files, the absorbed file's pathway being an older, closed one."""
    old = ParcoursFactory(
        person=absorbed,
        hire_date=dt.date(2023, 1, 10),
        exit_date=dt.date(2023, 6, 30),
        exit_motif="cdi_non_aide",
    )
    return {
        "kept_parcours": ParcoursFactory(person=kept, hire_date=dt.date(2025, 1, 15)),
        "kept_hours": MonthlyHoursFactory(person=kept, month=dt.date(2025, 2, 1), hours=120),
        "parcours": old,
        "follow_up": FollowUpFactory(parcours=old, months=3),
        "contract": ContractFactory(parcours=old, start_date=dt.date(2023, 1, 10)),
        "hours": MonthlyHoursFactory(person=absorbed, month=dt.date(2023, 2, 1), hours=80),
        "accompaniment": AccompanimentFactory(person=absorbed),
        "orientation": OrientationFactory(person=absorbed),
        "pass": PassFactory(person=absorbed),
        "training": TrainingFactory(person=absorbed),
    }


ABSORBED_ROWS = (
    (Parcours, "parcours"),
    (MonthlyHours, "hours"),
    (AccompanimentAction, "accompaniment"),
    (Orientation, "orientation"),
    (PassIae, "pass"),
    (TrainingAction, "training"),
)


def owners(rows) -> dict[str, int]:
    """Which person each row belongs to now."""
    found = {key: model.objects.get(pk=rows[key].pk).person_id for model, key in ABSORBED_ROWS}
    found["kept_parcours"] = Parcours.objects.get(pk=rows["kept_parcours"].pk).person_id
    found["kept_hours"] = MonthlyHours.objects.get(pk=rows["kept_hours"].pk).person_id
    return found


def prepare_url(structure):
    return reverse("parcours:merge_prepare", args=[structure.pk])


def prepare(client, kept, absorbed, *, a=None, b=None, **choices):
    data = {
        "a": (a or kept).pk,
        "b": (b or absorbed).pk,
        "garder": kept.pk,
        **{f"champ_{name}": value for name, value in choices.items()},
    }
    return client.post(prepare_url(kept.structure), data)


def decide(client, merge, action):
    return client.post(reverse(f"parcours:merge_{action}", args=[merge.structure_id, merge.pk]))


def prepared(kept, absorbed, **choices) -> PersonMerge:
    return merging.person_merge_prepare(
        actor=Actor(role="direction"), kept=kept, absorbed=absorbed, choices=choices
    )


def identity(person) -> dict:
    person.refresh_from_db()
    return {name: getattr(person, name) for name in (*merging.MERGE_FIELDS[:-1], "referent_id")}


def html_of(response) -> str:
    return response.content.decode()


# 1. Preparing moves every row and hides the absorbed file.


def test_preparing_moves_every_row_to_the_kept_file_and_hides_the_absorbed_one(
    client, direction, kept, absorbed, rows
):
    client.force_login(direction.user)
    people_url = reverse("parcours:people", args=[direction.structure.pk])
    assert "DUP-ABSORBEE" in html_of(client.get(people_url))

    response = prepare(client, kept, absorbed)

    merge = PersonMerge.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("parcours:merge", args=[direction.structure.pk, merge.pk])
    assert set(owners(rows).values()) == {kept.pk}
    follow_up = FollowUp.objects.get(pk=rows["follow_up"].pk)
    assert follow_up.parcours_id == rows["parcours"].pk
    assert follow_up.parcours.person_id == kept.pk
    assert Parcours.objects.get(pk=rows["parcours"].pk).contracts.get() == rows["contract"]
    absorbed.refresh_from_db()
    assert absorbed.merged_into == kept
    assert merge.state == MergeState.PENDING
    assert merge.kept == kept and merge.absorbed == absorbed
    assert merge.absorbed_label == "AWA TRAORE (DUP-ABSORBEE)"
    assert merge.prepared_by == direction.user
    moved = {group["model"]: sorted(group["pks"]) for group in merge.moved}
    assert moved == {
        "parcours.Parcours": [rows["parcours"].pk],
        "parcours.MonthlyHours": [rows["hours"].pk],
        "orientations.Orientation": [rows["orientation"].pk],
        "pass_iae.PassIae": [rows["pass"].pk],
        "accompagnement.AccompanimentAction": [rows["accompaniment"].pk],
        "formation.TrainingAction": [rows["training"].pk],
    }
    assert merging.rows_to_move(absorbed=absorbed) == []

    listing = html_of(client.get(people_url))
    absorbed_url = reverse("parcours:person", args=[direction.structure.pk, absorbed.pk])
    assert "DUP-GARDEE" in listing
    assert "DUP-ABSORBEE" not in listing and absorbed_url not in listing
    assert absorbed_url not in html_of(client.get(people_url, {"q": "DUP-ABSORBEE"}))
    duplicates = html_of(client.get(reverse("parcours:duplicates", args=[direction.structure.pk])))
    assert reverse("parcours:merge", args=[direction.structure.pk, merge.pk]) in duplicates

    detail = client.get(response.url)
    page = html_of(detail)
    assert detail.status_code == 200
    assert "État : En attente" in page
    assert "Actions d&#x27;accompagnement : 1" in page
    assert "Confirmer la fusion" in page and "Annuler la fusion" in page


def test_the_prepare_page_shows_both_files_and_what_would_move(
    client, direction, kept, absorbed, rows
):
    client.force_login(direction.user)
    response = client.get(
        prepare_url(direction.structure), {"a": kept.pk, "b": absorbed.pk, "garder": kept.pk}
    )
    page = html_of(response)
    assert response.status_code == 200
    assert "DUP-GARDEE" in page and "DUP-ABSORBEE" in page
    assert "Sortie le 30/06/2023" in page and "En parcours depuis le 15/01/2025" in page
    assert "Actions de formation : 1" in page
    assert 'name="champ_phone" value="absorbed"' in page
    assert "Commune : Lens, repris de la fiche absorbée" in page
    assert "disabled" not in page.split("Préparer la fusion</button>")[0].rsplit("<button", 1)[1]
    assert not PersonMerge.objects.exists()
    assert owners(rows)["parcours"] == absorbed.pk


def test_the_prepare_page_without_a_pair_says_where_to_choose_one(client, direction):
    client.force_login(direction.user)
    response = client.get(prepare_url(direction.structure))
    assert response.status_code == 200
    assert "Choisissez d'abord deux fiches" in html_of(response)


# 2. Values that differ.


def test_a_conflict_takes_the_chosen_value_and_a_blank_is_filled(client, direction, kept, absorbed):
    client.force_login(direction.user)
    response = prepare(client, kept, absorbed, phone="absorbed", email="kept")
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.phone == "07 09 08 07 06"
    assert kept.email == "awa@exemple.org"
    assert kept.city == "Lens"
    assert kept.nir == NIR
    assert kept.first_name == "Awa" and kept.last_name == "Traoré"
    merge = PersonMerge.objects.get()
    assert merge.chosen_values == {
        "prénom": "Awa",
        "nom": "Traoré",
        "adresse e-mail": "awa@exemple.org",
        "téléphone": "07 09 08 07 06",
        "commune": "Lens",
        NIR_LABEL: HIDDEN,
    }
    assert merge.kept_before["phone"] == "06 01 02 03 04"
    assert merge.kept_before["city"] == ""
    assert merge.kept_before["birth_date"] == "1990-04-12"


def test_without_a_choice_the_kept_files_value_stays(client, direction, kept, absorbed):
    client.force_login(direction.user)
    assert prepare(client, kept, absorbed).status_code == 302
    kept.refresh_from_db()
    assert kept.phone == "06 01 02 03 04"
    assert kept.email == "awa@exemple.org"
    assert kept.city == "Lens"


def test_the_second_file_of_the_pair_can_be_the_kept_one(client, direction, kept, absorbed):
    client.force_login(direction.user)
    response = prepare(client, kept, absorbed, a=absorbed, b=kept, phone="absorbed")
    assert response.status_code == 302
    merge = PersonMerge.objects.get()
    assert merge.kept == kept and merge.absorbed == absorbed
    kept.refresh_from_db()
    assert kept.phone == "07 09 08 07 06"


def test_field_differences_lists_conflicts_and_blanks_only():
    kept = Person(first_name="Awa", last_name="Traoré", phone="0601", email="", city="Lille")
    absorbed = Person(first_name="Awa", last_name="Traoré", phone="0709", email="a@b.fr")
    differences = {d.name: d for d in merging.field_differences(kept=kept, absorbed=absorbed)}
    assert set(differences) == {"phone", "email"}
    assert differences["phone"].is_conflict
    assert (differences["phone"].kept, differences["phone"].absorbed) == ("0601", "0709")
    assert not differences["email"].is_conflict
    assert differences["email"].label == "adresse e-mail"


# 3. Cancelling.


def test_cancelling_restores_every_row_and_the_kept_files_values(
    client, direction, kept, absorbed, rows
):
    before_owners = owners(rows)
    before_kept = identity(kept)
    before_absorbed = identity(absorbed)
    client.force_login(direction.user)
    prepare(client, kept, absorbed, phone="absorbed")
    merge = PersonMerge.objects.get()
    assert identity(kept) != before_kept
    added_later = MonthlyHoursFactory(person=kept, month=dt.date(2025, 3, 1))

    response = decide(client, merge, "cancel")

    assert response.status_code == 302
    assert response.url == reverse("parcours:merge", args=[direction.structure.pk, merge.pk])
    assert owners(rows) == before_owners
    assert FollowUp.objects.get(pk=rows["follow_up"].pk).parcours.person_id == absorbed.pk
    assert MonthlyHours.objects.get(pk=added_later.pk).person_id == kept.pk
    assert identity(kept) == before_kept
    assert identity(absorbed) == before_absorbed
    assert absorbed.merged_into is None
    merge.refresh_from_db()
    assert merge.state == "annulee" == MergeState.CANCELLED
    assert merge.decided_by == direction.user and merge.decided_at is not None
    page = html_of(client.get(response.url))
    assert "La fusion est annulée : les deux fiches sont rétablies." in page
    assert "État : Annulée" in page and "Confirmer la fusion" not in page
    listing = html_of(client.get(reverse("parcours:people", args=[direction.structure.pk])))
    assert "DUP-ABSORBEE" in listing


def test_a_cancelled_merge_can_be_prepared_again(client, direction, kept, absorbed, rows):
    client.force_login(direction.user)
    prepare(client, kept, absorbed)
    decide(client, PersonMerge.objects.get(), "cancel")
    assert prepare(client, kept, absorbed).status_code == 302
    assert PersonMerge.objects.filter(state=MergeState.PENDING).count() == 1
    assert set(owners(rows).values()) == {kept.pk}


def test_a_file_already_in_a_pending_merge_cannot_be_merged_again(direction, kept, absorbed):
    third = PersonFactory(structure=direction.structure, first_name="Awa", last_name="Traore")
    prepared(kept, absorbed)
    with pytest.raises(ValidationError) as error:
        prepared(kept, third)
    assert error.value.messages == [
        "La fiche Awa Traoré (DUP-GARDEE) est déjà dans une fusion en attente : "
        "confirmez-la ou annulez-la d'abord."
    ]
    with pytest.raises(ValidationError, match="déjà dans une fusion en attente"):
        prepared(third, absorbed)
    with pytest.raises(ValidationError, match="deux fiches différentes de la même structure"):
        prepared(third, third)
    assert PersonMerge.objects.count() == 1


# 4. Confirming.


def test_confirming_deletes_the_absorbed_file_and_keeps_the_rows(
    client, direction, kept, absorbed, rows
):
    client.force_login(direction.user)
    prepare(client, kept, absorbed, phone="absorbed")
    merge = PersonMerge.objects.get()

    response = decide(client, merge, "confirm")

    assert response.status_code == 302
    assert not Person.objects.filter(pk=absorbed.pk).exists()
    assert set(owners(rows).values()) == {kept.pk}
    assert FollowUp.objects.get(pk=rows["follow_up"].pk).parcours.person_id == kept.pk
    kept.refresh_from_db()
    assert kept.phone == "07 09 08 07 06" and kept.city == "Lens"
    merge.refresh_from_db()
    assert merge.state == "confirmee" == MergeState.CONFIRMED
    assert merge.absorbed is None
    assert merge.absorbed_label == "AWA TRAORE (DUP-ABSORBEE)"
    assert merge.decided_by == direction.user
    page = html_of(client.get(response.url))
    assert "La fusion est confirmée : la fiche absorbée est supprimée." in page
    assert "Fusion de AWA TRAORE (DUP-ABSORBEE) dans Awa Traoré" in page
    assert "Confirmer la fusion" not in page


@pytest.mark.parametrize("action", ["confirm", "cancel"])
def test_a_decided_merge_cannot_be_confirmed_or_cancelled_again(
    client, direction, kept, absorbed, rows, action
):
    client.force_login(direction.user)
    prepare(client, kept, absorbed, phone="absorbed")
    merge = PersonMerge.objects.get()
    decide(client, merge, "confirm")
    merge.refresh_from_db()
    decided_at = merge.decided_at
    entries = AuditEntry.objects.count()

    response = decide(client, merge, action)

    assert response.status_code == 302
    page = html_of(client.get(response.url))
    assert "Cette fusion est déjà confirmée : rien à faire." in page
    merge.refresh_from_db()
    assert merge.state == MergeState.CONFIRMED and merge.decided_at == decided_at
    assert set(owners(rows).values()) == {kept.pk}
    kept.refresh_from_db()
    assert kept.phone == "07 09 08 07 06"
    assert AuditEntry.objects.exclude(action=AuditAction.VIEW).count() == entries


def test_a_cancelled_merge_cannot_be_cancelled_again(client, direction, kept, absorbed, rows):
    client.force_login(direction.user)
    prepare(client, kept, absorbed)
    merge = PersonMerge.objects.get()
    decide(client, merge, "cancel")
    before = owners(rows)

    page = html_of(client.get(decide(client, merge, "cancel").url))

    assert "Cette fusion est déjà annulée : rien à faire." in page
    assert owners(rows) == before
    merge.refresh_from_db()
    assert merge.state == MergeState.CANCELLED


def confirm_after_cancel(client, direction, kept, absorbed, rows) -> str:
    client.force_login(direction.user)
    prepare(client, kept, absorbed)
    merge = PersonMerge.objects.get()
    decide(client, merge, "cancel")
    before = owners(rows)
    entries = AuditEntry.objects.exclude(action=AuditAction.VIEW).count()

    page = html_of(client.get(decide(client, merge, "confirm").url))

    assert Person.objects.filter(pk=absorbed.pk, merged_into__isnull=True).exists()
    assert owners(rows) == before
    merge.refresh_from_db()
    assert merge.state == MergeState.CANCELLED
    assert AuditEntry.objects.exclude(action=AuditAction.VIEW).count() == entries
    return page


def test_confirming_a_cancelled_merge_changes_nothing(client, direction, kept, absorbed, rows):
    page = confirm_after_cancel(client, direction, kept, absorbed, rows)
    assert "La fusion est confirmée" not in page


def test_confirming_a_cancelled_merge_says_it_is_cancelled(client, direction, kept, absorbed, rows):
    page = confirm_after_cancel(client, direction, kept, absorbed, rows)
    assert "Cette fusion est déjà annulée : rien à faire." in page


def test_a_cancelled_merge_of_an_empty_file_cannot_be_confirmed(client, direction, kept, absorbed):
    client.force_login(direction.user)
    prepare(client, kept, absorbed)
    merge = PersonMerge.objects.get()
    decide(client, merge, "cancel")

    page = html_of(client.get(decide(client, merge, "confirm").url))

    assert "Cette fusion est déjà annulée : rien à faire." in page
    assert Person.objects.filter(pk=absorbed.pk, merged_into__isnull=True).exists()
    merge.refresh_from_db()
    assert merge.state == MergeState.CANCELLED


# 5. Collisions.


def assert_nothing_changed(kept, absorbed, kept_identity, before_owners, rows):
    assert not PersonMerge.objects.exists()
    assert identity(kept) == kept_identity
    absorbed.refresh_from_db()
    assert absorbed.merged_into is None
    assert owners(rows) == before_owners
    assert not AuditEntry.objects.exclude(action=AuditAction.VIEW).exists()


def test_hours_of_the_same_month_on_both_files_refuse_the_merge(
    client, direction, kept, absorbed, rows
):
    MonthlyHoursFactory(person=absorbed, month=dt.date(2025, 2, 1), hours=Decimal("80.5"))
    kept_identity, before_owners = identity(kept), owners(rows)
    message = (
        "Les deux fiches ont des heures pour février 2025 : 120 h sur la fiche gardée, "
        "80,5 h sur l'autre. Gardez les heures d'une seule fiche (page « Heures ») avant "
        "de fusionner."
    )
    assert merging.collisions(kept=kept, absorbed=absorbed) == [message]
    client.force_login(direction.user)

    response = prepare(client, kept, absorbed, phone="absorbed")

    assert response.status_code == 200
    page = html_of(response)
    assert "La fusion n'est pas possible en l'état" in page
    assert "Les deux fiches ont des heures pour février 2025" in page
    assert_nothing_changed(kept, absorbed, kept_identity, before_owners, rows)
    shown = html_of(client.get(prepare_url(direction.structure), {"a": kept.pk, "b": absorbed.pk}))
    assert "À corriger avant de fusionner" in shown
    assert "80,5 h sur l&#x27;autre" in shown
    assert shown.split("Préparer la fusion</button>")[0].rsplit("<button", 1)[1].count("disabled")


def test_overlapping_pathways_refuse_the_merge(client, direction, kept, absorbed, rows):
    ParcoursFactory(person=absorbed, hire_date=dt.date(2024, 6, 3))  # still open
    kept_identity, before_owners = identity(kept), owners(rows)
    client.force_login(direction.user)

    response = prepare(client, kept, absorbed)

    assert response.status_code == 200
    assert (
        "Le parcours commencé le 03/06/2024 chevauche celui commencé le 15/01/2025 sur la "
        "fiche gardée. Corrigez les dates ou supprimez le parcours en double avant de "
        "fusionner."
    ) in html_of(response).replace("&#x27;", "'")
    assert_nothing_changed(kept, absorbed, kept_identity, before_owners, rows)


def test_pathways_on_the_same_hire_date_refuse_the_merge(direction, kept, absorbed):
    ParcoursFactory(person=kept, hire_date=dt.date(2025, 1, 15), exit_date=dt.date(2025, 2, 1))
    ParcoursFactory(person=absorbed, hire_date=dt.date(2025, 1, 15), exit_date=dt.date(2025, 1, 20))
    with pytest.raises(ValidationError) as error:
        prepared(kept, absorbed)
    assert error.value.messages == [
        "Le parcours commencé le 15/01/2025 chevauche celui commencé le 15/01/2025 sur la "
        "fiche gardée. Corrigez les dates ou supprimez le parcours en double avant de "
        "fusionner."
    ]
    assert Parcours.objects.filter(person=absorbed).count() == 1


def test_pathways_one_after_the_other_do_not_collide(direction, kept, absorbed):
    ParcoursFactory(person=kept, hire_date=dt.date(2025, 1, 15))
    ParcoursFactory(person=absorbed, hire_date=dt.date(2024, 1, 15), exit_date=dt.date(2025, 1, 14))
    assert merging.collisions(kept=kept, absorbed=absorbed) == []


def test_the_same_pass_on_both_files_refuses_the_merge(direction, kept, absorbed):
    PassFactory(person=kept, number="999992112345")
    PassFactory(person=absorbed, number="999992112345")
    problems = merging.collisions(kept=kept, absorbed=absorbed)
    assert len(problems) == 1
    assert "Les deux fiches ont chacune un élément « PASS IAE »" in problems[0]
    assert "999992112345" in problems[0]
    with pytest.raises(ValidationError):
        prepared(kept, absorbed)
    assert PassIae.objects.filter(person=absorbed).count() == 1
    assert not PersonMerge.objects.exists()


# 6. Access.


@pytest.fixture
def pending(kept, absorbed, rows):
    return prepared(kept, absorbed, phone="absorbed")


@pytest.mark.parametrize("trait", ["cip", "encadrant", "lecture"])
def test_only_the_direction_reaches_the_merge_pages(client, direction, kept, absorbed, trait):
    other = PersonFactory(structure=direction.structure, first_name="Awa", last_name="Traoré")
    merge = prepared(kept, absorbed, phone="absorbed")
    kept_identity = identity(kept)
    member = MembershipFactory(structure=direction.structure, **{trait: True})
    client.force_login(member.user)
    structure = direction.structure.pk
    pair = {"a": kept.pk, "b": other.pk, "garder": kept.pk}

    assert client.get(reverse("parcours:duplicates", args=[structure])).status_code == 403
    assert client.get(prepare_url(direction.structure), pair).status_code == 403
    assert client.post(prepare_url(direction.structure), pair).status_code == 403
    assert client.get(reverse("parcours:merge", args=[structure, merge.pk])).status_code == 403
    assert decide(client, merge, "confirm").status_code == 403
    assert decide(client, merge, "cancel").status_code == 403

    assert PersonMerge.objects.get() == merge
    merge.refresh_from_db()
    assert merge.state == MergeState.PENDING
    assert Person.objects.filter(pk=absorbed.pk, merged_into=kept).exists()
    assert identity(kept) == kept_identity
    other.refresh_from_db()
    assert other.merged_into is None


def test_another_structures_direction_gets_404_on_the_merge_pages(
    client, direction, kept, absorbed, pending
):
    intruder = MembershipFactory()
    client.force_login(intruder.user)
    own, victim = intruder.structure.pk, direction.structure.pk
    for structure in (own, victim):
        assert (
            client.get(reverse("parcours:merge", args=[structure, pending.pk])).status_code == 404
        )
        for action in ("confirm", "cancel"):
            url = reverse(f"parcours:merge_{action}", args=[structure, pending.pk])
            assert client.post(url).status_code == 404
    assert client.get(reverse("parcours:duplicates", args=[victim])).status_code == 404
    pending.refresh_from_db()
    assert pending.state == MergeState.PENDING
    assert Person.objects.filter(pk=absorbed.pk, merged_into=kept).exists()


def test_another_structures_direction_cannot_prepare_with_the_victims_people(
    client, direction, kept, absorbed
):
    intruder = MembershipFactory()
    mine = PersonFactory(structure=intruder.structure, first_name="Awa", last_name="Traoré")
    client.force_login(intruder.user)
    url = prepare_url(intruder.structure)
    for a, b in ((kept, absorbed), (mine, kept), (kept, mine), (absorbed, mine)):
        pair = {"a": a.pk, "b": b.pk, "garder": a.pk}
        assert client.get(url, pair).status_code == 404
        assert client.post(url, pair).status_code == 404
    pair = {"a": kept.pk, "b": absorbed.pk, "garder": kept.pk}
    assert client.post(prepare_url(direction.structure), pair).status_code == 404
    assert not PersonMerge.objects.exists()
    assert not Person.objects.filter(merged_into__isnull=False).exists()
    assert identity(kept)["phone"] == "06 01 02 03 04"


def test_the_service_refuses_two_files_of_different_structures(direction, kept):
    elsewhere = PersonFactory(first_name="Awa", last_name="Traoré")
    with pytest.raises(ValidationError, match="deux fiches différentes de la même structure"):
        prepared(kept, elsewhere)
    assert not PersonMerge.objects.exists()


def test_an_unknown_or_malformed_id_is_404(client, direction, kept):
    client.force_login(direction.user)
    url = prepare_url(direction.structure)
    assert client.get(url, {"a": kept.pk, "b": "abc"}).status_code == 404
    assert client.get(url, {"a": kept.pk, "b": kept.pk + 1000}).status_code == 404
    assert client.post(url, {"a": kept.pk, "b": "abc"}).status_code == 404
    missing = reverse("parcours:merge", args=[direction.structure.pk, 999999])
    assert client.get(missing).status_code == 404


def test_posting_the_prepare_form_without_a_pair_is_404(client, direction, kept):
    client.force_login(direction.user)
    client.raise_request_exception = False
    response = client.post(prepare_url(direction.structure), {"a": kept.pk})
    assert response.status_code == 404


# 7. Journal.


def merge_entries(structure, step):
    return [
        e
        for e in AuditEntry.objects.filter(structure=structure, object_type="fusion de fiches")
        if e.changes.get("étape") == [None, step]
    ]


def test_each_step_is_written_to_the_structures_journal(client, direction, kept, absorbed, rows):
    client.force_login(direction.user)
    prepare(client, kept, absorbed, phone="absorbed")
    merge = PersonMerge.objects.get()
    [entry] = merge_entries(direction.structure, "préparée")
    assert entry.action == AuditAction.CREATE
    assert entry.user == direction.user and entry.role == "direction"
    assert entry.object_id == str(merge.pk)
    assert entry.changes == {
        "étape": [None, "préparée"],
        "fiche gardée": [None, "Awa Traoré (DUP-GARDEE)"],
        "fiche absorbée": [None, "AWA TRAORE (DUP-ABSORBEE)"],
        "lignes déplacées": [None, 6],
    }
    kept_update = AuditEntry.objects.get(
        structure=direction.structure, object_type="personne", object_id=str(kept.pk)
    )
    assert kept_update.changes["téléphone"] == ["06 01 02 03 04", "07 09 08 07 06"]
    assert kept_update.changes[NIR_LABEL] == ["", HIDDEN]
    absorbed_update = AuditEntry.objects.get(
        structure=direction.structure, object_type="personne", object_id=str(absorbed.pk)
    )
    assert absorbed_update.changes == {"fusionnée dans": [None, "Awa Traoré"]}

    decide(client, merge, "cancel")
    [entry] = merge_entries(direction.structure, "annulée")
    assert entry.action == AuditAction.UPDATE and entry.user == direction.user

    prepare(client, kept, absorbed)
    second = PersonMerge.objects.get(state=MergeState.PENDING)
    decide(client, second, "confirm")
    [entry] = merge_entries(direction.structure, "confirmée")
    assert entry.action == AuditAction.UPDATE and entry.object_id == str(second.pk)
    deletion = AuditEntry.objects.get(structure=direction.structure, action=AuditAction.DELETE)
    assert deletion.object_type == "personne" and deletion.object_id == str(absorbed.pk)
    assert len(merge_entries(direction.structure, "préparée")) == 2
    assert not AuditEntry.objects.filter(structure__isnull=True, object_type="fusion de fiches")


@pytest.mark.parametrize("kept_nir", ["", OTHER_NIR])
def test_the_nir_never_appears_in_clear_in_the_values_or_the_journal(
    client, direction, kept, absorbed, kept_nir
):
    kept.nir = kept_nir
    kept.save()
    client.force_login(direction.user)
    prepare(client, kept, absorbed, nir="absorbed")
    merge = PersonMerge.objects.get()
    kept.refresh_from_db()
    assert kept.nir == NIR
    assert merge.chosen_values[NIR_LABEL] == HIDDEN
    detail = html_of(client.get(reverse("parcours:merge", args=[direction.structure.pk, merge.pk])))
    assert HIDDEN in detail

    decide(client, merge, "cancel")
    kept.refresh_from_db()
    assert kept.nir == kept_nir
    prepare(client, kept, absorbed, nir="absorbed")
    decide(client, PersonMerge.objects.get(state=MergeState.PENDING), "confirm")

    texts = [json.dumps(m.chosen_values) for m in PersonMerge.objects.all()]
    texts += [
        json.dumps(e.changes) + e.object_repr
        for e in AuditEntry.objects.filter(structure=direction.structure)
    ]
    assert AuditEntry.objects.filter(structure=direction.structure).count() >= 8
    for text in [*texts, detail]:
        assert NIR not in text and "2900459350" not in text
        if kept_nir:
            assert OTHER_NIR not in text


def test_replacing_the_kept_nir_by_the_absorbed_one_is_logged_as_a_change(
    client, direction, kept, absorbed
):
    kept.nir = OTHER_NIR
    kept.save()
    client.force_login(direction.user)
    prepare(client, kept, absorbed, nir="absorbed")
    kept.refresh_from_db()
    assert kept.nir == NIR
    entry = AuditEntry.objects.get(
        structure=direction.structure, object_type="personne", object_id=str(kept.pk)
    )
    assert NIR_LABEL in entry.changes
    assert NIR not in json.dumps(entry.changes) and OTHER_NIR not in json.dumps(entry.changes)


# 8. Data added to the absorbed file after preparation.


def test_data_added_to_the_absorbed_file_after_preparation_blocks_the_confirmation(
    client, direction, kept, absorbed, rows
):
    client.force_login(direction.user)
    prepare(client, kept, absorbed)
    merge = PersonMerge.objects.get()
    late = AccompanimentFactory(person=absorbed, date=dt.date(2025, 4, 2))
    entries = AuditEntry.objects.exclude(action=AuditAction.VIEW).count()

    response = decide(client, merge, "confirm")

    assert response.status_code == 302
    page = html_of(client.get(response.url)).replace("&#x27;", "'")
    assert (
        "La fiche absorbée a reçu de nouvelles données depuis la préparation (actions "
        "d'accompagnement : 1) : annulez cette fusion puis préparez-la de nouveau."
    ) in page
    merge.refresh_from_db()
    assert merge.state == MergeState.PENDING and merge.decided_at is None
    assert Person.objects.filter(pk=absorbed.pk, merged_into=kept).exists()
    assert AccompanimentAction.objects.get(pk=late.pk).person_id == absorbed.pk
    assert set(owners(rows).values()) == {kept.pk}
    assert AuditEntry.objects.exclude(action=AuditAction.VIEW).count() == entries

    decide(client, merge, "cancel")
    merge.refresh_from_db()
    assert merge.state == MergeState.CANCELLED
    assert owners(rows)["accompaniment"] == absorbed.pk
    assert AccompanimentAction.objects.filter(person=absorbed).count() == 2
