from django.db import models

from jalons.structures.models import Structure


class LivretSection(models.Model):
    """One editable text of a structure's livret d'accueil (defaults in ``livret.py``)."""

    structure = models.ForeignKey(
        Structure,
        on_delete=models.CASCADE,
        related_name="livret_sections",
        verbose_name="structure",
    )
    key = models.CharField("rubrique", max_length=40)
    body = models.TextField("texte", max_length=4000)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "rubrique du livret d'accueil"
        verbose_name_plural = "rubriques du livret d'accueil"
        constraints = [
            models.UniqueConstraint(fields=["structure", "key"], name="livret_section_unique_key")
        ]

    def __str__(self):
        from jalons.documents.livret import SECTION_TITLES

        return SECTION_TITLES.get(self.key, self.key)
