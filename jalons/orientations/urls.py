from django.urls import path

from jalons.orientations import views
from jalons.parcours.urls import P

app_name = "orientations"

urlpatterns = [
    path(
        "structures/<int:structure_id>/orientations/",
        views.OrientationListView.as_view(),
        name="list",
    ),
    path(
        "structures/<int:structure_id>/orientations/nouvelle/",
        views.CandidateOrientationView.as_view(),
        name="create",
    ),
    path(
        "structures/<int:structure_id>/orientations/<int:orientation_id>/embaucher/",
        views.OrientationHireView.as_view(),
        name="hire",
    ),
]

# Pages of the person's file, named in the namespace « parcours » (jalons/urls.py).
person_urlpatterns = [
    path(
        P + "orientations/nouvelle/",
        views.PersonOrientationView.as_view(),
        name="orientation_create",
    ),
    path(
        P + "orientations/<int:orientation_id>/modifier/",
        views.PersonOrientationView.as_view(),
        name="orientation_edit",
    ),
]
