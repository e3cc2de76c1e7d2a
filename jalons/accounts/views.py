from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from jalons.accounts import services
from jalons.accounts.access import access_for
from jalons.accounts.forms import (
    FrenchSetPasswordForm,
    NewAccountForm,
    ProfileForm,
    SignInForm,
)
from jalons.accounts.models import User
from jalons.audit.actor import Actor
from jalons.audit.models import AuditAction
from jalons.audit.services import audit_record


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("web:home")


@sensitive_post_parameters("password")
@never_cache
def sign_in(request):
    if request.user.is_authenticated:
        return redirect(_safe_next(request))
    form = SignInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_sign_in(
                request=request,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
            )
        except services.SignInError as error:
            form.add_error(None, error.message)
        else:
            return redirect(_safe_next(request))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


@require_POST
def sign_out(request):
    if request.user.is_authenticated:
        audit_record(action=AuditAction.SIGN_OUT, actor=Actor.from_request(request))
    logout(request)
    messages.success(request, "Vous êtes déconnecté·e.")
    return redirect("accounts:login")


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = FrenchSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_reset_done(actor=Actor.from_request(self.request), user=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(action=AuditAction.PASSWORD, actor=Actor.from_request(self.request))
        messages.success(self.request, "Votre mot de passe a été changé.")
        return response


@login_required
def account(request):
    user = request.user
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial={"first_name": user.first_name, "last_name": user.last_name},
    )
    if request.method == "POST" and form.is_valid():
        before = {"prénom": user.first_name, "nom": user.last_name}
        user.first_name = form.cleaned_data["first_name"]
        user.last_name = form.cleaned_data["last_name"]
        user.full_clean()
        user.save(update_fields=["first_name", "last_name"])
        after = {"prénom": user.first_name, "nom": user.last_name}
        audit_record(
            action=AuditAction.UPDATE,
            actor=Actor.from_request(request),
            obj=user,
            changes={k: [before[k], v] for k, v in after.items() if before[k] != v},
        )
        messages.success(request, "Vos informations ont été enregistrées.")
        return redirect("accounts:account")
    memberships = request.user.structure_memberships.select_related("structure").order_by(
        "structure__name"
    )
    return render(
        request,
        "accounts/account.html",
        {"form": form, "memberships": memberships, "access": access_for(request)},
    )


@sensitive_post_parameters("password1", "password2")
@never_cache
def invitation(request, token: str):
    invitation = services.invitation_from_token(token)
    if invitation is None or not invitation.is_pending:
        return render(
            request, "accounts/invitation_invalid.html", {"invitation": invitation}, status=410
        )
    account_exists = User.objects.filter(email=invitation.email).exists()
    context = {"invitation": invitation, "account_exists": account_exists}
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                services.invitation_accept(
                    actor=Actor.from_request(request), invitation=invitation, user=request.user
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("web:home")
            messages.success(request, f"Vous avez rejoint {invitation.structure.name}.")
            return redirect("structures:home", structure_id=invitation.structure_id)
        return render(request, "accounts/invitation.html", context)
    if account_exists:
        return render(request, "accounts/invitation.html", context)
    form = NewAccountForm(
        request.POST if request.method == "POST" else None, email=invitation.email
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept_new_user(
                actor=Actor.from_request(request),
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                "Bienvenue ! Votre compte est créé et vous avez rejoint "
                f"{invitation.structure.name}.",
            )
            return redirect("structures:home", structure_id=invitation.structure_id)
    context["form"] = form
    return render(request, "accounts/invitation.html", context)
