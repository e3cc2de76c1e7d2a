from django.urls import path

from jalons.accompagnement.views import AccompanimentCreateView
from jalons.contrats.views import ContractFormView
from jalons.formation.views import TrainingCreateView
from jalons.orientations.views import PersonOrientationView
from jalons.parcours import merge_views, views
from jalons.pass_iae import views as pass_views

app_name = "parcours"

S = "structures/<int:structure_id>/"
P = S + "personnes/<int:person_id>/"
PA = P + "parcours/<int:parcours_id>/"

urlpatterns = [
    path(S + "personnes/", views.PeopleListView.as_view(), name="people"),
    path(S + "personnes/nouvelle/", views.PersonCreateView.as_view(), name="person_create"),
    path(S + "a-faire/", views.TodoView.as_view(), name="todo"),
    path(S + "personnes/doublons/", merge_views.DuplicatesView.as_view(), name="duplicates"),
    path(
        S + "personnes/doublons/fusion/",
        merge_views.MergePrepareView.as_view(),
        name="merge_prepare",
    ),
    path(S + "fusions/<int:merge_id>/", merge_views.MergeDetailView.as_view(), name="merge"),
    path(
        S + "fusions/<int:merge_id>/confirmer/",
        merge_views.MergeDecisionView.as_view(action="confirm"),
        name="merge_confirm",
    ),
    path(
        S + "fusions/<int:merge_id>/annuler/",
        merge_views.MergeDecisionView.as_view(action="cancel"),
        name="merge_cancel",
    ),
    path(P, views.PersonFileView.as_view(), name="person"),
    path(P + "modifier/", views.PersonEditView.as_view(), name="person_edit"),
    path(P + "heures/", views.HoursView.as_view(), name="hours"),
    path(P + "parcours/nouveau/", views.ParcoursCreateView.as_view(), name="parcours_create"),
    path(PA + "modifier/", views.ParcoursEditView.as_view(), name="parcours_edit"),
    path(PA + "sortie/", views.ExitView.as_view(), name="exit"),
    path(PA + "suivi/<int:months>/", views.FollowUpView.as_view(), name="follow_up"),
    path(PA + "contrats/nouveau/", ContractFormView.as_view(), name="contract_create"),
    path(
        P + "contrats/<int:contract_id>/modifier/", ContractFormView.as_view(), name="contract_edit"
    ),
    path(P + "orientations/nouvelle/", PersonOrientationView.as_view(), name="orientation_create"),
    path(
        P + "orientations/<int:orientation_id>/modifier/",
        PersonOrientationView.as_view(),
        name="orientation_edit",
    ),
    path(P + "pass/nouveau/", pass_views.PassCreateView.as_view(), name="pass_create"),
    path(P + "pass/<int:pass_id>/modifier/", pass_views.PassEditView.as_view(), name="pass_edit"),
    path(
        P + "pass/<int:pass_id>/suspension/",
        pass_views.SuspensionCreateView.as_view(),
        name="pass_suspension",
    ),
    path(
        P + "pass/<int:pass_id>/prolongation/",
        pass_views.ProlongationCreateView.as_view(),
        name="pass_prolongation",
    ),
    path(
        P + "accompagnement/nouveau/",
        AccompanimentCreateView.as_view(),
        name="accompaniment_create",
    ),
    path(P + "formation/nouvelle/", TrainingCreateView.as_view(), name="training_create"),
]
