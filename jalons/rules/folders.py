"""An interchange folder on disk is written whole or not at all.

``written_whole(folder)`` hands out a temporary folder next to the target; when the
block ends without error it takes the target's place (the former folder, with
``replace``, is removed only once the new one is there); on any error, an
interruption included, the temporary folder is removed and the target is untouched.
The demo data generator and the export both write their folder this way.
"""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path


class FolderNotEmpty(Exception):
    """The target exists and holds files (pass ``replace``), or is not a folder."""


@contextlib.contextmanager
def written_whole(folder: str | Path, *, replace: bool = False) -> Iterator[Path]:
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not replace)):
        raise FolderNotEmpty(str(folder))
    folder.parent.mkdir(parents=True, exist_ok=True)
    tag = uuid.uuid4().hex[:8]
    tmp = folder.parent / f".{folder.name}.en-cours-{tag}"
    tmp.mkdir()
    try:
        yield tmp
        if folder.exists():
            old = folder.parent / f".{folder.name}.ancien-{tag}"
            folder.rename(old)
            tmp.rename(folder)
            shutil.rmtree(old)
        else:
            tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
