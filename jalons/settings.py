"""Django settings: one module, driven by environment variables.

Variables (all optional):
- ``JALONS_DATA_DIR``: folder for the SQLite database, the kept secret key and
  uploaded files (default: ``./data`` in the current folder).
- ``DATABASE_URL``: e.g. ``postgres://user@host:5432/jalons``; default SQLite in the
  data folder.
- ``JALONS_SECRET_KEY``: default, a key generated once and kept in the data folder.
- ``JALONS_DEBUG``: ``1`` turns Django's debug mode on (never in production).
- ``JALONS_ALLOWED_HOSTS``: comma-separated host names (default: localhost only).
- ``JALONS_DEMO``: ``1`` in the demo (console e-mail backend, demo banner).
- ``JALONS_EMAIL_URL``-like settings: ``JALONS_EMAIL_HOST``, ``JALONS_EMAIL_PORT``,
  ``JALONS_EMAIL_USER``, ``JALONS_EMAIL_PASSWORD``, ``JALONS_EMAIL_TLS``,
  ``JALONS_DEFAULT_FROM_EMAIL``.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def _flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).strip().lower() in {"1", "true", "oui", "yes"}


BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("JALONS_DATA_DIR", Path.cwd() / "data")).resolve()
DEMO = _flag("JALONS_DEMO")
DEBUG = _flag("JALONS_DEBUG")


def _secret_key() -> str:
    key = os.environ.get("JALONS_SECRET_KEY")
    if key:
        return key
    key_file = DATA_DIR / "cle_secrete"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    # First run: generate a key and keep it, readable by the owner only.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(key)
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("JALONS_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]
# Reverse proxies whose X-Forwarded-For is trusted for the visitor's address (audit log,
# rate limit of client links), e.g. "127.0.0.1".
JALONS_TRUSTED_PROXIES = tuple(
    p.strip() for p in os.environ.get("JALONS_TRUSTED_PROXIES", "").split(",") if p.strip()
)
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("JALONS_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "jalons.accounts",
    "jalons.structures",
    "jalons.audit",
    "jalons.parcours",
    "jalons.contrats",
    "jalons.orientations",
    "jalons.pass_iae",
    "jalons.accompagnement",
    "jalons.formation",
    "jalons.indicateurs",
    "jalons.echanges",
    "jalons.missions",
    "jalons.competences",
    "jalons.documents",
    "jalons.offre",
    "jalons.observatoire",
    "jalons.taches",
    "jalons.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jalons.web.security.SecurityHeadersMiddleware",
    "jalons.web.security.IdleTimeoutMiddleware",
]

ROOT_URLCONF = "jalons.urls"
CSRF_FAILURE_VIEW = "jalons.web.views.csrf_failure"
WSGI_APPLICATION = "jalons.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jalons.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'jalons.sqlite3'}",
        conn_max_age=int(os.environ.get("JALONS_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background documents (docs/taches.md): how many are prepared at once per server
# process, how long a prepared file is kept; synchronous (in the request) for tests.
JALONS_TACHES_FILS = int(os.environ.get("JALONS_TACHES_FILS", "2"))
JALONS_TACHES_CONSERVATION_JOURS = int(os.environ.get("JALONS_TACHES_CONSERVATION_JOURS", "7"))
JALONS_TACHES_SYNCHRONE = os.environ.get("JALONS_TACHES_SYNCHRONE", "") == "1"

# Observatory: statistical disclosure thresholds (docs/observatoire.md).
JALONS_OBSERVATOIRE_SEUIL_STRUCTURES = int(
    os.environ.get("JALONS_OBSERVATOIRE_SEUIL_STRUCTURES", "3")
)
JALONS_OBSERVATOIRE_SEUIL_PERSONNES = int(
    os.environ.get("JALONS_OBSERVATOIRE_SEUIL_PERSONNES", "10")
)
# Protection interval of the cells in primary secret, in percent of their value (0: no
# interval audit): no published figure may bound such a cell within ± that share.
_interval = os.environ.get("JALONS_OBSERVATOIRE_INTERVALLE", "10")
if not _interval.isdigit() or not 0 <= int(_interval) <= 50:
    raise ImproperlyConfigured(
        f"JALONS_OBSERVATOIRE_INTERVALLE vaut « {_interval} » : attendu un nombre entier "
        "de 0 à 50 (pourcentage de l'intervalle de protection, 10 par défaut)."
    )
JALONS_OBSERVATOIRE_INTERVALLE = int(_interval)
# Stale structures a page recomputes itself before answering; beyond, the page says
# which figures lag and `jalons observatoire actualiser` does the work.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "jalons.accounts.passwords.FrenchCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "jalons.accounts.validators.CharacterClassesValidator"},
]
# Lock-out after repeated failed sign-ins (per e-mail address).
JALONS_LOCKOUT_FAILURES = int(os.environ.get("JALONS_LOCKOUT_FAILURES", "5"))
JALONS_LOCKOUT_MINUTES = int(os.environ.get("JALONS_LOCKOUT_MINUTES", "15"))
JALONS_INVITATION_DAYS = 7
# Link sent to a client company to evaluate a mission (ETTI, AI).
JALONS_CLIENT_LINK_DAYS = int(os.environ.get("JALONS_CLIENT_LINK_DAYS", "15"))
JALONS_CLIENT_LINK_MAX_ATTEMPTS = int(os.environ.get("JALONS_CLIENT_LINK_MAX_ATTEMPTS", "30"))
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day

SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day at most…
# …and closed after this many minutes without activity (jalons.web.security).
JALONS_SESSION_IDLE_MINUTES = int(os.environ.get("JALONS_SESSION_IDLE_MINUTES", "30"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if _flag("JALONS_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Browsers come back only over HTTPS (a year by default); plain HTTP is redirected,
    # except the monitoring address, which a supervisor may call on the loopback.
    SECURE_HSTS_SECONDS = int(os.environ.get("JALONS_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("JALONS_HSTS_SOUS_DOMAINES", "1")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^sante$"]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# No automatic grouping: identifiers in URLs and form values must stay plain (1903, not
# "1 903"). Amounts are grouped explicitly (floatformat:"2g", intcomma, French filters).
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
# Static files are served by WhiteNoise straight from the installed package (no
# collectstatic step); JALONS_STATIC_ROOT is only for a reverse proxy that serves them.
STATIC_ROOT = os.environ.get("JALONS_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

if DEMO or DEBUG:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif os.environ.get("JALONS_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["JALONS_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("JALONS_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("JALONS_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("JALONS_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _flag("JALONS_EMAIL_TLS", "1")
else:
    # No SMTP server configured: messages are written to the server log.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "JALONS_DEFAULT_FROM_EMAIL", "Jalons <ne-pas-repondre@jalons.local>"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JALONS_LOG_LEVEL", "WARNING")},
}
