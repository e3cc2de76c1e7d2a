from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jalons.audit"
    verbose_name = "Journal d'audit"

    def ready(self):
        from django.db.backends.signals import connection_created

        from jalons.audit.search import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="jalons_fold")
