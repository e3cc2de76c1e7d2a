from django.urls import path

from jalons.echanges import views

app_name = "echanges"

urlpatterns = [
    path("structures/<int:structure_id>/import/", views.ImportView.as_view(), name="import"),
]
