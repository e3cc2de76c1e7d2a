from django.contrib import admin

from jalons.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    # The platform administrator sees who did what and when, never the values: the
    # changes and object names may hold a person's sensitive data (docs/acces.md).
    list_display = ["at", "user_email", "command", "role", "structure", "action", "object_type"]
    list_filter = ["action"]
    search_fields = ["user_email"]
    fields = [
        "at",
        "user_email",
        "command",
        "role",
        "structure",
        "action",
        "object_type",
        "object_id",
        "ip",
    ]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
