"""Read-only views of the observatory's records: consent is the structure's own choice
(changed on its page, audited), snapshots are recomputed, never edited."""

from django.contrib import admin

from jalons.observatoire.models import Consent, Snapshot


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = [
        "structure",
        "share_with_networks",
        "share_with_ddets",
        "compare_position",
        "updated_at",
    ]
    list_filter = ["share_with_networks", "share_with_ddets", "compare_position"]
    search_fields = ["structure__name"]


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = [
        "structure",
        "year",
        "quarter",
        "period_kind",
        "rule_set",
        "rule_set_version",
        "computed_at",
        "data_stamp",
    ]
    list_filter = ["year", "period_kind", "rule_set"]
    ordering = ["structure", "-year", "quarter", "rule_set"]
    search_fields = ["structure__name"]
    # The figures are the structure's own, unprotected: not shown to platform staff.
    exclude = ["figures"]
