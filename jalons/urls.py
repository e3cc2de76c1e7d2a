from django.contrib import admin
from django.urls import include, path

from jalons.accompagnement import urls as accompagnement_urls
from jalons.contrats import urls as contrats_urls
from jalons.formation import urls as formation_urls
from jalons.orientations import urls as orientations_urls
from jalons.parcours import urls as parcours_urls
from jalons.pass_iae import urls as pass_iae_urls

admin.site.site_header = "Administration de Jalons"
admin.site.site_title = "Jalons"
admin.site.index_title = "Administration de la plateforme"

# The person's file is one namespace, « parcours » (``parcours:person``,
# ``parcours:pass_create``…): the pages of parcours, then those each other app adds
# to the file, declared in its urls.py as ``person_urlpatterns``.
person_file = [
    *parcours_urls.urlpatterns,
    *contrats_urls.person_urlpatterns,
    *orientations_urls.person_urlpatterns,
    *pass_iae_urls.person_urlpatterns,
    *accompagnement_urls.person_urlpatterns,
    *formation_urls.person_urlpatterns,
]

urlpatterns = [
    path("", include("jalons.web.urls")),
    path("", include("jalons.accounts.urls")),
    path("", include("jalons.structures.urls")),
    path("", include("jalons.structures.journal_urls")),
    path("", include((person_file, "parcours"))),
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
