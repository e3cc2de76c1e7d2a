"""Search that ignores accents, case, hyphens and apostrophes (« traore » finds
« Traoré »): defined once in ``jalons.audit.search``, the lowest app that searches (the
journal's search), and used here for people and PASS numbers."""

from jalons.audit.search import Fold, fold, register_sqlite_function, search_words

__all__ = ["Fold", "fold", "register_sqlite_function", "search_words"]
