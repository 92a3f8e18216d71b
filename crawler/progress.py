"""Progress of long work: a bar with counts and an ETA on a terminal, nothing extra anywhere else.

Under cron or with output redirected, a bar would only fill logs and mails with carriage returns, so
the work runs silently there and the command's own summary line is all it prints.
"""

from __future__ import annotations

import sys
from typing import Iterable, Iterator, TypeVar

T = TypeVar("T")


def on_terminal(stream=None) -> bool:
    stream = stream or sys.stderr
    return hasattr(stream, "isatty") and stream.isatty()


def progress(items: Iterable[T], label: str, total: int | None = None, stream=None, unit: str = "page") -> Iterator[T]:
    """``items``, with a progress bar on ``stream`` (stderr) when it is a terminal."""
    stream = stream or sys.stderr
    if not on_terminal(stream):
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, desc=label, total=total if total is not None else _length(items), file=stream,
                    unit=unit, dynamic_ncols=True, mininterval=0.5)


def _length(items) -> int | None:
    try:
        return len(items)
    except TypeError:
        return None
