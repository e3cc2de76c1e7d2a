from django.urls import path

from jalons.competences import views

app_name = "competences"

S = "structures/<int:structure_id>/competences/"
P = "structures/<int:structure_id>/personnes/<int:person_id>/competences/"

urlpatterns = [
    path(S, views.ReferentialView.as_view(), name="referential"),
    path(S + "importer/", views.TitleImportView.as_view(), name="title_import"),
    path(S + "titres/nouveau/", views.TitleFormView.as_view(), name="title_create"),
    path(S + "titres/<int:title_id>/", views.TitleDetailView.as_view(), name="title"),
    path(S + "titres/<int:title_id>/modifier/", views.TitleFormView.as_view(), name="title_edit"),
    path(
        S + "titres/<int:title_id>/blocs/nouveau/",
        views.BlockFormView.as_view(),
        name="block_create",
    ),
    path(S + "blocs/<int:block_id>/modifier/", views.BlockFormView.as_view(), name="block_edit"),
    path(
        S + "blocs/<int:block_id>/competences/nouvelle/",
        views.SkillFormView.as_view(),
        name="skill_create",
    ),
    path(
        S + "competences/<int:skill_id>/modifier/", views.SkillFormView.as_view(), name="skill_edit"
    ),
    path(P, views.PersonSkillsView.as_view(), name="person"),
    path(P + "evaluer/", views.EvaluationView.as_view(), name="evaluate"),
    path(
        P + "evaluations/<int:skill_evaluation_id>/supprimer/",
        views.EvaluationDeleteView.as_view(),
        name="evaluation_delete",
    ),
]
