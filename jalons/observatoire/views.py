"""Observatory pages: a network's and a DDETS's protected edition, a structure's own
figures, position and consent. Views parse the filters and render; the figures and
their protection come from ``jalons.observatoire.selectors`` (an ``Edition`` in which a
hidden cell has no value at all)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from jalons.accounts.access import get_ddets, get_network, role_allows
from jalons.audit.actor import Actor
from jalons.observatoire import exports, selectors, services, store
from jalons.observatoire.charts import PositionItem, position_chart
from jalons.observatoire.forms import QUARTERS, ConsentForm, EditionFilterForm
from jalons.observatoire.pdf import edition_context, edition_pdf
from jalons.rules import short_title
from jalons.taches.progress import part, report
from jalons.web.charts import Bar, french_number, horizontal_bar_chart
from jalons.web.mixins import StructureAccessMixin, add_service_errors


def readable_rule_sets(form) -> None:
    """The rule-set list of the filters by short title (« DGEFP 2014 (officiel) »); the
    values stay the identifiers the address carries."""
    field = form.fields["regles"]
    field.choices = [(name, short_title(name)) for name, _label in field.choices]


class PerimeterMixin(LoginRequiredMixin):
    """A network's or a DDETS's perimeter and the edition its filters ask for."""

    url_prefix = ""  # "network" or "ddets"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.resolve(request, **kwargs)
        self.actor = Actor.from_request(request, role=self.audit_role)
        return super().dispatch(request, *args, **kwargs)

    def resolve(self, request, **kwargs):  # pragma: no cover - abstract
        raise NotImplementedError

    def edition(self):
        """The published edition the filters ask for (``?edition=N`` for an earlier
        one), or None when none is published."""
        self.form = EditionFilterForm(
            self.request.GET or None, years=selectors.available_years(self.perimeter)
        )
        self.choice = self.form.choice()
        readable_rule_sets(self.form)
        number = self.request.GET.get("edition", "")
        edition = selectors.build_edition(
            self.perimeter,
            year=self.choice["year"],
            quarter=self.choice["quarter"],
            period=self.choice["period"],
            rule_set=self.choice["rule_set"],
            number=int(number) if number.isdigit() else None,
        )
        if edition is not None:
            services.edition_read(
                edition=edition,
                fmt=getattr(self, "fmt", "page"),
                actor=self.actor,
            )
        return edition

    def url(self, name: str, query: str = "") -> str:
        route = self.url_prefix if name == "page" else f"{self.url_prefix}_{name}"
        path = reverse(f"observatoire:{route}", kwargs=self.url_kwargs)
        return f"{path}?{query}" if query else path


class EditionPageMixin(PerimeterMixin, TemplateView):
    template_name = "observatoire/edition.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self.edition()
        if edition is None:
            context.update(
                form=self.form,
                choice=self.choice,
                no_edition=True,
                scope_label=self.perimeter.label,
                **self.texts(),
            )
            return context
        context.update(edition_context(edition))
        query = self.form.query()
        if edition.number:
            query = f"{query}&edition={edition.number}" if query else f"edition={edition.number}"
        history = selectors.edition_history(
            self.perimeter,
            year=self.choice["year"],
            quarter=self.choice["quarter"],
            period=self.choice["period"],
            rule_set=self.choice["rule_set"],
        )
        base = self.form.query()
        context.update(
            history=[
                {
                    "number": n,
                    "published_at": timezone.localtime(at),
                    "url": self.url("page", f"{base}&edition={n}" if base else f"edition={n}"),
                    "pdf": self.url("pdf", f"{base}&edition={n}" if base else f"edition={n}"),
                    "current": n == edition.number,
                }
                for n, at in history
            ],
        )
        context.update(
            form=self.form,
            choice=self.choice,
            download={fmt: self.url(fmt, query) for fmt in ("pdf", "xlsx", "csv")},
            quarter_links=[
                {"label": label, "url": self.url("pdf", self.form.query(quarter=int(q)))}
                for q, label in QUARTERS
                if q
            ],
            **self.texts(),
        )
        return context


class DownloadMixin(PerimeterMixin, View):
    fmt = "pdf"
    CONTENT_TYPES = {
        "pdf": "application/pdf",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv; charset=utf-8",
    }

    def get(self, request, *args, **kwargs):
        report(0.02, "Lecture de l'édition publiée…")
        edition = self.edition()
        if edition is None:
            raise Http404("Aucune édition publiée pour cette période.")
        if self.fmt == "pdf":
            with part(0.15, 1.0):
                content = edition_pdf(edition)
        elif self.fmt == "xlsx":
            content = exports.edition_to_xlsx(edition)
        else:
            content = exports.edition_to_csv(edition).encode("utf-8")
        name = slugify(f"etat statistique {edition.perimeter.label} {edition.period_label}")
        response = HttpResponse(content, content_type=self.CONTENT_TYPES[self.fmt])
        response["Content-Disposition"] = f'attachment; filename="{name}.{self.fmt}"'
        return response


class NetworkScope:
    url_prefix = "network"
    audit_role = "membre du réseau"

    def resolve(self, request, **kwargs):
        self.network = get_network(request, kwargs["network_id"])
        self.url_kwargs = {"network_id": self.network.pk}
        self.perimeter = selectors.perimeter_for_network(self.network)

    def texts(self) -> dict:
        return {
            "back_url": reverse("structures:network", args=[self.network.pk]),
            "back_label": f"Réseau {self.network}",
            "scope_help": "Chiffres des structures adhérentes du réseau.",
            "structures_help": "Ces structures ont choisi de partager leurs chiffres avec "
            "leurs réseaux. Les autres n'apparaissent que dans les totaux protégés.",
            "no_structures_help": "Aucune structure adhérente n'a encore choisi de partager "
            "ses chiffres avec le réseau : seuls les totaux protégés sont visibles.",
        }


class DdetsScope:
    url_prefix = "ddets"
    audit_role = "agent de la DDETS"

    def resolve(self, request, **kwargs):
        self.ddets, self.departements = get_ddets(request, kwargs["ddets_id"])
        self.url_kwargs = {"ddets_id": self.ddets.pk}
        self.perimeter = selectors.perimeter_for_ddets(self.ddets, self.departements)

    def texts(self) -> dict:
        names = ", ".join(str(d) for d in self.departements) or "aucun département"
        return {
            "back_url": reverse("structures:ddets", args=[self.ddets.pk]),
            "back_label": self.ddets.name,
            "scope_help": f"Chiffres des structures conventionnées des départements suivis : "
            f"{names}.",
            "structures_help": "Ces structures ont choisi de partager leurs chiffres avec la "
            "DDETS ou lui ont remis leur dossier de dialogue de gestion.",
            "no_structures_help": "Aucune structure de vos départements n'a choisi de "
            "partager ses chiffres avec la DDETS ni ne vous a remis de dossier : seuls les "
            "totaux protégés sont visibles.",
        }


class NetworkEditionView(NetworkScope, EditionPageMixin):
    pass


class DdetsEditionView(DdetsScope, EditionPageMixin):
    pass


def download_view(scope, fmt: str):
    return type(f"{scope.__name__}{fmt.title()}View", (scope, DownloadMixin), {"fmt": fmt})


def position_items(rows) -> list[PositionItem]:
    return [
        PositionItem(
            label=row.label,
            own=row.own,
            q1=row.q1,
            median=row.median,
            q3=row.q3,
            unit=row.unit,
            decimals=row.decimals,
            scale_max=100.0 if row.unit == "%" else None,
        )
        for row in rows or []
    ]


def own_sections(figures) -> list[dict]:
    """A structure's own tables, one figure per line (its single row, or its total)."""
    sections = []
    for table in figures.tables:
        row = next((r for r in table.rows if r.is_total), table.rows[0] if table.rows else None)
        if row is None:
            continue
        pairs = list(zip(exports.column_labels(table), row.cells, strict=False))
        rates = [(column, cell.value) for column, cell in pairs if cell.display.endswith("%")]
        chart = ""
        if len(rates) > 1 and len(rates) == len(pairs):
            chart = horizontal_bar_chart(
                title=f"{table.title.split(' — ')[0]}, {figures.period_label}",
                bars=[Bar(column, (value or 0) * 100) for column, value in rates],
                unit="%",
                decimals=1,
            )
        sections.append(
            {
                "title": table.title.split(" — ")[0],
                "pairs": pairs,
                "chart": chart,
                "anchor": f"vos-{table.key}",
            }
        )
    return sections


def _formatted(value, row) -> str:
    if value is None:
        return "–"
    return french_number(value, row.decimals) + (f"\u00a0{row.unit}" if row.unit else "")


class StructureObservatoryView(StructureAccessMixin, TemplateView):
    """A structure's own figures, its position if it chose to see it, and its consent."""

    permission = "observatoire.voir"
    template_name = "observatoire/structure.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        consent = services.consent_for(self.structure)
        perimeter = selectors.perimeter_for_structure(self.structure)
        form = EditionFilterForm(
            self.request.GET or None, years=selectors.available_years(perimeter)
        )
        choice = form.choice()
        readable_rule_sets(form)
        # Reads never write: the view asks for fresh snapshots first.
        store.ensure_fresh([self.structure.pk])
        figures = selectors.structure_figures(
            self.structure,
            year=choice["year"],
            quarter=choice["quarter"],
            period=choice["period"],
            rule_set=choice["rule_set"],
        )
        position = selectors.structure_position(
            self.structure, year=choice["year"], rule_set=choice["rule_set"]
        )
        if not role_allows(self.role, "donnees_sensibles.voir"):
            figures = without_sensitive_columns(figures)
        context.update(edition_context(figures))
        context.update(
            own_sections=own_sections(figures),
            form=form,
            choice=choice,
            consent=consent,
            can_consent=role_allows(self.role, "observatoire.consentir"),
            consent_form=kwargs.get("consent_form") or ConsentForm(initial=_initial(consent)),
            position=position,
            position_reason=selectors.position_reason(
                self.structure, year=choice["year"], rule_set=choice["rule_set"]
            )
            if not position
            else "",
            position_rows=[
                {
                    "label": row.label,
                    "own": _formatted(row.own, row),
                    "q1": _formatted(row.q1, row),
                    "median": _formatted(row.median, row),
                    "q3": _formatted(row.q3, row),
                    "structures": row.structures,
                }
                for row in position or []
            ],
            position_chart=position_chart(
                title=f"Votre position parmi les structures {self.structure.kind} de la "
                f"région, {choice['year']}",
                items=position_items(position),
            ),
        )
        self.audit_view()
        return context

    def post(self, request, *args, **kwargs):
        if not role_allows(self.role, "observatoire.consentir"):
            raise PermissionDenied("Seule la direction choisit ce que la structure partage.")
        form = ConsentForm(request.POST)
        if form.is_valid():
            try:
                services.consent_update(
                    structure=self.structure,
                    actor=self.actor,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Vos choix de partage sont enregistrés.")
                return redirect(request.get_full_path())
        return self.render_to_response(self.get_context_data(consent_form=form))


def _initial(consent) -> dict:
    return {
        "share_with_networks": consent.share_with_networks,
        "share_with_ddets": consent.share_with_ddets,
        "compare_position": consent.compare_position,
    }


# Columns counting people by a sensitive criterion (RQTH): in the structure's own,
# unprotected figures, a small count can name a person to roles that may not know it.
SENSITIVE_COLUMNS = frozenset({"RQTH"})


def without_sensitive_columns(edition):
    """The edition without the sensitive columns (for roles without
    ``donnees_sensibles.voir``)."""
    from dataclasses import replace

    tables = []
    for table in edition.tables:
        keep = [i for i, c in enumerate(table.columns) if c not in SENSITIVE_COLUMNS]
        if len(keep) == len(table.columns):
            tables.append(table)
            continue
        rows = [replace(r, cells=[r.cells[i] for i in keep]) for r in table.rows]
        tables.append(
            replace(table, columns=[table.columns[i] for i in keep], rows=rows, chart=None)
            if table.chart and any(label in SENSITIVE_COLUMNS for label, _ in table.chart.bars)
            else replace(table, columns=[table.columns[i] for i in keep], rows=rows)
        )
    return replace(edition, tables=tables)
