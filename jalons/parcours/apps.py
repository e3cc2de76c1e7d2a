from django.apps import AppConfig


class ParcoursConfig(AppConfig):
    name = "jalons.parcours"
    verbose_name = "Parcours des salariés"
    # The SQLite function of the search (``jalons_fold``) is registered by the audit
    # app, where the search is defined (``jalons.audit.search``).
