from django.urls import path

from jalons.contrats import views
from jalons.parcours.urls import PA, P

app_name = "contrats"

S = "structures/<int:structure_id>/clients/"
E = "structures/<int:structure_id>/personnes/<int:person_id>/eiti/"

urlpatterns = [
    path(S, views.ClientListView.as_view(), name="clients"),
    path(S + "nouveau/", views.ClientFormView.as_view(), name="client_create"),
    path(S + "<int:client_id>/", views.ClientDetailView.as_view(), name="client"),
    path(S + "<int:client_id>/modifier/", views.ClientFormView.as_view(), name="client_edit"),
    path(
        E + "parcours/<int:parcours_id>/contrats/nouveau/",
        views.AccompanimentContractFormView.as_view(),
        name="eiti_contract_create",
    ),
    path(
        E + "contrats/<int:eiti_contract_id>/modifier/",
        views.AccompanimentContractFormView.as_view(),
        name="eiti_contract_edit",
    ),
    path(
        E + "contrats/<int:eiti_contract_id>/declarations/nouvelle/",
        views.ActivityDeclarationFormView.as_view(),
        name="eiti_declaration_create",
    ),
    path(
        E + "declarations/<int:declaration_id>/modifier/",
        views.ActivityDeclarationFormView.as_view(),
        name="eiti_declaration_edit",
    ),
]

# Pages of the person's file, named in the namespace « parcours » (jalons/urls.py).
person_urlpatterns = [
    path(PA + "contrats/nouveau/", views.ContractFormView.as_view(), name="contract_create"),
    path(
        P + "contrats/<int:contract_id>/modifier/",
        views.ContractFormView.as_view(),
        name="contract_edit",
    ),
]
