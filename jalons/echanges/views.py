"""The import page of a structure: upload, preview (errors or what would change),
confirmation, result. Direction only (``import.executer``)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from jalons.echanges.forms import UploadForm, _mo
from jalons.echanges.services import folder_import
from jalons.echanges.uploads import (
    MAX_UPLOAD_BYTES,
    deposit_create,
    deposit_discard,
    deposit_get,
    deposits_clean,
)
from jalons.rules import InvalidInput
from jalons.web.mixins import StructureAccessMixin

RESULT_KEY = "import_resultat"
SHOWN_PROBLEMS = 1000


class ImportView(StructureAccessMixin, TemplateView):
    permission = "import.executer"
    template_name = "echanges/import.html"

    def get(self, request, *args, **kwargs):
        deposits_clean()
        self.audit_view()
        result = request.session.pop(RESULT_KEY, None) if "termine" in request.GET else None
        if result and result.get("structure") != self.structure.pk:
            result = None
        return self.render_to_response(
            self.get_context_data(form=UploadForm(), step="resultat" if result else "depot",
                                  result=result)
        )  # fmt: skip

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "deposer")
        if action in ("confirmer", "annuler"):
            deposit = deposit_get(
                token=request.POST.get("depot", ""), structure=self.structure, user=request.user
            )
            if deposit is None:
                messages.error(
                    request,
                    "Ce dépôt n'existe plus (déjà importé, annulé ou déposé il y a plus d'un "
                    "jour) : déposez à nouveau vos fichiers.",
                )
                return redirect(self.url())
            if action == "annuler":
                deposit_discard(deposit)
                messages.success(request, "Import annulé : rien n'a été écrit.")
                return redirect(self.url())
            return self.confirm(deposit)
        return self.upload()

    def url(self) -> str:
        return reverse("echanges:import", kwargs={"structure_id": self.structure.pk})

    def upload(self):
        request = self.request
        size = int(request.META.get("CONTENT_LENGTH") or 0)
        form = UploadForm(request.POST, request.FILES)
        if size > MAX_UPLOAD_BYTES + 1024 * 1024:
            form = UploadForm()
            form.add_error(
                None,
                f"L'envoi pèse {_mo(size)} Mo ; {MAX_UPLOAD_BYTES // (1024 * 1024)} Mo au plus "
                "sont acceptés. Découpez l'import en plusieurs dépôts.",
            )
            return self.render_to_response(self.get_context_data(form=form, step="depot"))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, step="depot"))
        deposit = deposit_create(
            structure=self.structure, user=request.user, files=form.cleaned_data["fichiers"]
        )
        return self.preview(deposit, trial=True)

    def confirm(self, deposit):
        return self.preview(deposit, trial=False)

    def preview(self, deposit, trial: bool):
        problems, result, warnings = list(deposit.problems), None, []
        try:
            result = folder_import(
                folder=deposit.folder,
                actor=self.actor,
                only_structure=self.structure,
                trial=trial or bool(problems),
                source=", ".join(deposit.names) or "dépôt",
            )
            warnings = result.avertissements
        except InvalidInput as error:
            problems.extend(error.problems)
            warnings = list(error.warnings)
        if problems or trial:
            if problems:
                deposit_discard(deposit)
            notes = list(deposit.notes)
            if any("absent de structures.csv" in p.message for p in problems):
                notes.append(
                    "Ce dépôt ne concerne que votre structure (structure_id "
                    f"{self.structure.identifier}) : les lignes d'une autre structure sont "
                    "refusées."
                )
            shown = [
                (deposit.label(p.fichier), p.ligne, p.colonne, p.message)
                for p in problems[:SHOWN_PROBLEMS]
            ]
            return self.render_to_response(
                self.get_context_data(
                    step="apercu",
                    deposit=deposit,
                    problems=shown,
                    problem_count=len(problems),
                    hidden_count=max(0, len(problems) - SHOWN_PROBLEMS),
                    result=result if not problems else None,
                    warnings=warnings,
                    notes=notes,
                    form=UploadForm(),
                )
            )
        deposit_discard(deposit)
        self.request.session[RESULT_KEY] = {
            "structure": self.structure.pk,
            "rows": result.rows(),
            "warnings": warnings,
            "notes": deposit.notes,
            "names": deposit.names,
            "total": result.total_written,
        }
        messages.success(self.request, "Import terminé : les données sont enregistrées.")
        return redirect(self.url() + "?termine=1")
