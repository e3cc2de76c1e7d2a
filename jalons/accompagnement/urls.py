from django.urls import path

from jalons.accompagnement import review_views, views
from jalons.formation import views as training_views

app_name = "accompagnement"

S = "structures/<int:structure_id>/"
P = S + "personnes/<int:person_id>/"

urlpatterns = [
    path(S + "partenaires/", views.PartnersView.as_view(), name="partners"),
    path(S + "partenaires/nouveau/", views.PartnerView.as_view(), name="partner_create"),
    path(S + "partenaires/<int:partner_id>/", views.PartnerView.as_view(), name="partner_edit"),
    path(
        S + "modeles-de-bilan/", review_views.ReviewTemplatesView.as_view(), name="review_templates"
    ),
    path(
        S + "modeles-de-bilan/nouveau/",
        review_views.ReviewTemplateView.as_view(),
        name="review_template_create",
    ),
    path(
        S + "modeles-de-bilan/<int:review_template_id>/",
        review_views.ReviewTemplateView.as_view(),
        name="review_template_edit",
    ),
    path(P + "plan/", views.PlanView.as_view(), name="plan"),
    path(P + "plan/freins/nouveau/", views.PlanBarrierView.as_view(), name="plan_barrier_create"),
    path(
        P + "plan/freins/<int:plan_barrier_id>/",
        views.PlanBarrierView.as_view(),
        name="plan_barrier_edit",
    ),
    path(
        P + "plan/freins/<int:plan_barrier_id>/supprimer/",
        views.PlanBarrierDeleteView.as_view(),
        name="plan_barrier_delete",
    ),
    path(
        P + "plan/freins/<int:plan_barrier_id>/objectifs/nouveau/",
        views.PlanObjectiveView.as_view(),
        name="plan_objective_create",
    ),
    path(
        P + "plan/objectifs/<int:plan_objective_id>/",
        views.PlanObjectiveView.as_view(),
        name="plan_objective_edit",
    ),
    path(
        P + "plan/objectifs/<int:plan_objective_id>/supprimer/",
        views.PlanObjectiveDeleteView.as_view(),
        name="plan_objective_delete",
    ),
    path(
        P + "plan/objectifs/<int:plan_objective_id>/actions/nouvelle/",
        views.PlanActionView.as_view(),
        name="plan_action_create",
    ),
    path(
        P + "plan/actions/<int:plan_action_id>/",
        views.PlanActionView.as_view(),
        name="plan_action_edit",
    ),
    path(
        P + "plan/actions/<int:plan_action_id>/supprimer/",
        views.PlanActionDeleteView.as_view(),
        name="plan_action_delete",
    ),
    path(P + "entretiens/nouveau/", views.InterviewView.as_view(), name="interview_create"),
    path(
        P + "entretiens/<int:interview_id>/", views.InterviewView.as_view(), name="interview_edit"
    ),
    path(
        P + "entretiens/<int:interview_id>/supprimer/",
        views.InterviewDeleteView.as_view(),
        name="interview_delete",
    ),
    path(P + "bilans/", review_views.ReviewsView.as_view(), name="reviews"),
    path(P + "bilans/nouveau/", review_views.ReviewCreateView.as_view(), name="review_create"),
    path(P + "bilans/<int:review_id>/", review_views.ReviewEditView.as_view(), name="review_edit"),
    path(
        P + "bilans/<int:review_id>/valider/",
        review_views.ReviewSignView.as_view(),
        name="review_sign",
    ),
    path(
        P + "bilans/<int:review_id>/presentation/",
        review_views.ReviewPresentView.as_view(),
        name="review_present",
    ),
    path(
        P + "bilans/<int:review_id>/imprimer/",
        review_views.ReviewPrintView.as_view(),
        name="review_print",
    ),
    path(
        P + "bilans/<int:review_id>/bilan.pdf",
        review_views.ReviewPdfView.as_view(),
        name="review_pdf",
    ),
    path(
        P + "formations/<int:training_id>/",
        training_views.TrainingEditView.as_view(),
        name="training_edit",
    ),
    path(
        P + "formations/<int:training_id>/etapes/nouvelle/",
        training_views.TrainingStepView.as_view(),
        name="training_step_create",
    ),
]

# Pages of the person's file, named in the namespace « parcours » (jalons/urls.py).
person_urlpatterns = [
    path(
        P + "accompagnement/nouveau/",
        views.AccompanimentCreateView.as_view(),
        name="accompaniment_create",
    ),
]
