from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jalons.audit"
    verbose_name = "Journal d'audit"
