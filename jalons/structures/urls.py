from django.urls import path

from jalons.structures import views

app_name = "structures"

urlpatterns = [
    path("structures/changer/", views.switch_structure, name="switch"),
    path("structures/<int:structure_id>/", views.StructureHomeView.as_view(), name="home"),
    path(
        "structures/<int:structure_id>/modifier/",
        views.StructureEditView.as_view(),
        name="edit",
    ),
    path(
        "structures/<int:structure_id>/annexes/nouvelle/",
        views.AnnexeFormView.as_view(),
        name="annexe_create",
    ),
    path(
        "structures/<int:structure_id>/annexes/<int:annexe_id>/modifier/",
        views.AnnexeFormView.as_view(),
        name="annexe_edit",
    ),
    path(
        "structures/<int:structure_id>/annexes/<int:annexe_id>/supprimer/",
        views.AnnexeDeleteView.as_view(),
        name="annexe_delete",
    ),
    path("structures/<int:structure_id>/equipe/", views.MembersView.as_view(), name="members"),
    path(
        "structures/<int:structure_id>/equipe/<int:membership_id>/modifier/",
        views.MembershipEditView.as_view(),
        name="membership_edit",
    ),
    path(
        "structures/<int:structure_id>/equipe/<int:membership_id>/retirer/",
        views.MembershipRemoveView.as_view(),
        name="membership_remove",
    ),
    path(
        "structures/<int:structure_id>/invitations/<int:invitation_id>/annuler/",
        views.InvitationCancelView.as_view(),
        name="invitation_cancel",
    ),
    path("reseaux/<int:network_id>/", views.network_home, name="network"),
    path("ddets/<int:ddets_id>/", views.ddets_home, name="ddets"),
]
