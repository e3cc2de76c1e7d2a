from django.urls import path

from jalons.contrats import views

app_name = "contrats"

S = "structures/<int:structure_id>/clients/"

urlpatterns = [
    path(S, views.ClientListView.as_view(), name="clients"),
    path(S + "nouveau/", views.ClientFormView.as_view(), name="client_create"),
    path(S + "<int:client_id>/", views.ClientDetailView.as_view(), name="client"),
    path(S + "<int:client_id>/modifier/", views.ClientFormView.as_view(), name="client_edit"),
]
