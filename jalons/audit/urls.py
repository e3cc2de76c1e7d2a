from django.urls import path

from jalons.audit import views

app_name = "audit"

urlpatterns = [
    path(
        "structures/<int:structure_id>/journal/",
        views.StructureLogView.as_view(),
        name="structure_log",
    ),
]
