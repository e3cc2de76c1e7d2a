from django.urls import path

from jalons.orientations import views

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
