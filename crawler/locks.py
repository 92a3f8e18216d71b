"""One writer per portal and database: an flock on ``<database>.<portal>.lock``.

The kernel releases the lock when the process ends, however it ends, so a killed run never leaves a
stale lock behind. Two portals may write one database at the same time (SQLite serialises their
transactions); two runs of the same portal exclude each other.
"""

from __future__ import annotations

import fcntl
import os
import re
from pathlib import Path

EXIT_LOCKED = 75  # EX_TEMPFAIL: another run is writing; try again later


class LockedError(Exception):
    def __init__(self, path: Path, holder: str):
        super().__init__(f"another run (pid {holder}) is writing {path}")
        self.holder = holder


def lock_path(database: str | Path, name: str) -> Path:
    database = Path(database).resolve()
    return database.with_name(f"{database.name}.{re.sub(r'[^A-Za-z0-9._-]+', '_', name)}.lock")


def acquire(database: str | Path, name: str):
    """Hold the lock for ``name`` on ``database`` until the returned file is closed (or the process ends).
    Raises LockedError when another process holds it, OSError when the lock file cannot be made."""
    path = lock_path(database, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_NOFOLLOW: a symlink planted at the lock's name must not make us truncate another file
    handle = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644), "r+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise LockedError(Path(database), holder) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle


def setting_up(database: str | Path):
    """Wait for, then hold, the lock under which one process at a time opens a database for writing
    (creates it, switches it to WAL, migrates it): two processes doing that to a new file at once would
    collide. Held for moments; released when the returned file is closed."""
    database = Path(database).resolve()
    path = database.with_name(f"{database.name}.setup-lock")   # its folder exists: the caller made it
    handle = os.fdopen(os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644), "r+")
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle
