"""Downloads of the Offre de Services: PDF, DOCX, ODT, dossier du dialogue de gestion
(structure members and DDETS agents). The data·inclusion export is the structure's
public listing (``jalons.offre.data_inclusion_views``)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.views import View

from jalons.accounts.access import get_ddets, role_allows
from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record
from jalons.offre.builder import build_document, without_sensitive_barriers
from jalons.offre.exports.produce import FORMATS, produce
from jalons.offre.models import OffreDeServices
from jalons.offre.selectors import offre_for, offre_for_departements
from jalons.web.mixins import StructureAccessMixin


def download(*, actor, offre, kind: str, document=None) -> HttpResponse:
    produced = produce(offre=offre, kind=kind, document=document)
    audit_record(
        action=AuditAction.VIEW,
        actor=actor,
        structure=offre.structure,
        obj=offre,
        object_type="offre de services",
        object_repr=f"{FORMATS[kind].label} : {offre}",
        changes={"document généré": [None, produced.template_version]},
    )
    response = HttpResponse(produced.content, content_type=FORMATS[kind].content_type)
    response["Content-Disposition"] = f'attachment; filename="{produced.file_name}"'
    return response


class OffreExportView(StructureAccessMixin, View):
    permission = "offre.voir"
    kind = "pdf"

    def get(self, request, *args, **kwargs):
        offre = offre_for(structure=self.structure, year=kwargs["year"])
        if offre is None:
            raise Http404("Aucune offre de services pour cette année.")
        document = None
        if not role_allows(self.role, "donnees_sensibles.voir"):
            if self.kind == "dialogue":
                # Its complementary indicators detail every barrier: direction and CIP.
                raise PermissionDenied("Votre rôle ne permet pas ce téléchargement.")
            document = without_sensitive_barriers(build_document(offre))
        return download(actor=self.actor, offre=offre, kind=self.kind, document=document)


class DdetsExportView(LoginRequiredMixin, View):
    """A DDETS agent downloads a submitted (or validated) OS of its départements."""

    kind = "pdf"

    def get(self, request, *args, **kwargs):
        _ddets, departements = get_ddets(request, kwargs["ddets_id"])
        try:
            offre = offre_for_departements(departements=departements, offre_id=kwargs["offre_id"])
        except OffreDeServices.DoesNotExist:
            raise Http404("Offre de services introuvable.") from None
        actor = Actor.from_request(request, role="ddets")
        return download(actor=actor, offre=offre, kind=self.kind)
