from django.urls import path

from jalons.missions import client_views, views

app_name = "missions"

S = "structures/<int:structure_id>/"
P = S + "personnes/<int:person_id>/"
M = P + "missions/<int:mission_id>/"

urlpatterns = [
    path(S + "missions/grille/", views.GridView.as_view(), name="grid"),
    path(
        S + "missions/grille/nouveau/", views.CriterionFormView.as_view(), name="criterion_create"
    ),
    path(
        S + "missions/grille/<int:criterion_id>/",
        views.CriterionFormView.as_view(),
        name="criterion_edit",
    ),
    path(M, views.MissionView.as_view(), name="mission"),
    path(M + "evaluation/", views.EvaluationCreateView.as_view(), name="evaluation_create"),
    path(M + "lien-client/", views.ClientLinkView.as_view(), name="client_link"),
    path(M + "suivi/", views.IntegrationCallCreateView.as_view(), name="call_create"),
    path(M + "incident/", views.IncidentCreateView.as_view(), name="incident_create"),
    path(
        P + "evaluations/<int:evaluation_id>/",
        views.EvaluationDetailView.as_view(),
        name="evaluation",
    ),
    path(
        P + "evaluations/<int:evaluation_id>/presentation/",
        views.EvaluationPresentedView.as_view(),
        name="evaluation_presented",
    ),
    path(P + "incidents/<int:incident_id>/", views.IncidentDetailView.as_view(), name="incident"),
    path(
        P + "incidents/<int:incident_id>/action/",
        views.IncidentActionCreateView.as_view(),
        name="incident_action",
    ),
    # The client company's page: the token is the credential.
    path(
        "evaluation-mission/<int:mission_id>/<str:token>/",
        client_views.client_evaluation,
        name="client_evaluation",
    ),
]
