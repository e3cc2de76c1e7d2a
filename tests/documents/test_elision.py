"""« atteste qu'Élodie », « les documents d'Ahmed »: the elision before a first name."""

import pytest
from django.template import Context, Template

from jalons.documents.french import elided


@pytest.mark.parametrize(
    ("word", "name", "expected"),
    [
        ("que", "Élodie", "qu’"),
        ("que", "Ahmed", "qu’"),
        ("de", "Yasmine", "d’"),
        ("que", "Farid", "que "),
        ("de", "Hugo", "de "),  # the h is left alone: a name does not say if it is mute
        ("que", "", "que "),
    ],
)
def test_que_and_de_are_elided_before_a_vowel(word, name, expected):
    assert elided(word, name) == expected


def test_the_template_filter_joins_the_word_to_the_name():
    template = Template('{% load francais %}atteste {{ "que"|elision:n }}{{ n }}')
    assert template.render(Context({"n": "Élodie"})) == "atteste qu’Élodie"
    assert template.render(Context({"n": "Farid"})) == "atteste que Farid"
