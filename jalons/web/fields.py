"""Form fields for French input: decimal comma, spaces between thousands."""

from decimal import Decimal, InvalidOperation

from django import forms

SPACES = (" ", "\u00a0", "\u202f")


def parse_french_decimal(value: str) -> Decimal:
    text = str(value).strip()
    for space in SPACES:
        text = text.replace(space, "")
    text = text.replace(",", ".")
    return Decimal(text)


def format_french_decimal(value) -> str:
    if value in (None, ""):
        return ""
    if isinstance(value, str):
        return value
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


class FrenchDecimalInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", **(attrs or {})})

    def format_value(self, value):
        return format_french_decimal(value) or None


class FrenchDecimalField(forms.DecimalField):
    """Accepts 1607, 1 607, 12,5 or 12.5; shows 12,5."""

    widget = FrenchDecimalInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            number = parse_french_decimal(value)
        except InvalidOperation as error:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from error
        if not number.is_finite():
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return number

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("step", None)
        attrs.pop("min", None)
        attrs.pop("max", None)
        return attrs
