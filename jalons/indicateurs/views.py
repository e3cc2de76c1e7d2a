import datetime as dt

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from jalons.indicateurs.services import (
    group_label,
    periods_for,
    reason_label,
    structure_indicators,
)
from jalons.parcours.models import Person
from jalons.parcours.vocabulary import FOLLOW_UP_MONTHS, motif_label
from jalons.rules import builtin_names, short_title
from jalons.rules.definitions import COUNTS, DEFINITIONS, RATES, REASONS
from jalons.rules.vocabulary import FREINS, PRESCRIPTEURS
from jalons.web.charts import Bar, horizontal_bar_chart
from jalons.web.mixins import StructureAccessMixin


class IndicatorsMixin(StructureAccessMixin):
    permission = "indicateurs.voir"

    def period(self):
        today = dt.date.today()
        periods = periods_for(structure=self.structure, today=today)
        wanted = self.request.GET.get("periode", "")
        chosen = next((p for p in periods if p.key == wanted), None)
        if chosen is None:
            current = [
                p for p in periods if p.key.startswith("annexe-") and p.start <= today <= p.end
            ]
            chosen = current[0] if current else periods[0]
        return periods, chosen, today

    def compute(self, **options):
        periods, period, today = self.period()
        indicators = structure_indicators(
            structure=self.structure,
            start=period.start,
            end=period.end,
            reference=today,
            **options,
        )
        return periods, period, today, indicators


def _row(key, values, kind="count"):
    label, definition = DEFINITIONS[key]
    return {"key": key, "label": label, "definition": definition, "values": values, "kind": kind}


class IndicatorsView(IndicatorsMixin, TemplateView):
    template_name = "indicateurs/indicators.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        periods, period, today, indicators = self.compute()
        calculs = indicators.result["calculs"]
        entries = [c["structures"][0] if c["structures"] else None for c in calculs]

        def values(getter):
            return [getter(e) if e else None for e in entries]

        rows = [
            _row("sorties", values(lambda e: e["sorties"])),
            _row("sorties_examinees", values(lambda e: e["sorties_examinees"])),
            *[_row(r, values(lambda e, r=r: e["non_comptees"][r]), "removed") for r in REASONS],
            *[_row(c, values(lambda e, c=c: e[c])) for c in COUNTS],
            *[_row(r, values(lambda e, r=r: e[r]), "rate") for r in RATES],
        ]
        follow_up = [
            {
                "months": m,
                "values": values(lambda e, m=str(m): e.get("suivi", {}).get(m)),
            }
            for m in FOLLOW_UP_MONTHS
        ]
        rates = [e["taux_sortie_dynamique"] if e else None for e in entries]
        chart = horizontal_bar_chart(
            title=f"Taux de sortie dynamique selon le jeu de règles, {period.label}",
            bars=[
                Bar(short_title(c["jeu_de_regles"]), (r or 0) * 100)
                for c, r in zip(calculs, rates, strict=True)
            ],
            unit="%",
            decimals=1,
        )
        complementary = entries[0].get("complementaires") if entries and entries[0] else None
        context.update(
            periods=periods,
            period=period,
            today=today,
            rule_sets=indicators.rule_sets,
            calculs=calculs,
            rows=rows,
            follow_up=follow_up,
            chart=chart,
            excluded=indicators.excluded,
            complementary=complementary,
            prescribers=PRESCRIPTEURS,
            barriers=FREINS,
            definitions=DEFINITIONS,
        )
        return context


class IndicatorDetailView(IndicatorsMixin, TemplateView):
    """The people behind each figure: every exit of the period, counted or not, and why."""

    template_name = "indicateurs/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        names = builtin_names()
        wanted = self.request.GET.get("regles")
        name = wanted if wanted in names else names[0]
        periods, period, _today, indicators = self.compute(only=name, detail=True)
        calcul = indicators.result["calculs"][0]
        show = self.request.GET.get("filtre", "")
        rows = calcul.get("sorties_detail", [])
        if show == "comptees":
            rows = [r for r in rows if r["comptee"]]
        elif show in REASONS:
            rows = [r for r in rows if r["raison"] == show]
        page = Paginator(rows, 100).get_page(self.request.GET.get("page"))
        rows = page.object_list
        found = Person.objects.filter(
            structure=self.structure, external_id__in={r["personne_id"] for r in rows}
        ).only("pk", "external_id", "first_name", "last_name")
        people = {p.external_id: p.pk for p in found}
        names_by_id = {p.external_id: str(p) for p in found}
        exits = [
            {
                **r,
                "person_pk": people.get(r["personne_id"]),
                "person_name": names_by_id.get(r["personne_id"], r["personne_id"]),
                "hire": dt.date.fromisoformat(r["date_embauche"]),
                "exit": dt.date.fromisoformat(r["date_sortie"]),
                "motif_label": motif_label(r["motif"]),
                "group_label": group_label(r["groupe"]),
                "reason_label": reason_label(r["raison"]),
            }
            for r in rows
        ]
        rule_set = indicators.rule_sets[0]
        self.audit_view()
        context.update(
            periods=periods,
            period=period,
            rule_set=rule_set,
            rule_set_names=names,
            exits=exits,
            show=show,
            page=page,
            total=page.paginator.count,
            query_string=_without_page(self.request.GET),
            reasons=[(r, DEFINITIONS[r][0]) for r in REASONS],
            trace=calcul["trace"],
        )
        return context


def _without_page(get) -> str:
    query = get.copy()
    query.pop("page", None)
    return query.urlencode()
