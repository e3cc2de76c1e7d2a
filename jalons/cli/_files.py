"""Files written by the commands: whole or not at all, with ordinary permissions."""

import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, content: bytes | str) -> None:
    """Write beside the target then rename: a reader (or an interruption) never sees half
    a file. The file gets the permissions of any new file (``0666`` less the umask), not
    the private ``0600`` of a temporary file."""
    data = content.encode("utf-8") if isinstance(content, str) else content
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
