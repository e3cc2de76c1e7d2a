import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from jalons.accounts.access import role_allows
from jalons.contrats.models import Contract
from jalons.missions import selectors, services
from jalons.missions.forms import (
    CriterionForm,
    EvaluationForm,
    IncidentActionForm,
    IncidentForm,
    IntegrationCallForm,
    PresentedForm,
)
from jalons.missions.models import EvaluationCriterion, MissionEvaluation, MissionIncident
from jalons.parcours.mixins import PersonAccessMixin, PersonFormView
from jalons.pass_iae.selectors import contract_warning
from jalons.web.mixins import ServiceFormView, StructureAccessMixin

# Grid ------------------------------------------------------------------------


class GridView(StructureAccessMixin, TemplateView):
    permission = "clients.voir"
    template_name = "missions/grid.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        can_edit = role_allows(self.role, "clients.modifier")
        if can_edit:
            services.criteria_ensure_defaults(actor=self.actor, structure=self.structure)
        self.audit_view()
        context.update(
            criteria=selectors.criteria_of(structure=self.structure),
            can_edit=can_edit,
            link_days=services.link_days(),
        )
        return context


class CriterionFormView(ServiceFormView):
    permission = "clients.modifier"
    form_class = CriterionForm
    success_message = "Le critère est enregistré."

    @property
    def criterion(self) -> EvaluationCriterion | None:
        if "criterion_id" not in self.kwargs:
            return None
        return self.found(
            "Critère",
            lambda: selectors.criterion_of(
                structure=self.structure, criterion_id=self.kwargs["criterion_id"]
            ),
        )

    @property
    def title(self):
        return "Modifier le critère" if self.criterion else "Nouveau critère d'évaluation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = (
            "Les évaluations déjà faites gardent le libellé du critère tel qu'il était."
        )
        return context

    def get_initial(self):
        criterion = self.criterion
        if criterion is None:
            return {"active": True}
        return {n: getattr(criterion, n) for n in ("label", "help_text", "position", "active")}

    def save(self, form):
        data = dict(form.cleaned_data)
        if self.criterion is None and not data["position"]:
            data.pop("position")
        services.criterion_save(
            actor=self.actor,
            structure=self.structure,
            criterion=self.criterion,
            **data,
        )

    def get_success_url(self):
        return reverse("missions:grid", args=[self.structure.pk])


# A mission and what hangs on it ----------------------------------------------


class MissionMixin(PersonAccessMixin):
    @property
    def mission(self) -> Contract:
        return self.found(
            "Mission",
            lambda: selectors.mission_of(
                structure=self.structure, person=self.person, mission_id=self.kwargs["mission_id"]
            ),
            keep="_mission",
        )

    def mission_url(self) -> str:
        return reverse(
            "missions:mission", args=[self.structure.pk, self.person.pk, self.mission.pk]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["mission"] = self.mission
        return context


class MissionView(MissionMixin, TemplateView):
    template_name = "missions/mission.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view(self.mission)
        context.update(
            file=selectors.mission_file(structure=self.structure, contract=self.mission),
            pass_warning=contract_warning(
                contract=self.mission, today=timezone.localdate(), saved=False
            ),
            can_edit=role_allows(self.role, "personnes.modifier"),
            now=dt.datetime.now(dt.UTC),
        )
        return context


class MissionFormView(MissionMixin, PersonFormView):
    def get_success_url(self):
        return self.mission_url()


class EvaluationCreateView(MissionFormView):
    form_class = EvaluationForm
    title = "Évaluation de la mission par le CIP"
    success_message = "L'évaluation est enregistrée."

    def get_form_kwargs(self):
        services.criteria_ensure_defaults(actor=self.actor, structure=self.structure)
        return {"criteria": services.active_criteria(self.structure)}

    def get_initial(self):
        return {"evaluated_on": dt.date.today()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        m = self.mission
        context["lead"] = (
            f"{m.post} chez {m.client or 'un client'}, depuis le {m.start_date:%d/%m/%Y}."
        )
        return context

    def save(self, form):
        services.evaluation_create(
            actor=self.actor,
            contract=self.mission,
            evaluated_on=form.cleaned_data["evaluated_on"],
            evaluator_name=form.cleaned_data["evaluator_name"],
            comment=form.cleaned_data["comment"],
            answers=form.answers(),
        )


class ClientLinkView(MissionMixin, TemplateView):
    """Creates a link for the client company; the link is shown once."""

    permission = "personnes.modifier"
    template_name = "missions/client_link.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["link_days"] = services.link_days()
        return context

    def post(self, request, *args, **kwargs):
        try:
            evaluation, token = services.client_link_create(actor=self.actor, contract=self.mission)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.mission_url())
        link = request.build_absolute_uri(
            reverse("missions:client_evaluation", args=[self.mission.pk, token])
        )
        mission = self.mission
        expires = timezone.localtime(evaluation.link_expires_at)
        mail_body = (
            f"Bonjour,\n\nPourriez-vous évaluer la mission de {self.person.first_name} "
            f"({mission.post}, à partir du {mission.start_date:%d/%m/%Y}) ? "
            f"Le formulaire prend quelques minutes :\n{link}\n\n"
            f"Ce lien est valable jusqu'au {expires:%d/%m/%Y} et ne sert qu'une fois.\n\n"
            f"Merci,\n{request.user.get_full_name()}\n{self.structure.name}"
        )
        return self.render_to_response(
            self.get_context_data(
                link=link,
                evaluation=evaluation,
                mail_subject=f"Évaluation de la mission de {self.person.first_name}",
                mail_body=mail_body,
            )
        )


class EvaluationMixin(PersonAccessMixin):
    @property
    def evaluation(self) -> MissionEvaluation:
        return self.found(
            "Évaluation",
            lambda: selectors.evaluation_of(
                structure=self.structure,
                person=self.person,
                evaluation_id=self.kwargs["evaluation_id"],
            ),
            keep="_evaluation",
        )


class EvaluationDetailView(EvaluationMixin, TemplateView):
    """A printable page, to go through the evaluation with the employee."""

    template_name = "missions/evaluation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view(self.evaluation)
        context.update(
            evaluation=self.evaluation,
            mission=self.evaluation.contract,
            can_edit=role_allows(self.role, "personnes.modifier"),
        )
        return context


class EvaluationPresentedView(EvaluationMixin, PersonFormView):
    form_class = PresentedForm
    title = "Évaluation présentée au salarié"
    submit_label = "Enregistrer la présentation"
    success_message = "La présentation au salarié est enregistrée."

    def get_initial(self):
        return {"presented_on": self.evaluation.presented_on or dt.date.today()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = (
            "Indiquez quand l'évaluation de l'entreprise cliente a été lue avec le salarié."
        )
        return context

    def save(self, form):
        services.evaluation_mark_presented(
            actor=self.actor,
            evaluation=self.evaluation,
            presented_on=form.cleaned_data["presented_on"],
        )

    def get_success_url(self):
        return reverse(
            "missions:evaluation", args=[self.structure.pk, self.person.pk, self.evaluation.pk]
        )


class IntegrationCallCreateView(MissionFormView):
    form_class = IntegrationCallForm
    title = "Suivi d'intégration"
    success_message = "Le suivi d'intégration est enregistré."

    def get_initial(self):
        return {"date": dt.date.today(), "medium": "telephone"}

    def save(self, form):
        services.integration_call_create(
            actor=self.actor, contract=self.mission, **form.cleaned_data
        )


class IncidentCreateView(MissionFormView):
    form_class = IncidentForm
    title = "Fin anticipée de la mission à l'initiative du client"
    submit_label = "Enregistrer l'incident"
    success_message = (
        "L'incident est enregistré et la mission est marquée comme arrêtée par le client. "
        "Ajoutez les actions décidées."
    )

    def get_initial(self):
        return {"reported_on": dt.date.today()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = (
            "Décrivez les faits de façon objective, puis la version de chacun. "
            "La mission sera marquée « fin anticipée à l'initiative du client »."
        )
        return context

    def save(self, form):
        self.created = services.incident_create(
            actor=self.actor, contract=self.mission, **form.cleaned_data
        )

    def get_success_url(self):
        if hasattr(self, "created"):
            return reverse(
                "missions:incident", args=[self.structure.pk, self.person.pk, self.created.pk]
            )
        return self.mission_url()


class IncidentMixin(PersonAccessMixin):
    @property
    def incident(self) -> MissionIncident:
        return self.found(
            "Incident",
            lambda: selectors.incident_of(
                structure=self.structure, person=self.person, incident_id=self.kwargs["incident_id"]
            ),
            keep="_incident",
        )

    def incident_url(self):
        return reverse(
            "missions:incident", args=[self.structure.pk, self.person.pk, self.incident.pk]
        )


class IncidentDetailView(IncidentMixin, TemplateView):
    template_name = "missions/incident_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view(self.incident)
        context.update(
            incident=self.incident,
            mission=self.incident.contract,
            can_edit=role_allows(self.role, "personnes.modifier"),
        )
        return context


class IncidentActionCreateView(IncidentMixin, PersonFormView):
    form_class = IncidentActionForm
    title = "Action décidée après l'incident"
    success_message = "L'action est enregistrée."

    def save(self, form):
        services.incident_action_create(
            actor=self.actor, incident=self.incident, **form.cleaned_data
        )

    def get_success_url(self):
        return self.incident_url()
