"""Pages of « Doublons possibles » and « Fusion de fiches » (direction only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.views.generic import TemplateView

from jalons.accounts.access import role_allows
from jalons.parcours import merge as merging
from jalons.parcours import selectors
from jalons.parcours.duplicates import duplicate_pairs, situation_label
from jalons.parcours.models import MergeState, PersonMerge
from jalons.web.mixins import StructureAccessMixin

# The direction decides a merge (no dedicated entry in jalons.accounts.access yet:
# « structure.modifier » is the direction's).
MERGE_PERMISSION = "structure.modifier"


class DuplicatesView(StructureAccessMixin, TemplateView):
    permission = MERGE_PERMISSION
    template_name = "parcours/duplicates.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            pairs=duplicate_pairs(structure=self.structure),
            pending=PersonMerge.objects.filter(
                structure=self.structure, state=MergeState.PENDING
            ).select_related("kept"),
            can_see_sensitive=role_allows(self.role, "donnees_sensibles.voir"),
        )
        return context


class MergePrepareView(StructureAccessMixin, TemplateView):
    """Side by side: what moves, which values differ; the kept file is chosen."""

    permission = MERGE_PERMISSION
    template_name = "parcours/merge_prepare.html"

    def people(self):
        if not all(self.request.GET.get(k) or self.request.POST.get(k) for k in "ab"):
            return None
        try:
            ids = [int(self.request.GET.get(k) or self.request.POST.get(k) or 0) for k in "ab"]
        except ValueError as error:
            raise Http404("Personne introuvable.") from error
        return [
            self.found(
                "Personne", lambda i=i: selectors.person_of(structure=self.structure, person_id=i)
            )
            for i in ids
        ]

    def kept_and_absorbed(self):
        people = self.people()
        if people is None:
            return None, None
        a, b = people
        if (self.request.POST.get("garder") or self.request.GET.get("garder")) == str(b.pk):
            return b, a
        return a, b

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.people() is None:  # no pair chosen: the page says where to choose one
            return context
        a, b = self.people()
        kept, absorbed = self.kept_and_absorbed()
        context.update(
            a=a,
            b=b,
            kept=kept,
            absorbed=absorbed,
            sides=[
                {
                    "person": p,
                    "situation": situation_label(p),
                    "rows": merging.rows_to_move(absorbed=p),
                }
                for p in (a, b)
            ],
            differences=merging.field_differences(kept=kept, absorbed=absorbed),
            collisions=merging.collisions(kept=kept, absorbed=absorbed),
            errors=kwargs.get("errors", []),
        )
        return context

    def post(self, request, *args, **kwargs):
        kept, absorbed = self.kept_and_absorbed()
        if kept is None:
            raise Http404("Personne introuvable.")
        choices = {name: request.POST.get(f"champ_{name}", "kept") for name in merging.MERGE_FIELDS}
        try:
            merge = merging.person_merge_prepare(
                actor=self.actor, kept=kept, absorbed=absorbed, choices=choices
            )
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(errors=error.messages))
        messages.success(
            request,
            "La fusion est préparée : vérifiez la fiche gardée, puis confirmez ou annulez.",
        )
        return redirect("parcours:merge", self.structure.pk, merge.pk)


class MergeAccessMixin(StructureAccessMixin):
    permission = MERGE_PERMISSION

    @property
    def merge(self) -> PersonMerge:
        return self.found(
            "Fusion",
            lambda: PersonMerge.objects.select_related("kept", "absorbed").get(
                pk=self.kwargs["merge_id"], structure=self.structure
            ),
            keep="_merge",
        )


class MergeDetailView(MergeAccessMixin, TemplateView):
    template_name = "parcours/merge_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        moved = []
        labels = {rel.related_model._meta.label: rel for rel in merging.person_relations()}
        for group in self.merge.moved:
            rel = labels.get(group["model"])
            name = rel.related_model._meta.verbose_name_plural if rel else group["model"]
            moved.append({"label": name, "count": len(group["pks"])})
        context.update(
            merge=self.merge, moved=moved, pending=self.merge.state == MergeState.PENDING
        )
        return context


class MergeDecisionView(MergeAccessMixin, TemplateView):
    """POST only: « Confirmer la fusion » or « Annuler la fusion »."""

    http_method_names = ["post"]
    action = ""

    def post(self, request, *args, **kwargs):
        service = (
            merging.person_merge_confirm
            if self.action == "confirm"
            else merging.person_merge_cancel
        )
        try:
            merge = service(actor=self.actor, merge=self.merge)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("parcours:merge", self.structure.pk, self.merge.pk)
        if self.action == "confirm":
            messages.success(request, "La fusion est confirmée : la fiche absorbée est supprimée.")
        else:
            messages.success(request, "La fusion est annulée : les deux fiches sont rétablies.")
        return redirect("parcours:merge", self.structure.pk, merge.pk)
