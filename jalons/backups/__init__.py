"""Backup and restore of an installation (``jalons sauvegarder``, ``jalons restaurer``):
the whole database and the files of the network toolbox in one archive, checked
before anything is replaced (``jalons.backups.archive``)."""
