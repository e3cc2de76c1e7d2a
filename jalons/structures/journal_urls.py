"""The structure's journal page. It keeps the URL names of the audit app
(« audit:structure_log »): the journal is written by ``jalons.audit``, at the bottom of
the layers, and shown here, above access control and the common pages."""

from django.urls import path

from jalons.structures import views

app_name = "audit"

urlpatterns = [
    path(
        "structures/<int:structure_id>/journal/",
        views.StructureLogView.as_view(),
        name="structure_log",
    ),
]
