from django.urls import path

from jalons.taches import views

app_name = "taches"

T = "mes-documents/<uuid:tache_id>/"

urlpatterns = [
    path("mes-documents/", views.TacheListView.as_view(), name="list"),
    path("mes-documents/preparer/", views.TacheStartView.as_view(), name="start"),
    path(T, views.TacheDetailView.as_view(), name="detail"),
    path(T + "etat.json", views.TacheStateView.as_view(), name="state"),
    path(T + "telecharger/", views.TacheDownloadView.as_view(), name="download"),
    path(T + "annuler/", views.TacheCancelView.as_view(), name="cancel"),
    path(T + "relancer/", views.TacheRetryView.as_view(), name="retry"),
    path(T + "supprimer/", views.TacheDeleteView.as_view(), name="delete"),
]
