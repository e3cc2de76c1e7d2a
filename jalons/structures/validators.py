from django.core.exceptions import ValidationError

# La Poste's establishments do not follow the Luhn key (INSEE rule).
LA_POSTE_SIREN = "356000000"


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siret(value: str) -> None:
    if not (len(value) == 14 and value.isdigit()):
        raise ValidationError(
            "Le SIRET doit comporter exactement 14 chiffres (sans espace).", code="format"
        )
    if value.startswith(LA_POSTE_SIREN):
        if sum(int(c) for c in value) % 5 != 0:
            raise ValidationError("Ce SIRET de La Poste n'est pas valide.", code="cle")
        return
    if not luhn_ok(value):
        raise ValidationError(
            "Ce SIRET n'est pas valide : sa clé de contrôle ne correspond pas "
            "(vérifiez les chiffres).",
            code="cle",
        )


def normalize_siret(value: str) -> str:
    return "".join(value.split())
