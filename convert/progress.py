"""What a batch run shows on stderr: a progress bar while it works (only on a terminal) and
a summary at the end. stdout stays free for data (`-o -`)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

from .batch import Outcome
from .errors import printable


class Display:
    def __init__(self, total: int, *, quiet: bool) -> None:
        self.total = total
        self.quiet = quiet
        self.counts = {"converted": 0, "skipped": 0, "failed": 0}
        self.warnings = 0
        self.failures: list[Outcome] = []
        self.start = time.perf_counter()
        self._progress: Any = None
        self._task: Any = None

    def track(self, outcomes: Iterable[Outcome]) -> Iterator[Outcome]:
        """Pass outcomes through, counting them and moving the bar."""
        if not self.quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]converting"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[failed]} failed · {task.fields[rate]}/s"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("batch", total=self.total, failed=0, rate="0.0")
        try:
            for outcome in outcomes:
                self._count(outcome)
                yield outcome
        finally:
            if self._progress is not None:
                self._progress.stop()

    def say(self, message: str) -> None:
        """A line on stderr that does not break the progress bar; a name or a warning in it
        cannot start another line (or send the terminal an escape sequence)."""
        line = f"docconv: {printable(message)}"
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False)
        else:
            print(line, file=sys.stderr)

    def _count(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        self.warnings += len(outcome.warnings)
        if outcome.status == "failed":
            self.failures.append(outcome)
        if self._progress is not None:
            done = sum(self.counts.values())
            rate = done / max(time.perf_counter() - self.start, 1e-6)
            self._progress.update(
                self._task, completed=done, failed=self.counts["failed"], rate=f"{rate:.1f}"
            )

    def summary(self) -> None:
        """Failures one per line, then the totals (a table on a terminal)."""
        out = sys.stderr
        for f in self.failures:
            print(printable(f"docconv: failed: {f.input}: {f.error}"), file=out)
        if self.quiet or self.total <= 1:  # one file converted is news to nobody
            return
        seconds = time.perf_counter() - self.start
        c = self.counts
        if out.isatty():
            from rich.console import Console
            from rich.table import Table

            table = Table(title="docconv", show_header=True)
            for name in ("converted", "skipped", "failed", "warnings", "seconds"):
                table.add_column(name, justify="right")
            table.add_row(
                str(c["converted"]),
                str(c["skipped"]),
                str(c["failed"]),
                str(self.warnings),
                f"{seconds:.1f}",
            )
            Console(stderr=True).print(table)
        else:
            print(
                f"docconv: {c['converted']} converted, {c['skipped']} skipped, "
                f"{c['failed']} failed, {self.warnings} warnings in {seconds:.1f} s",
                file=out,
            )
