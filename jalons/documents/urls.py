from django.urls import path

from jalons.documents import views

app_name = "documents"

S = "structures/<int:structure_id>/"
P = S + "personnes/<int:person_id>/documents/"

urlpatterns = [
    path(P, views.PersonDocumentsView.as_view(), name="person"),
    path(P + "attestation-competences.pdf", views.AttestationPdfView.as_view(), name="attestation"),
    path(P + "projet-de-cv.pdf", views.CvPdfView.as_view(), name="cv"),
    path(S + "livret-accueil/", views.LivretView.as_view(), name="livret"),
    path(S + "livret-accueil/modifier/", views.LivretEditView.as_view(), name="livret_edit"),
    path(S + "livret-accueil.pdf", views.LivretPdfView.as_view(), name="livret_pdf"),
]
