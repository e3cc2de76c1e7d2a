"""Pages of the plan d'accompagnement, interviews and the partners directory."""

import datetime as dt

from django.urls import reverse
from django.views.generic import TemplateView

from jalons.accompagnement import selectors
from jalons.accompagnement.forms import (
    AccompanimentForm,
    PartnerForm,
    PlanActionForm,
    PlanBarrierForm,
    PlanObjectiveForm,
)
from jalons.accompagnement.models import (
    SENSITIVE_BARRIERS,
)
from jalons.accompagnement.services import (
    accompaniment_delete,
    accompaniment_save,
    partner_save,
    plan_action_delete,
    plan_action_save,
    plan_barrier_delete,
    plan_barrier_save,
    plan_objective_delete,
    plan_objective_save,
)
from jalons.accounts.access import role_allows
from jalons.parcours.mixins import PersonAccessMixin, PersonFormView
from jalons.web.mixins import ConfirmDeletionMixin, ServiceFormView, StructureAccessMixin


class PlanFormView(PersonFormView):
    def plan_url(self) -> str:
        return reverse("accompagnement:plan", args=[self.structure.pk, self.person.pk])

    def get_success_url(self) -> str:
        return self.plan_url()

    def fetch(self, getter, key):
        return self.found(
            "Élément du plan", lambda: getter(person=self.person, **{key: self.kwargs[key]})
        )


class PlanView(PersonAccessMixin, TemplateView):
    template_name = "accompagnement/plan.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view(self.person)
        interviews = list(selectors.interviews_of(person=self.person))
        context.update(
            plan=selectors.plan_of(person=self.person, can_see_sensitive=self.can_see_sensitive),
            interviews=interviews,
            summary=selectors.time_summary(interviews),
            can_edit=role_allows(self.role, "personnes.modifier"),
            can_see_sensitive=self.can_see_sensitive,
            sensitive_barriers=SENSITIVE_BARRIERS,
        )
        return context


class PlanBarrierView(PlanFormView):
    form_class = PlanBarrierForm
    success_message = "Le frein est enregistré dans le plan."

    @property
    def title(self):
        return "Modifier le frein" if "plan_barrier_id" in self.kwargs else "Ajouter un frein"

    @property
    def plan_barrier(self):
        if "plan_barrier_id" not in self.kwargs:
            return None
        return self.fetch(selectors.plan_barrier_of, "plan_barrier_id")

    def get_form_kwargs(self):
        return {"can_see_sensitive": self.can_see_sensitive}

    def get_initial(self):
        b = self.plan_barrier
        if b is None:
            return {"identified_on": dt.date.today()}
        return {f: getattr(b, f) for f in PlanBarrierForm.base_fields}

    def save(self, form):
        plan_barrier_save(
            actor=self.actor,
            person=self.person,
            plan_barrier=self.plan_barrier,
            **form.cleaned_data,
        )


class PlanObjectiveView(PlanFormView):
    form_class = PlanObjectiveForm
    success_message = "L'objectif est enregistré."

    @property
    def objective(self):
        if "plan_objective_id" not in self.kwargs:
            return None
        return self.fetch(selectors.plan_objective_of, "plan_objective_id")

    @property
    def title(self):
        if self.objective:
            return "Modifier l'objectif"
        return f"Nouvel objectif : {self.fetch(selectors.plan_barrier_of, 'plan_barrier_id')}"

    def get_initial(self):
        o = self.objective
        return {f: getattr(o, f) for f in PlanObjectiveForm.base_fields} if o else {}

    def save(self, form):
        objective = self.objective
        plan_barrier = (
            objective.plan_barrier
            if objective
            else self.fetch(selectors.plan_barrier_of, "plan_barrier_id")
        )
        plan_objective_save(
            actor=self.actor,
            plan_barrier=plan_barrier,
            objective=objective,
            **form.cleaned_data,
        )


class PlanActionView(PlanFormView):
    form_class = PlanActionForm
    success_message = "L'action du plan est enregistrée."

    @property
    def action(self):
        if "plan_action_id" not in self.kwargs:
            return None
        return self.fetch(selectors.plan_action_of, "plan_action_id")

    @property
    def title(self):
        if self.action:
            return "Modifier l'action"
        objective = self.fetch(selectors.plan_objective_of, "plan_objective_id")
        return f"Nouvelle action : {objective}"

    def get_form_kwargs(self):
        current = self.action.partner_id if self.action else None
        return {"partners": selectors.partner_options(structure=self.structure, current=current)}

    def get_initial(self):
        a = self.action
        if a is None:
            return {"status": "prevue"}
        initial = {f: getattr(a, f) for f in ("title", "status", "due_date", "done_on")}
        initial["partner"] = a.partner_id
        return initial

    def save(self, form):
        action = self.action
        objective = (
            action.objective
            if action
            else self.fetch(selectors.plan_objective_of, "plan_objective_id")
        )
        plan_action_save(
            actor=self.actor,
            objective=objective,
            action=action,
            **form.cleaned_data,
        )


class InterviewView(PersonFormView):
    """Quick logging of an interview or accompaniment action (also edits one)."""

    form_class = AccompanimentForm
    success_message = "L'entretien est enregistré."
    back_to_plan = True

    @property
    def title(self):
        return "Modifier l'entretien" if self.interview else "Nouvel entretien"

    @property
    def interview(self):
        if "interview_id" not in self.kwargs:
            return None
        return self.found(
            "Entretien",
            lambda: selectors.interview_of(
                person=self.person, interview_id=self.kwargs["interview_id"]
            ),
        )

    def get_success_url(self):
        if self.back_to_plan:
            return reverse("accompagnement:plan", args=[self.structure.pk, self.person.pk])
        return self.person_url()

    def get_form_kwargs(self):
        return {
            "can_see_sensitive": self.can_see_sensitive,
            "partners": selectors.partner_options(
                structure=self.structure,
                current=self.interview.partner_id if self.interview else None,
            ),
            "person": self.person,
        }

    def get_initial(self):
        a = self.interview
        if a is None:
            initial = {"date": dt.date.today(), "modality": "interne", "duration_minutes": 45}
            initial["medium"] = "presentiel"
            if self.request.GET.get("objectif", "").isdigit():
                initial["plan_objective"] = int(self.request.GET["objectif"])
            return initial
        initial = {
            f: getattr(a, f)
            for f in ("date", "nature", "duration_minutes", "medium", "modality", "barrier")
        }
        initial.update(
            speaker="" if a.partner_id else a.speaker,
            note=a.note,
            partner=a.partner_id,
            plan_objective=a.plan_objective_id,
            plan_action=a.plan_action_id,
        )
        if self.can_see_sensitive:
            initial["confidential_note"] = a.confidential_note
        return initial

    def save(self, form):
        accompaniment_save(
            actor=self.actor,
            person=self.person,
            action=self.interview,
            **form.cleaned_data,
        )


class AccompanimentCreateView(InterviewView):
    """The person's file's « Ajouter un accompagnement »: the same form."""

    title = "Nouvelle action d'accompagnement"
    success_message = "L'action d'accompagnement est enregistrée."
    back_to_plan = False
    interview = None


class PartnersView(StructureAccessMixin, TemplateView):
    permission = "personnes.voir"
    template_name = "accompagnement/partners.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view()
        context.update(
            partners=selectors.partners_of(structure=self.structure),
            can_edit=role_allows(self.role, "personnes.modifier"),
        )
        return context


class PartnerView(ServiceFormView):
    permission = "personnes.modifier"
    form_class = PartnerForm
    success_message = "Le partenaire est enregistré dans l'annuaire."

    @property
    def partner(self):
        if "partner_id" not in self.kwargs:
            return None
        return self.found(
            "Partenaire",
            lambda: selectors.partner_of(
                structure=self.structure, partner_id=self.kwargs["partner_id"]
            ),
        )

    @property
    def title(self):
        return "Modifier le partenaire" if self.partner else "Nouveau partenaire"

    def get_initial(self):
        p = self.partner
        return {f: getattr(p, f) for f in PartnerForm.base_fields} if p else {"active": True}

    def get_success_url(self):
        return reverse("accompagnement:partners", args=[self.structure.pk])

    def save(self, form):
        partner_save(
            actor=self.actor,
            structure=self.structure,
            partner=self.partner,
            **form.cleaned_data,
        )


class InterviewDeleteView(ConfirmDeletionMixin, InterviewView):
    submit_label = "Supprimer l'entretien"
    success_message = "L'entretien est supprimé."

    @property
    def title(self):
        return f"Supprimer l'entretien du {self.interview.date:%d/%m/%Y}"

    def save(self, form):
        accompaniment_delete(actor=self.actor, action=self.interview)


class PlanObjectiveDeleteView(ConfirmDeletionMixin, PlanObjectiveView):
    submit_label = "Supprimer l'objectif"
    success_message = "L'objectif est retiré du plan."
    lead = (
        "Ses actions sont supprimées avec lui ; les entretiens notés sur cet objectif "
        "restent, sans lien avec le plan. La suppression est inscrite au journal."
    )

    @property
    def title(self):
        return f"Retirer du plan l'objectif « {self.objective} »"

    def save(self, form):
        plan_objective_delete(actor=self.actor, objective=self.objective)


class PlanActionDeleteView(ConfirmDeletionMixin, PlanActionView):
    submit_label = "Supprimer l'action"
    success_message = "L'action est retirée du plan."

    @property
    def title(self):
        return f"Retirer du plan l'action « {self.action.title} »"

    def save(self, form):
        plan_action_delete(actor=self.actor, action=self.action)


class PlanBarrierDeleteView(ConfirmDeletionMixin, PlanBarrierView):
    submit_label = "Supprimer le frein"
    success_message = "Le frein est retiré du plan."
    lead = (
        "Ses objectifs et ses actions sont supprimés avec lui ; les entretiens restent, "
        "sans lien avec le plan. La suppression est inscrite au journal."
    )

    @property
    def title(self):
        return f"Retirer du plan le frein « {self.plan_barrier.get_barrier_display()} »"

    def save(self, form):
        plan_barrier_delete(actor=self.actor, plan_barrier=self.plan_barrier)
