"""`jalons observatoire`: filled in by the observatoire app."""


def register(subparsers) -> None:
    pass
