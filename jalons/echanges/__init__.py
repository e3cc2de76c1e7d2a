"""Import and export of the interchange folder (contract ``specs/indicateurs.md``
section 6), and the engine's input built from the database."""
