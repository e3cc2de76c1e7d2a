"""What every page carries so that personal data stays where it is shown.

- ``SecurityHeadersMiddleware``: no page is kept by the browser or a proxy
  (``Cache-Control: no-store``: a shared computer's « Précédent » button or cache shows
  nobody's file), a Content-Security-Policy that lets only Jalons's own files run or
  style the page (no inline script, no third-party host), and a Permissions-Policy that
  turns off the camera, the microphone, the location… Static files, served before this
  middleware by WhiteNoise, keep their long cache.
- ``IdleTimeoutMiddleware``: a session unused for ``JALONS_SESSION_IDLE_MINUTES``
  (30 by default) is closed; the next page asks to sign in again and says why. The time
  of the last activity is written at most once a minute, so pages do not each write the
  session.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.cache import add_never_cache_headers

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "interest-cohort",
    )
)
LAST_ACTIVITY = "jalons_derniere_activite"
WRITE_EVERY = 60  # seconds between two writes of the last activity


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        add_never_cache_headers(response)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def idle_seconds() -> int:
    return int(getattr(settings, "JALONS_SESSION_IDLE_MINUTES", 30)) * 60


class IdleTimeoutMiddleware:
    """After ``AuthenticationMiddleware`` and ``MessageMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY)
            if isinstance(last, int) and now - last > idle_seconds():
                logout(request)
                minutes = idle_seconds() // 60
                messages.info(
                    request,
                    f"Votre session a été fermée après {minutes} minutes sans activité : "
                    "connectez-vous de nouveau.",
                )
                if request.method == "GET":
                    return redirect_to_login(request.get_full_path())
                # A form sent after the delay is not saved: sign in, then send it again.
                return redirect_to_login(request.path)
            if not isinstance(last, int) or now - last >= WRITE_EVERY:
                request.session[LAST_ACTIVITY] = now
        return self.get_response(request)
