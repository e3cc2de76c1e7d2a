"""Writes for PASS IAE: dates from the dated rules of ``jalons.rules.pass_iae``."""

from django.core.exceptions import ValidationError
from django.db import transaction

from jalons.audit.services import audited_delete, audited_save, snapshot
from jalons.pass_iae.models import PassIae, PassProlongation, PassSuspension
from jalons.rules import pass_iae as rules


def _recompute(pass_iae: PassIae) -> None:
    pass_iae.end_date = rules.computed_end(
        pass_iae.initial_end_date,
        [(s.start_date, s.end_date) for s in pass_iae.suspensions.all()],
        [(p.start_date, p.end_date) for p in pass_iae.prolongations.all()],
    )
    pass_iae.save(update_fields=["end_date", "updated_at"])


@transaction.atomic
def pass_create(*, actor, person, number: str, start_date) -> PassIae:
    number = "".join(number.split())
    if not (number.isdigit() and len(number) == 12):
        raise ValidationError({"number": "Le numéro de PASS IAE compte 12 chiffres."})
    initial = rules.initial_end(start_date)
    pass_iae = PassIae(
        person=person,
        number=number,
        start_date=start_date,
        initial_end_date=initial,
        end_date=initial,
    )
    return audited_save(actor=actor, structure=person.structure, obj=pass_iae)


@transaction.atomic
def pass_update(*, actor, pass_iae: PassIae, number: str, start_date) -> PassIae:
    number = "".join(number.split())
    if not (number.isdigit() and len(number) == 12):
        raise ValidationError({"number": "Le numéro de PASS IAE compte 12 chiffres."})
    before = snapshot(pass_iae)
    pass_iae.number = number
    pass_iae.start_date = start_date
    pass_iae.initial_end_date = rules.initial_end(start_date)
    audited_save(
        actor=actor,
        structure=pass_iae.person.structure,
        obj=pass_iae,
        before=before,
    )
    _recompute(pass_iae)
    return pass_iae


@transaction.atomic
def suspension_add(*, actor, pass_iae: PassIae, start_date, end_date, motif):
    problems = rules.check_suspension(start_date, end_date, pass_iae.start_date, pass_iae.end_date)
    if problems:
        raise ValidationError({"end_date": problems})
    suspension = PassSuspension(
        pass_iae=pass_iae, start_date=start_date, end_date=end_date, motif=motif
    )
    audited_save(actor=actor, structure=pass_iae.person.structure, obj=suspension)
    _recompute(pass_iae)
    return suspension


@transaction.atomic
def prolongation_add(*, actor, pass_iae: PassIae, start_date, end_date, motif, prescriber):
    structure = pass_iae.person.structure
    previous = [(p.start_date, p.end_date) for p in pass_iae.prolongations.filter(motif=motif)]
    problems = rules.check_prolongation(
        motif=motif,
        start=start_date,
        end=end_date,
        siae_type=structure.kind,
        previous_same_motif=previous,
        prescriber=prescriber,
    )
    if problems:
        raise ValidationError({"end_date": problems})
    prolongation = PassProlongation(
        pass_iae=pass_iae,
        start_date=start_date,
        end_date=end_date,
        motif=motif,
        prescriber=prescriber,
    )
    audited_save(actor=actor, structure=structure, obj=prolongation)
    _recompute(pass_iae)
    return prolongation


@transaction.atomic
def period_delete(*, actor, period) -> None:
    pass_iae = period.pass_iae
    audited_delete(actor=actor, structure=pass_iae.person.structure, obj=period)
    _recompute(pass_iae)


def prolongation_motif_choices() -> list[tuple[str, str]]:
    return [(slug, rule.label) for slug, rule in rules.pass_rules().prolongations.items()]
