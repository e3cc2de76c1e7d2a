from django import forms

from jalons.echanges.uploads import MAX_UPLOAD_BYTES


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.xlsx"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)]


class UploadForm(forms.Form):
    fichiers = MultipleFileField(
        label="Fichiers à importer",
        help_text=(
            "Un ou plusieurs fichiers CSV nommés comme les tables (parcours.csv, "
            "heures.csv…), ou un classeur XLSX dont les feuilles portent ces noms "
            f"(parcours, heures…). {MAX_UPLOAD_BYTES // (1024 * 1024)} Mo au plus en tout."
        ),
        error_messages={"required": "Choisissez au moins un fichier à importer."},
    )

    def clean_fichiers(self):
        files = self.cleaned_data["fichiers"]
        total = sum(f.size or 0 for f in files)
        if total > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"Les fichiers pèsent {_mo(total)} Mo ; "
                f"{MAX_UPLOAD_BYTES // (1024 * 1024)} Mo au plus sont acceptés. "
                "Découpez l'import en plusieurs dépôts (par exemple par année)."
            )
        return files


def _mo(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")
