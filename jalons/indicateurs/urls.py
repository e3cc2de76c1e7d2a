from django.urls import path

from jalons.indicateurs import views

app_name = "indicateurs"

urlpatterns = [
    path(
        "structures/<int:structure_id>/indicateurs/",
        views.IndicatorsView.as_view(),
        name="structure",
    ),
    path(
        "structures/<int:structure_id>/indicateurs/sorties/",
        views.IndicatorDetailView.as_view(),
        name="detail",
    ),
]
