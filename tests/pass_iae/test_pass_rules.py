"""PASS IAE rules, from data/pass_iae.yaml (source: les emplois de l'inclusion [P2],
décret n° 2021-1128)."""

import datetime as dt

from jalons.rules.pass_iae import (
    add_months,
    check_prolongation,
    check_suspension,
    computed_end,
    initial_end,
)

D = dt.date


def test_a_pass_started_on_15_january_2024_ends_on_14_january_2026():
    # 24 months from 2024-01-15 is 2026-01-15; the last valid day is the day before.
    assert initial_end(D(2024, 1, 15)) == D(2026, 1, 14)


def test_a_pass_started_on_31_august_ends_on_30_august_two_years_later():
    assert add_months(D(2023, 8, 31), 24) == D(2025, 8, 31)
    assert initial_end(D(2023, 8, 31)) == D(2025, 8, 30)


def test_adding_a_month_to_31_january_gives_the_last_day_of_february():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)


def test_a_30_day_suspension_and_a_92_day_prolongation_push_the_end_by_122_days():
    # 2026-01-14 + 30 days (June 2024) + 92 days (2026-01-15..2026-04-16) = 2026-05-16.
    end = computed_end(
        D(2026, 1, 14), [(D(2024, 6, 1), D(2024, 6, 30))], [(D(2026, 1, 15), D(2026, 4, 16))]
    )
    assert end == D(2026, 1, 14) + dt.timedelta(days=122)


def test_a_suspension_of_36_months_minus_a_day_is_allowed_36_months_is_not():
    start = D(2024, 3, 1)
    ok = check_suspension(start, D(2027, 2, 28), D(2024, 1, 1), D(2025, 12, 31))
    too_long = check_suspension(start, D(2027, 3, 1), D(2024, 1, 1), D(2025, 12, 31))
    assert ok == []
    assert too_long == ["Une suspension dure au plus 36 mois (règle du PASS IAE)."]


def test_a_suspension_starting_after_the_pass_is_refused():
    problems = check_suspension(D(2026, 2, 1), D(2026, 3, 1), D(2024, 1, 1), D(2025, 12, 31))
    assert "pendant la validité du PASS IAE" in problems[0]


def test_difficultes_particulieres_is_for_ai_and_aci_only_and_needs_a_prescriber():
    aci = check_prolongation(
        motif="difficultes_particulieres",
        start=D(2026, 1, 15),
        end=D(2027, 1, 14),
        siae_type="ACI",
        previous_same_motif=[],
        prescriber="France Travail Lille",
    )
    etti = check_prolongation(
        motif="difficultes_particulieres",
        start=D(2026, 1, 15),
        end=D(2027, 1, 14),
        siae_type="ETTI",
        previous_same_motif=[],
        prescriber="",
    )
    assert aci == []
    assert etti == [
        "Le motif « Difficultés particulièrement importantes » n'est possible qu'en AI et ACI.",
        "Ce motif demande l'avis d'un prescripteur : indiquez lequel.",
    ]


def test_rqth_prolongations_stop_at_36_months_in_total():
    # Two earlier prolongations of 12 months each (731 days), a third of 12 months fits
    # exactly in 36 months; one more day does not.
    previous = [(D(2024, 1, 15), D(2025, 1, 14)), (D(2025, 1, 15), D(2026, 1, 14))]
    fits = check_prolongation(
        motif="rqth",
        start=D(2026, 1, 15),
        end=D(2027, 1, 14),
        siae_type="EI",
        previous_same_motif=previous,
        prescriber="Cap emploi",
    )
    assert fits == []
    over = check_prolongation(
        motif="rqth",
        start=D(2026, 1, 15),
        end=D(2027, 1, 14),
        siae_type="EI",
        previous_same_motif=[*previous, (D(2023, 1, 1), D(2023, 1, 1))],
        prescriber="Cap emploi",
    )
    assert over == ["Les prolongations pour ce motif ne peuvent pas dépasser 36 mois au total."]


def test_end_of_training_needs_no_prescriber_and_has_no_total_cap():
    assert (
        check_prolongation(
            motif="fin_formation",
            start=D(2026, 1, 15),
            end=D(2027, 1, 14),
            siae_type="ETTI",
            previous_same_motif=[(D(2020, 1, 1), D(2024, 1, 1))],
            prescriber="",
        )
        == []
    )
