"""The client company's page, reached through its link without an account."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from jalons.audit.actor import Actor
from jalons.missions import services
from jalons.missions.forms import EvaluationForm
from jalons.web.mixins import add_service_errors

CLIENT_ROLE = "entreprise cliente"


@never_cache
@require_http_methods(["GET", "POST"])
def client_evaluation(request, mission_id: int, token: str):
    # Nobody is signed in: the journal keeps the address and « entreprise cliente ».
    actor = Actor.from_request(request, role=CLIENT_ROLE)
    try:
        evaluation = services.client_link_open(actor=actor, mission_id=mission_id, token=token)
    except services.LinkRefused as refused:
        return render(
            request,
            "missions/client_link_refused.html",
            {"reason": refused.reason},
            status=refused.status,
        )
    mission = evaluation.contract
    structure = mission.parcours.structure
    criteria = services.active_criteria(structure)
    form = EvaluationForm(
        request.POST if request.method == "POST" else None, criteria=criteria, by_cip=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.client_evaluation_submit(
                actor=actor,
                evaluation=evaluation,
                evaluator_name=form.cleaned_data["evaluator_name"],
                comment=form.cleaned_data["comment"],
                answers=form.answers(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(
                request,
                "missions/client_thanks.html",
                {"structure_name": structure.name, "mission": mission},
            )
    return render(
        request,
        "missions/client_evaluation.html",
        {
            "form": form,
            "first_name": mission.parcours.person.first_name,
            "mission": mission,
            "structure_name": structure.name,
            "expires_at": evaluation.link_expires_at,
        },
    )
