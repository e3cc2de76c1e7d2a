import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from jalons.accounts.access import role_allows
from jalons.competences import selectors, services
from jalons.competences.catalogue import catalogue
from jalons.competences.charts import skills_timeline_chart
from jalons.competences.forms import BlockForm, EvaluationForm, ImportForm, SkillForm, TitleForm
from jalons.competences.models import Level, ProfessionalTitle, Skill, SkillBlock
from jalons.contrats.models import Client
from jalons.parcours.mixins import PersonAccessMixin, PersonFormView
from jalons.web.mixins import (
    ConfirmDeletionMixin,
    ServiceFormView,
    StructureAccessMixin,
    add_service_errors,
)

EDIT = "competences.evaluer"


def referential_url(structure) -> str:
    return reverse("competences:referential", args=[structure.pk])


class ReferentialView(StructureAccessMixin, TemplateView):
    permission = "personnes.voir"
    template_name = "competences/referential.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        titles = list(selectors.titles_of(structure=self.structure))
        imported = {t.catalogue_key for t in titles}
        self.audit_view()
        context.update(
            titles=titles,
            catalogue=[t for t in catalogue().values() if t.key not in imported],
            can_edit=role_allows(self.role, EDIT),
        )
        return context


class TitleImportView(ServiceFormView):
    permission = EDIT
    form_class = ImportForm
    title = "Importer un titre du catalogue"
    submit_label = "Importer ce titre"
    success_message = "Le titre est importé dans votre référentiel : vous pouvez l'adapter."

    def get_form_kwargs(self):
        imported = set(
            ProfessionalTitle.objects.filter(structure=self.structure).values_list(
                "catalogue_key", flat=True
            )
        )
        return {
            "choices": [
                (t.key, f"{t.name} ({t.skill_count} compétences)")
                for t in catalogue().values()
                if t.key not in imported
            ]
        }

    def get_initial(self):
        return {"key": self.request.GET.get("titre", "")}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = (
            "Le titre, ses blocs (CCP) et ses compétences sont copiés dans le référentiel de "
            "la structure, avec leur source. Vous pourrez ensuite les modifier."
        )
        return context

    def save(self, form):
        self.created = services.title_import(
            actor=self.actor,
            structure=self.structure,
            key=form.cleaned_data["key"],
        )

    def get_success_url(self):
        if hasattr(self, "created"):
            return reverse("competences:title", args=[self.structure.pk, self.created.pk])
        return referential_url(self.structure)


class TitleMixin:
    @property
    def skill_title(self) -> ProfessionalTitle:
        return self.found(
            "Titre",
            lambda: selectors.title_of(structure=self.structure, title_id=self.kwargs["title_id"]),
            keep="_title",
        )

    def title_url(self, title=None) -> str:
        return reverse(
            "competences:title", args=[self.structure.pk, (title or self.skill_title).pk]
        )


class TitleFormView(TitleMixin, ServiceFormView):
    permission = EDIT
    form_class = TitleForm
    success_message = "Le titre est enregistré."

    @property
    def title(self):
        return "Modifier le titre" if "title_id" in self.kwargs else "Nouveau titre ou métier"

    def get_initial(self):
        if "title_id" in self.kwargs:
            return {name: getattr(self.skill_title, name) for name in TitleForm.base_fields}
        return {}

    def save(self, form):
        self.saved = services.title_save(
            actor=self.actor,
            structure=self.structure,
            title=self.skill_title if "title_id" in self.kwargs else None,
            **form.cleaned_data,
        )

    def get_success_url(self):
        if hasattr(self, "saved"):
            return self.title_url(self.saved)
        if "title_id" in self.kwargs:
            return self.title_url()
        return referential_url(self.structure)


class TitleDetailView(TitleMixin, StructureAccessMixin, TemplateView):
    permission = "personnes.voir"
    template_name = "competences/title.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.audit_view(self.skill_title)
        context.update(skill_title=self.skill_title, can_edit=role_allows(self.role, EDIT))
        return context


class BlockFormView(TitleMixin, ServiceFormView):
    permission = EDIT
    form_class = BlockForm
    success_message = "Le bloc est enregistré."

    @property
    def block(self) -> SkillBlock | None:
        if "block_id" not in self.kwargs:
            return None
        return self.found(
            "Bloc",
            lambda: selectors.block_of(structure=self.structure, block_id=self.kwargs["block_id"]),
        )

    @property
    def title(self):
        return "Modifier le bloc" if "block_id" in self.kwargs else "Nouveau bloc de compétences"

    def parent(self) -> ProfessionalTitle:
        return self.block.title if "block_id" in self.kwargs else self.skill_title

    def get_initial(self):
        block = self.block
        return {"code": block.code, "name": block.name} if block else {}

    def save(self, form):
        services.block_save(
            actor=self.actor,
            title=self.parent(),
            block=self.block,
            **form.cleaned_data,
        )

    def get_success_url(self):
        return self.title_url(self.parent())


class SkillFormView(TitleMixin, ServiceFormView):
    permission = EDIT
    form_class = SkillForm
    success_message = "La compétence est enregistrée."

    @property
    def title(self):
        return "Modifier la compétence" if "skill_id" in self.kwargs else "Nouvelle compétence"

    @property
    def skill(self) -> Skill | None:
        if "skill_id" not in self.kwargs:
            return None
        return self.found(
            "Compétence",
            lambda: selectors.skill_of(structure=self.structure, skill_id=self.kwargs["skill_id"]),
        )

    def parent(self) -> SkillBlock:
        if "skill_id" in self.kwargs:
            return self.skill.block
        return self.found(
            "Bloc",
            lambda: selectors.block_of(structure=self.structure, block_id=self.kwargs["block_id"]),
        )

    def get_initial(self):
        skill = self.skill
        return {"name": skill.name} if skill else {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead"] = f"Bloc : {self.parent()}"
        return context

    def save(self, form):
        services.skill_save(
            actor=self.actor,
            block=self.parent(),
            skill=self.skill,
            **form.cleaned_data,
        )

    def get_success_url(self):
        return self.title_url(self.parent().title)


def progression_chart(progress, *, person, today):
    rows = [
        (h.skill.name, [(e.evaluated_on, e.level) for e in h.evaluations])
        for t in progress
        for h in t.histories
    ]
    return skills_timeline_chart(
        title=f"Progression des compétences de {person}",
        rows=rows,
        levels=dict(Level.choices),
        end=today,
    )


class PersonSkillsView(PersonAccessMixin, TemplateView):
    template_name = "competences/person_skills.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = dt.date.today()
        progress = selectors.person_progress(structure=self.structure, person=self.person)
        self.audit_view(self.person)
        context.update(
            progress=progress,
            chart=progression_chart(progress, person=self.person, today=today),
            titles=list(selectors.titles_of(structure=self.structure)),
            can_evaluate=role_allows(self.role, EDIT),
        )
        return context


class EvaluationView(PersonFormView):
    permission = EDIT
    template_name = "competences/evaluation_form.html"
    title = "Évaluer des compétences"
    submit_label = "Enregistrer l'évaluation"
    success_message = "L'évaluation est enregistrée."

    @property
    def skill_title(self) -> ProfessionalTitle | None:
        if not hasattr(self, "_title"):
            titles = list(selectors.titles_of(structure=self.structure))
            wanted = self.request.GET.get("titre") or self.request.POST.get("titre")
            self._title = None
            if wanted and wanted.isdigit():
                match = [t for t in titles if t.pk == int(wanted)]
                if not match:
                    raise Http404("Titre introuvable.")
                self._title = selectors.title_of(structure=self.structure, title_id=match[0].pk)
            elif titles:
                # The title last evaluated for this person, else the first one.
                last = selectors.evaluations_of(structure=self.structure, person=self.person).last()
                title_id = last.skill.block.title_id if last else titles[0].pk
                self._title = selectors.title_of(structure=self.structure, title_id=title_id)
        return self._title

    def get_form(self, data=None):
        title = self.skill_title
        skills = [s for b in title.blocks.all() for s in b.skills.all()] if title else []
        latest = {}
        for e in selectors.evaluations_of(structure=self.structure, person=self.person):
            latest[e.skill_id] = e
        return EvaluationForm(
            data,
            structure=self.structure,
            skills=skills,
            clients=Client.objects.filter(structure=self.structure).order_by("name"),
            role=self.role,
            latest=latest,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        title = self.skill_title
        by_skill = {skill.pk: form[name] for skill, name in form.skill_fields}
        context.update(
            skill_title=title,
            titles=list(selectors.titles_of(structure=self.structure)),
            blocks=[
                (b, [by_skill[s.pk] for s in b.skills.all()])
                for b in (title.blocks.all() if title else [])
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.skill_title is None:
            return redirect(request.path)
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                services.evaluations_record(
                    actor=self.actor,
                    structure=self.structure,
                    person=self.person,
                    evaluated_on=form.cleaned_data["evaluated_on"],
                    evaluator_kind=form.cleaned_data["evaluator_kind"],
                    evaluator_name=form.cleaned_data["evaluator_name"],
                    client=form.cleaned_data.get("client"),
                    comment=form.cleaned_data["comment"],
                    levels=form.levels(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.success_message)
                return redirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form))

    def get_success_url(self):
        return reverse("competences:person", args=[self.structure.pk, self.person.pk])


class EvaluationDeleteView(ConfirmDeletionMixin, PersonFormView):
    """Delete one evaluation (a mistake of date, level or skill), after confirming."""

    permission = EDIT
    submit_label = "Supprimer l'évaluation"
    success_message = "L'évaluation est supprimée."
    lead = (
        "Les autres évaluations de cette compétence restent. La suppression est "
        "définitive et inscrite au journal."
    )

    @property
    def evaluation(self):
        return self.found(
            "Évaluation",
            lambda: selectors.evaluation_of(
                structure=self.structure,
                person=self.person,
                evaluation_id=self.kwargs["skill_evaluation_id"],
            ),
            keep="_evaluation",
        )

    @property
    def title(self):
        e = self.evaluation
        return (
            f"Supprimer l'évaluation du {e.evaluated_on:%d/%m/%Y} : « {e.skill.name} », "
            f"{e.get_level_display().lower()}"
        )

    def get_success_url(self) -> str:
        return reverse("competences:person", args=[self.structure.pk, self.person.pk])

    def save(self, form):
        services.evaluation_delete(actor=self.actor, evaluation=self.evaluation)
