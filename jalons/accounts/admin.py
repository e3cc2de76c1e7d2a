from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from jalons.accounts.models import (
    DdetsMembership,
    Invitation,
    NetworkMembership,
    StructureMembership,
    User,
)


def _admin_login(request, extra_context=None):
    """One sign-in page for everyone, with its lock-out: the admin uses it too.

    A signed-in person who is not a platform administrator is refused here (403):
    sending them to the sign-in page would send them straight back, in a loop.
    """
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("accounts:login"))
    if admin.site.has_permission(request):
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = reverse("admin:index")
        return redirect(target)
    return render(request, "errors/admin_403.html", status=403)


admin.site.login = _admin_login


class StructureMembershipInline(admin.TabularInline):
    model = StructureMembership
    extra = 0
    autocomplete_fields = ["structure"]


class NetworkMembershipInline(admin.TabularInline):
    model = NetworkMembership
    extra = 0


class DdetsMembershipInline(admin.TabularInline):
    model = DdetsMembership
    extra = 0
    filter_horizontal = ["departements"]


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)


class UserChangeAdminForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    add_form = UserCreationAdminForm
    form = UserChangeAdminForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Identité", {"fields": ["first_name", "last_name"]}),
        ("Droits", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]
    filter_horizontal: list[str] = []
    list_filter = ["is_active", "is_staff", "is_superuser"]
    inlines = [StructureMembershipInline, NetworkMembershipInline, DdetsMembershipInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "structure", "role", "created_at", "expires_at", "accepted_at"]
    exclude = ["token_hash"]
    readonly_fields = ["created_at"]
