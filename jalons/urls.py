from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Administration de Jalons"
admin.site.site_title = "Jalons"
admin.site.index_title = "Administration de la plateforme"

urlpatterns = [
    path("", include("jalons.web.urls")),
    path("", include("jalons.accounts.urls")),
    path("", include("jalons.structures.urls")),
    path("", include("jalons.audit.urls")),
    path("", include("jalons.parcours.urls")),
    path("", include("jalons.contrats.urls")),
    path("", include("jalons.orientations.urls")),
    path("", include("jalons.accompagnement.urls")),
    path("", include("jalons.indicateurs.urls")),
    path("", include("jalons.echanges.urls")),
    path("", include("jalons.missions.urls")),
    path("", include("jalons.competences.urls")),
    path("", include("jalons.documents.urls")),
    path("", include("jalons.offre.urls")),
    path("", include("jalons.offre.exports.urls")),
    path("", include("jalons.observatoire.urls")),
    path("", include("jalons.taches.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "jalons.web.views.error_400"
handler403 = "jalons.web.views.error_403"
handler404 = "jalons.web.views.error_404"
handler500 = "jalons.web.views.error_500"
