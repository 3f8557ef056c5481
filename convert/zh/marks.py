r"""A final "..." or "……": where it starts, found from the end of the text.

A regular expression such as `\s*\.{3,}$` is tried at every position of the text and runs
over every run of dots or spaces it meets, which is quadratic on a line of dot leaders; this
looks at the end only.
"""

from __future__ import annotations


def trailing_mark(
    text: str, *, dots: int = 3, ellipses: int = 1, ellipsis_space: bool = True
) -> int:
    """Where `text`'s final mark starts: `dots` or more full stops (with the whitespace before
    them), or `ellipses` or more "…" (with the whitespace before them when `ellipsis_space`);
    len(text) when it ends in neither."""
    body = text.rstrip(".")
    if len(text) - len(body) >= dots:
        return len(body.rstrip())
    body = text.rstrip("…")
    if len(text) - len(body) >= ellipses:
        return len(body.rstrip()) if ellipsis_space else len(body)
    return len(text)
