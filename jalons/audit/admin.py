from django.contrib import admin

from jalons.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user_email", "role", "structure", "action", "object_type", "object_repr"]
    list_filter = ["action"]
    search_fields = ["user_email", "object_repr"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
