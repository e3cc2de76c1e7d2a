from django.urls import path

from jalons.offre import (
    data_inclusion_views,
    views,
    views_ddets,
    views_history,
    views_network,
)

app_name = "offre"

OFFRE = "structures/<int:structure_id>/offre/<int:year>/"
LISTING = "structures/<int:structure_id>/offre/fiche-publique/"

urlpatterns = [
    path("structures/<int:structure_id>/offre/", views.OffreListView.as_view(), name="list"),
    path(
        "structures/<int:structure_id>/offre/nouvelle/",
        views.OffreCreateView.as_view(),
        name="create",
    ),
    path(OFFRE, views.OffreDetailView.as_view(), name="detail"),
    path(LISTING, data_inclusion_views.PublicListingPreviewView.as_view(), name="public_listing"),
    path(
        LISTING + "modifier/",
        data_inclusion_views.PublicListingEditView.as_view(),
        name="public_listing_edit",
    ),
    path(
        LISTING + "data-inclusion.json",
        data_inclusion_views.PublicListingExportView.as_view(),
        name="public_listing_export",
    ),
    path(OFFRE + "sections/<int:section_id>/", views.SectionEditView.as_view(), name="section"),
    path(OFFRE + "sections/<int:section_id>/partager/", views.ShareView.as_view(), name="share"),
    path(OFFRE + "transmettre/", views.SubmitView.as_view(), name="submit"),
    path(OFFRE + "objectifs/", views_history.ObjectivesView.as_view(), name="objectives"),
    path(OFFRE + "versions/", views_history.VersionsView.as_view(), name="versions"),
    path(OFFRE + "versions/<int:version_id>/", views_history.VersionView.as_view(), name="version"),
    path(
        "structures/<int:structure_id>/boite-a-outils/",
        views_history.ToolboxView.as_view(),
        name="toolbox",
    ),
    path(
        "structures/<int:structure_id>/boite-a-outils/<int:model_id>/telecharger/",
        views_history.ToolboxFileView.as_view(),
        name="toolbox_file",
    ),
    path("ddets/<int:ddets_id>/offres/", views_ddets.DdetsOffresView.as_view(), name="ddets_list"),
    path(
        "ddets/<int:ddets_id>/offres/<int:offre_id>/",
        views_ddets.DdetsOffreView.as_view(),
        name="ddets_detail",
    ),
    path(
        "reseaux/<int:network_id>/modeles/",
        views_network.NetworkTemplatesView.as_view(),
        name="network_models",
    ),
    path(
        "reseaux/<int:network_id>/modeles/nouveau/",
        views_network.NetworkTemplateEditView.as_view(),
        name="network_model_create",
    ),
    path(
        "reseaux/<int:network_id>/modeles/<int:model_id>/",
        views_network.NetworkTemplateEditView.as_view(),
        name="network_model_edit",
    ),
    path(
        "reseaux/<int:network_id>/modeles/<int:model_id>/telecharger/",
        views_network.NetworkTemplateFileView.as_view(),
        name="network_model_file",
    ),
]
