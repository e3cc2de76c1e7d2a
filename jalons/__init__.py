"""Jalons: free software for French SIAE and their networks."""

__version__ = "0.1.0"
