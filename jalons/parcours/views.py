import datetime as dt

from django.contrib import messages
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from jalons.accounts.access import role_allows
from jalons.parcours import selectors, services
from jalons.parcours.duplicates import likely_duplicates, situation_label
from jalons.parcours.extensions import (
    PLACES,
    Action,
    chronology,
    hours_warnings,
    person_sections,
)
from jalons.parcours.forms import (
    CRITERIA,
    ExitForm,
    FollowUpForm,
    MonthlyHoursForm,
    ParcoursForm,
    PersonForm,
)
from jalons.parcours.mixins import PersonAccessMixin, PersonFormView
from jalons.parcours.people_columns import all_columns
from jalons.parcours.todo import todo_for
from jalons.parcours.vocabulary import FOLLOW_UP_MONTHS, motif_choices, motif_groups
from jalons.rules import builtin_names
from jalons.rules.dates import follow_up_earliest
from jalons.web.mixins import ServiceFormView, StructureAccessMixin

PERSON_FORM_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "address",
    "postcode",
    "city",
    "nir",
    "referent",
)


class PeopleListView(StructureAccessMixin, TemplateView):
    permission = "personnes.voir"
    template_name = "parcours/people_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        today = dt.date.today()
        query = get.get("q", "").strip()[:100]
        columns = [(column, column.parse(get)) for column in all_columns()]
        people = selectors.people_list(
            structure=self.structure,
            query=query,
            filters={column.key: value for column, value in columns},
            today=today,
        )
        page = Paginator(people, 50).get_page(get.get("page"))
        referents = (
            PersonForm(structure=self.structure, can_see_sensitive=False)
            .fields["referent"]
            .queryset
        )
        query_string = get.copy()
        query_string.pop("page", None)
        context.update(
            page=page,
            filters={"query": query},
            columns=columns,
            referents=referents,
            query_string=query_string.urlencode(),
            today=today,
            can_edit=role_allows(self.role, "personnes.modifier"),
            can_merge=role_allows(self.role, "structure.modifier"),
        )
        return context


IDENTITY_FIELDS = ("first_name", "last_name", "birth_date", "nir")


class DuplicateWarningMixin:
    """Before saving an identity, the likely duplicates of the same structure are
    shown; saving then needs the box « Il s'agit d'une autre personne » ticked."""

    template_name = "parcours/person_form.html"
    duplicate_choice_label = "Il s'agit d'une autre personne : créer quand même"
    duplicates: list = []

    def current_person(self):
        return None

    def identity(self, data: dict) -> dict:
        person = self.current_person()
        identity = {name: data.get(name) or "" for name in IDENTITY_FIELDS}
        if "nir" not in data:  # not shown to this role: the stored NIR still counts
            identity["nir"] = person.nir if person else ""
        identity["birth_date"] = data.get("birth_date")
        return identity

    def find_duplicates(self, data: dict) -> list:
        identity = self.identity(data)
        person = self.current_person()
        if person is not None and all(
            (getattr(person, name) or ("" if name != "birth_date" else None)) == value
            for name, value in identity.items()
        ):
            return []  # identity unchanged: warned when it was typed
        return likely_duplicates(
            structure=self.structure,
            exclude_pk=person.pk if person else None,
            **identity,
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.duplicates or "other_person" in self.request.POST:
            kwargs["duplicate_choice"] = self.duplicate_choice_label
        return kwargs

    def get_form_data(self, form) -> dict:
        return {k: v for k, v in form.cleaned_data.items() if k != "other_person"}

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if form.is_valid() and not form.cleaned_data.get("other_person"):
            self.duplicates = self.find_duplicates(form.cleaned_data)
            if self.duplicates:
                form = self.get_form(request.POST)
                form.is_valid()
                return self.render_to_response(self.get_context_data(form=form))
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            duplicates=[
                {
                    "person": match.person,
                    "reason": match.reason,
                    "situation": situation_label(match.person),
                }
                for match in self.duplicates
            ],
            can_see_sensitive=role_allows(self.role, "donnees_sensibles.voir"),
            duplicate_choice_label=self.duplicate_choice_label,
        )
        return context


class PersonCreateView(DuplicateWarningMixin, ServiceFormView):
    permission = "personnes.modifier"
    form_class = PersonForm
    title = "Nouvelle personne"
    submit_label = "Créer la fiche"
    success_message = "La fiche est créée. Ajoutez maintenant son parcours."

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "structure": self.structure,
            "can_see_sensitive": role_allows(self.role, "donnees_sensibles.voir"),
        }

    def get_initial(self):
        return {"referent": self.request.user.pk}

    def save(self, form):
        self.created = services.person_create(
            actor=self.actor,
            structure=self.structure,
            **self.get_form_data(form),
        )

    def get_success_url(self):
        if hasattr(self, "created"):
            return reverse("parcours:person", args=[self.structure.pk, self.created.pk])
        return reverse("parcours:people", args=[self.structure.pk])


class PersonFileView(PersonAccessMixin, TemplateView):
    template_name = "parcours/person_file.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        file = selectors.person_file(structure=self.structure, person=self.person)
        self.audit_view(self.person)
        current = next((p for p in reversed(file.parcours) if p.exit_date is None), None)
        sections = person_sections(
            request=self.request,
            role=self.role,
            structure=self.structure,
            person=self.person,
            current_parcours=current,
            today=today,
        )
        events = [*selectors.timeline(file, today=today), *(e for s in sections for e in s.events)]
        actions = [*self.own_actions(current), *(a for s in sections for a in s.actions)]
        context.update(
            file=file,
            sections={
                place: [s for s in sections if s.template and s.place == place] for place in PLACES
            },
            actions=sorted(actions, key=lambda a: a.position),
            events=chronology(events),
            current_parcours=current,
            can_edit=role_allows(self.role, "personnes.modifier"),
            can_see_sensitive=self.can_see_sensitive,
            criteria=CRITERIA,
            follow_up_months=FOLLOW_UP_MONTHS,
            follow_up_earliest={
                p.pk: {m: follow_up_earliest(p.exit_date, m) for m in FOLLOW_UP_MONTHS}
                for p in file.parcours
                if p.exit_date
            },
            today=today,
            exit_groups={p.pk: motif_groups(p.exit_motif) for p in file.parcours if p.exit_motif},
            years_with_hours=sorted(
                {h.month.year for h in file.hours} | {today.year}, reverse=True
            ),
        )
        return context

    def own_actions(self, current) -> list[Action]:
        """parcours's buttons; the other apps add theirs through their sections."""
        args = [self.structure.pk, self.person.pk]
        edit = reverse("parcours:person_edit", args=args)
        actions = [Action("Modifier l'identité", edit, 90, style="link")]
        if current is None:
            hire = reverse("parcours:parcours_create", args=args)
            actions.append(Action("Enregistrer une embauche", hire, 45, style="primary"))
        else:
            exit_url = reverse("parcours:exit", args=[*args, current.pk])
            actions.append(Action("Saisir les heures", reverse("parcours:hours", args=args), 30))
            actions.append(Action("Enregistrer la sortie", exit_url, 40))
        return actions


class PersonEditView(DuplicateWarningMixin, PersonFormView):
    form_class = PersonForm
    title = "Modifier l'identité"
    success_message = "L'identité est enregistrée."
    duplicate_choice_label = "Il s'agit d'une autre personne : enregistrer quand même"

    def current_person(self):
        return self.person

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "structure": self.structure,
            "can_see_sensitive": self.can_see_sensitive,
        }

    def get_initial(self):
        return {name: getattr(self.person, name) for name in PERSON_FORM_FIELDS}

    def save(self, form):
        services.person_update(actor=self.actor, person=self.person, **self.get_form_data(form))


class ParcoursCreateView(PersonFormView):
    form_class = ParcoursForm
    title = "Nouveau parcours (embauche)"
    submit_label = "Enregistrer l'embauche"
    success_message = "L'embauche est enregistrée."

    def get_form_kwargs(self):
        return {"can_see_sensitive": self.can_see_sensitive}

    def save(self, form):
        services.parcours_create(actor=self.actor, person=self.person, **form.cleaned_data)


class ParcoursEditView(PersonFormView):
    form_class = ParcoursForm
    title = "Modifier le parcours"
    success_message = "Le parcours est enregistré."

    def get_form_kwargs(self):
        return {"can_see_sensitive": self.can_see_sensitive}

    def get_initial(self):
        return {name: getattr(self.parcours, name) for name in ParcoursForm.base_fields}

    def save(self, form):
        services.parcours_update(actor=self.actor, parcours=self.parcours, **form.cleaned_data)


class ExitView(PersonFormView):
    form_class = ExitForm
    template_name = "parcours/exit_form.html"
    title = "Sortie"
    submit_label = "Enregistrer la sortie"
    success_message = "La sortie est enregistrée. Les suivis à 3, 6 et 12 mois sont planifiés."

    def get_initial(self):
        return {name: getattr(self.parcours, name) for name in ExitForm.base_fields}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rule_sets"] = builtin_names()
        context["motif_table"] = [
            (label, [group for _, group in motif_groups(slug)]) for slug, label in motif_choices()
        ]
        context["lead"] = f"Parcours commencé le {self.parcours.hire_date:%d/%m/%Y}"
        return context

    def save(self, form):
        services.parcours_record_exit(actor=self.actor, parcours=self.parcours, **form.cleaned_data)


class FollowUpView(PersonFormView):
    form_class = FollowUpForm
    success_message = "Le suivi est enregistré."

    @property
    def title(self):
        return f"Suivi à {self.kwargs['months']} mois après la sortie"

    def get_initial(self):
        existing = self.parcours.follow_ups.filter(months=self.kwargs["months"]).first()
        if existing:
            return {
                "situation": existing.situation,
                "obtained_on": existing.obtained_on,
                "method": existing.method,
            }
        return {"obtained_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.parcours.exit_date:
            months = self.kwargs["months"]
            due = selectors.follow_up_due_dates(self.parcours)[months]
            earliest = follow_up_earliest(self.parcours.exit_date, months)
            context["lead"] = (
                f"Sortie le {self.parcours.exit_date:%d/%m/%Y} ; suivi prévu le {due:%d/%m/%Y}"
                f", à saisir à partir du {earliest:%d/%m/%Y}."
            )
        return context

    def save(self, form):
        services.follow_up_record(
            actor=self.actor,
            parcours=self.parcours,
            months=self.kwargs["months"],
            **form.cleaned_data,
        )


class HoursView(PersonFormView):
    form_class = MonthlyHoursForm
    template_name = "parcours/hours_form.html"
    success_message = "Les heures sont enregistrées."

    @property
    def year(self) -> int:
        try:
            year = int(self.request.GET.get("annee") or self.request.POST.get("annee") or 0)
        except ValueError:
            year = 0
        return year if 2000 <= year <= 2100 else timezone.localdate().year

    @property
    def title(self):
        return f"Heures travaillées en {self.year}"

    def get_form_kwargs(self):
        return {"year": self.year}

    def get_initial(self):
        return {
            f"m{h.month.month:02d}": h.hours
            for h in self.person.monthly_hours.filter(month__year=self.year)
        }

    def save(self, form):
        services.monthly_hours_set_year(
            actor=self.actor,
            person=self.person,
            year=self.year,
            hours_by_month={n: form.cleaned_data[f"m{n:02d}"] for n in range(1, 13)},
        )
        # Not a refusal: the hours are real; other apps may warn (register_hours_warning).
        months = [dt.date(self.year, n, 1) for n in range(1, 13) if form.cleaned_data[f"m{n:02d}"]]
        for warning in hours_warnings(
            person=self.person, months=months, today=timezone.localdate()
        ):
            messages.warning(self.request, warning)


class TodoView(StructureAccessMixin, TemplateView):
    permission = "personnes.voir"
    template_name = "parcours/todo.html"

    LIMIT = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        todo = todo_for(structure=self.structure)
        show_all = self.request.GET.get("tout") == "1"
        person_url = reverse("parcours:person", args=[self.structure.pk, 0]).replace("/0/", "/{}/")
        sections = []
        for section in todo.sections:
            for item in section.items:
                item.url = person_url.format(item.person.pk)
            sections.append(
                {
                    "anchor": section.key,
                    "title": section.title,
                    "empty": section.empty,
                    "kind": section.kind,
                    "items": section.items if show_all else section.items[: self.LIMIT],
                    "count": len(section.items),
                    "hidden": 0 if show_all else max(0, len(section.items) - self.LIMIT),
                }
            )
        context.update(
            todo=todo,
            sections=sections,
            can_edit=role_allows(self.role, "personnes.modifier"),
        )
        return context
