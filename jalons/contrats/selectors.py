"""Reads for contracts and clients. Every function takes a structure that the caller
obtained through ``jalons.accounts.access``."""

from jalons.contrats.models import Client


def clients_of(*, structure):
    return Client.objects.filter(structure=structure)
