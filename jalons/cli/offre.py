"""`jalons offre`: filled in by the offre app."""


def register(subparsers) -> None:
    pass
