"""One code per contact channel: the lists of follow-up methods, accompaniment forms
and mission calls never spell the same channel two ways (« email » and « courriel »)."""

from jalons.accompagnement.models import AccompanimentMedium
from jalons.missions.models import CallMedium
from jalons.parcours.models import FollowUpMethod
from jalons.parcours.vocabulary import Channel

LISTS = (FollowUpMethod, AccompanimentMedium, CallMedium)
SPELLINGS = {"email", "e-mail", "mail", "courriel"}


def test_every_list_spells_each_channel_with_the_shared_code():
    for choices in LISTS:
        codes = set(choices.values)
        assert Channel.EMAIL in codes, choices
        assert not (codes & SPELLINGS) - {Channel.EMAIL}, choices
        assert Channel.PHONE in codes, choices
    assert {c for lst in (AccompanimentMedium, CallMedium) for c in lst.values} >= {Channel.VIDEO}
