"""Files written by the commands: whole or not at all, with ordinary permissions."""

import errno
import os
import tempfile
from pathlib import Path


def output_problem(target: Path, *, replace: bool, option: str = "--sortie") -> str | None:
    """Why a command must not write ``target`` (French, naming the option), or None.
    One rule for every command that writes a file: its folder exists, it is not a folder
    or a device, and an existing file is replaced only when asked (nothing is lost)."""
    if not target.parent.resolve().is_dir():
        return f"le dossier « {target.parent} » n'existe pas (option {option})."
    if target.is_dir():
        return f"« {target} » est un dossier : donnez un nom de fichier (option {option})."
    if target.exists() and not target.is_file():
        return (
            f"« {target} » n'est pas un fichier ordinaire : donnez un autre nom de fichier "
            f"(option {option})."
        )
    if target.exists() and not replace:
        return f"le fichier « {target} » existe déjà ; ajoutez --remplacer pour l'écraser."
    return None


# What the system says, in French, for the failures a user can meet while writing.
_OS_ERRORS = {
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota de disque dépassé",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.EEXIST: "un élément de ce nom existe déjà (fichier, dossier ou périphérique)",
    errno.EIO: "erreur d'entrée-sortie du disque",
}


def os_error_message(error: OSError) -> str:
    """One French sentence for a failed read or write: what, where, and that nothing
    was left half-written."""
    reason = _OS_ERRORS.get(error.errno, error.strerror or str(error))
    safe = "Aucun fichier n'a été laissé à moitié écrit ; corrigez puis relancez la commande."
    if error.filename:
        return f"Erreur de lecture ou d'écriture : {reason} ({error.filename}). {safe}"
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
        return f"Erreur d'écriture : {reason}. {safe}"
    return f"Erreur du système : {reason}."


def write_atomically(target: Path, content: bytes | str) -> None:
    """Write beside the target then rename: a reader (or an interruption) never sees half
    a file. The file gets the permissions of any new file (``0666`` less the umask), not
    the private ``0600`` of a temporary file."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if target.exists() and not target.is_file():
        # Renaming over a device or a folder would replace it (or fail half-way).
        raise FileExistsError(errno.EEXIST, "pas un fichier ordinaire", str(target))
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
