from django.core.exceptions import ValidationError


class CharacterClassesValidator:
    """At least three kinds of characters among lower case, upper case, digits, others.

    With the 12-character minimum this follows the CNIL recommendation
    (délibération n° 2022-100).
    """

    def validate(self, password, user=None):
        kinds = [
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        ]
        if sum(kinds) < 3:
            raise ValidationError(
                "Le mot de passe doit mélanger au moins trois sortes de caractères parmi : "
                "minuscules, majuscules, chiffres et caractères spéciaux.",
                code="password_too_simple",
            )

    def get_help_text(self):
        return (
            "Votre mot de passe doit mélanger au moins trois sortes de caractères parmi : "
            "minuscules, majuscules, chiffres et caractères spéciaux."
        )
