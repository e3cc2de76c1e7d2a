from django.urls import path

from jalons.observatoire import views

app_name = "observatoire"

urlpatterns = [
    path(
        "structures/<int:structure_id>/observatoire/",
        views.StructureObservatoryView.as_view(),
        name="structure",
    ),
    path(
        "reseaux/<int:network_id>/observatoire/",
        views.NetworkEditionView.as_view(),
        name="network",
    ),
    path(
        "ddets/<int:ddets_id>/observatoire/",
        views.DdetsEditionView.as_view(),
        name="ddets",
    ),
]
for fmt in ("pdf", "xlsx", "csv"):
    urlpatterns += [
        path(
            f"reseaux/<int:network_id>/observatoire/etat-statistique.{fmt}",
            views.download_view(views.NetworkScope, fmt).as_view(),
            name=f"network_{fmt}",
        ),
        path(
            f"ddets/<int:ddets_id>/observatoire/etat-statistique.{fmt}",
            views.download_view(views.DdetsScope, fmt).as_view(),
            name=f"ddets_{fmt}",
        ),
    ]
