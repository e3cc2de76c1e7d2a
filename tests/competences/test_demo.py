import datetime
import time

import pytest

from jalons.competences.demo import load_demo_competences
from jalons.competences.models import EvaluatorKind, ProfessionalTitle, SkillEvaluation
from jalons.demo.data import load_demo
from jalons.documents import builders
from jalons.documents.rendering import html_to_pdf, render_html, warm_up
from jalons.structures.models import Structure

TODAY = datetime.date(2026, 6, 30)


@pytest.fixture
def demo(db):
    load_demo(today=TODAY, offres=False, region=False)
    load_demo_competences(today=TODAY)


def test_every_demo_structure_has_two_titles_and_evaluations_over_time(demo):
    for structure in Structure.objects.filter(identifier__startswith="DEMO-"):
        assert ProfessionalTitle.objects.filter(structure=structure).count() == 2
        evaluations = SkillEvaluation.objects.filter(structure=structure)
        assert evaluations.values("person").distinct().count() >= 2, structure
        assert evaluations.values("evaluated_on").distinct().count() >= 4, structure
    etti = Structure.objects.get(kind="ETTI", identifier__startswith="DEMO-")
    assert SkillEvaluation.objects.filter(
        structure=etti, evaluator_kind=EvaluatorKind.CLIENT, client__isnull=False
    ).exists()
    count = SkillEvaluation.objects.count()
    load_demo_competences(today=TODAY)  # idempotent
    assert SkillEvaluation.objects.count() == count


def test_the_demo_documents_are_generated_and_their_times_printed(demo):
    """The times are printed for docs/performance.md (run with -s -n 0); speed
    is judged there, on a quiet machine, not by this test."""
    warm_up()  # the first PDF of a process also loads the fonts: measured apart
    evaluation = SkillEvaluation.objects.filter(structure__kind="ETTI").latest("evaluated_on")
    structure, person = evaluation.structure, evaluation.person
    for name, template, context in [
        ("attestation", "documents/attestation.html", builders.attestation_context),
        ("cv", "documents/cv.html", builders.cv_context),
    ]:
        started = time.perf_counter()
        pdf = html_to_pdf(
            render_html(template, context(structure=structure, person=person, today=TODAY))
        )
        elapsed = time.perf_counter() - started
        print(f"\n{name} : {elapsed:.2f} s")
        assert pdf.startswith(b"%PDF")
    started = time.perf_counter()
    livret = html_to_pdf(
        render_html(
            "documents/livret.html", builders.livret_context(structure=structure, today=TODAY)
        )
    )
    elapsed = time.perf_counter() - started
    print(f"\nlivret : {elapsed:.2f} s")
    assert livret.startswith(b"%PDF")
