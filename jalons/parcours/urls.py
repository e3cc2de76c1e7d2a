"""The pages of parcours. ``jalons/urls.py`` mounts them under the namespace
« parcours », with the pages that other apps add to the person's file (their
``person_urlpatterns``): a page keeps its name whichever app serves it."""

from django.urls import path

from jalons.parcours import merge_views, views

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
]
