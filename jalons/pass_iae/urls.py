from django.urls import path

from jalons.parcours.urls import P
from jalons.pass_iae import views

# Pages of the person's file, named in the namespace « parcours » (jalons/urls.py).
person_urlpatterns = [
    path(P + "pass/nouveau/", views.PassCreateView.as_view(), name="pass_create"),
    path(P + "pass/<int:pass_id>/modifier/", views.PassEditView.as_view(), name="pass_edit"),
    path(
        P + "pass/<int:pass_id>/suspension/",
        views.SuspensionCreateView.as_view(),
        name="pass_suspension",
    ),
    path(
        P + "pass/<int:pass_id>/prolongation/",
        views.ProlongationCreateView.as_view(),
        name="pass_prolongation",
    ),
]
