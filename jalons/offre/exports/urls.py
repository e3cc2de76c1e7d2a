from django.urls import path

from jalons.offre.exports import views

app_name = "offre_exports"

OFFRE = "structures/<int:structure_id>/offre/<int:year>/"
DDETS = "ddets/<int:ddets_id>/offres/<int:offre_id>/"

urlpatterns = [
    path(OFFRE + "export.pdf", views.OffreExportView.as_view(kind="pdf"), name="pdf"),
    path(OFFRE + "export.docx", views.OffreExportView.as_view(kind="docx"), name="docx"),
    path(OFFRE + "export.odt", views.OffreExportView.as_view(kind="odt"), name="odt"),
    path(
        OFFRE + "dialogue-de-gestion.pdf",
        views.OffreExportView.as_view(kind="dialogue"),
        name="dialogue",
    ),
    path(DDETS + "export.pdf", views.DdetsExportView.as_view(kind="pdf"), name="ddets_pdf"),
    path(
        DDETS + "dialogue-de-gestion.pdf",
        views.DdetsExportView.as_view(kind="dialogue"),
        name="ddets_dialogue",
    ),
]
