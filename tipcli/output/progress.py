"""The indexing progress bar: rich is imported only once the bar is shown, so a run
whose stderr is a terminal but has nothing to index does not pay for it (~50 ms)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

SHOW_AFTER_SECONDS = 0.5  # a shorter indexing run finishes before a bar would help


class LazyProgress:
    """A progress bar on stderr that appears only once indexing has taken half a second."""

    def __init__(self, delay: float = SHOW_AFTER_SECONDS, console: Console | None = None) -> None:
        self._clock = time.monotonic
        self._start = self._clock()
        self._delay = delay
        self._console = console
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if self._clock() - self._start < self._delay or done >= total:
                return
            self._show(total)
        self._bar.update(self._task, completed=done, total=total)
        if done >= total:
            self._bar.stop()

    def _show(self, total: int) -> None:
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=self._console or Console(stderr=True), transient=True)
        self._bar.start()
        self._task = self._bar.add_task("indexing narratives", total=total)
