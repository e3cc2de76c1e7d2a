from django.apps import AppConfig


class ParcoursConfig(AppConfig):
    name = "jalons.parcours"
    verbose_name = "Parcours des salariés"

    def ready(self):
        from django.db.backends.signals import connection_created

        from jalons.parcours.search import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="jalons_fold")
