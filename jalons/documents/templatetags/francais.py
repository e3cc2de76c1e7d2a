"""French agreement in document templates: ``{% load francais %}``.

``{{ n|pluriel:"sortie" }}`` -> « 0 sortie », « 1 sortie », « 2 sorties »;
``{{ n|pluriel:"sortie sans motif,sorties sans motif" }}`` for a phrase;
``{{ text|accord:gender }}`` -> the masculine or feminine of an inclusive form.
"""

from django import template

from jalons.documents.french import elided, file_size, gendered, plural, plural_form

register = template.Library()


@register.filter
def pluriel(count, forms: str):
    """The count and the noun agreed with it (singular for 0 and 1)."""
    singular, _, many = forms.partition(",")
    return plural(count or 0, singular, many or None)


@register.filter
def accord_nombre(count, forms: str):
    """Only the agreed word, without the count: « n'est » / « ne sont »."""
    singular, _, many = forms.partition(",")
    return plural_form(count or 0, singular, many or None)


@register.filter
def accord(text, gender):
    """« Agent·e de tri » -> « Agente de tri » for "f", « Agent de tri » for "m"."""
    return gendered(str(text or ""), gender)


@register.filter
def taille(size):
    """``{{ file.size|taille }}`` -> « 12 Ko », « 1,4 Mo » (Django's filesizeformat says
    « Kio »)."""
    return file_size(size)


@register.filter
def elision(word, following):
    """``{{ "que"|elision:person.first_name }}`` -> « qu’ » or « que » (with its space)."""
    return elided(str(word), following)
