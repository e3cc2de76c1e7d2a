"""Shared form pieces: French dates, yes/no/unknown selects, the empty form of a
confirmation page."""

from django import forms

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages={
            "required": f"Indiquez la {label.lower()}."
            if label.lower().startswith("date")
            else f"Indiquez : {label.lower()}.",
            "invalid": "Saisissez une date valide, par exemple 15/01/2026.",
        },
    )


class YesNoUnknownField(forms.TypedChoiceField):
    def __init__(self, *, label: str, **kwargs):
        super().__init__(
            label=label,
            choices=[("", "Non renseigné"), ("oui", "Oui"), ("non", "Non")],
            coerce=lambda v: {"oui": True, "non": False}.get(v),
            empty_value=None,
            required=False,
            **kwargs,
        )

    def prepare_value(self, value):
        return {True: "oui", False: "non"}.get(value, value or "")


class ConfirmForm(forms.Form):
    """Nothing to fill: the button of a confirmation page (deletions)."""
