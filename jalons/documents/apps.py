from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "jalons.documents"
    verbose_name = "Documents pour le salarié"
