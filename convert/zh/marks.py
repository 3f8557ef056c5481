r"""Punctuation marks: the sets stages test text against, where a line may not break (禁则),
and a final "..." or "……".

The sets are strings of marks (the line-breaking ones frozensets); `char_class` makes a
`[...]` class of any of them, escaped (PUNCT is the one set that needs escaping there).
Punctuation comes in both widths: sites fold full-width ，：；（）！？ to half-width, so a
rule that knows only one width misses half the pages.

A regular expression such as `\s*\.{3,}$` is tried at every position of the text and runs
over every run of dots or spaces it meets, which is quadratic on a line of dot leaders;
`trailing_mark` looks at the end only.
"""

from __future__ import annotations

import re

# -- the marks -----------------------------------------------------------------------------

SENTENCE_END = "。！？!?"  # ends a sentence, both widths
COMMA = "，,"
LIST_COMMA = "、"  # the enumeration comma: Chinese only
SEMICOLON = "；;"
COLON = "：:"
BULLETS = "•·●○■□◆◇▪"  # what a list entry a page flattened starts with
#: Ends a clause, in either width (the site folds full-width punctuation to half-width).
CLAUSE_END = "，。；：？！,;:?!\n"
CLAUSE_END_RE = re.compile(f"[{CLAUSE_END}]")
CLOSE_QUOTES = "”’」』"
OPEN_BRACKETS = "“‘「『（《〔【(〈"  # opening quotes and brackets

#: Any punctuation: clause ends, the enumeration comma, quotes, brackets, dashes, dots.
PUNCT = CLAUSE_END + "、“”‘’〝〞《》〈〉（）()〔〕【】[]「」『』—…·.\"'"
PUNCT_RE = re.compile("[" + re.escape(PUNCT) + "]")


def char_class(*sets: str, extra: str = "") -> str:
    """A `[...]` class of every mark in `sets` (escaped), then `extra` as written (\\s)."""
    return "[" + re.escape("".join(dict.fromkeys("".join(sets)))) + extra + "]"


# -- where text may end ----------------------------------------------------------------------
# Each stage's own set, as it was written there: they differ in a mark or two (a colon, a
# half-width bracket, ’), and they are kept apart so that no stage's behaviour changes.

_CLOSE = "…" + CLOSE_QUOTES + "）)》】"  # an ellipsis, closing quotes and brackets
#: A line of a chunked or wrapped text that ends in one of these ends its sentence
#: (clean/joins: the chunks before the last all do).
FINAL = SENTENCE_END + _CLOSE
#: Marks that close what stands before them: a line that starts with one continues the line
#: above, and one that ends with one (or "]") ends a clause (clean/joins).
CLOSING = SENTENCE_END + "；;：:，,、" + _CLOSE
#: A unit of the page that ends in one of these (or in "...") reads as sentences, not as a
#: row of links or buttons (clean/score).
TEXT_END = SENTENCE_END + "；;…" + CLOSE_QUOTES
#: A line of a page's text layer that ends in one of these may end its paragraph where a
#: wide blank follows (readers/layout).
LINE_END = SENTENCE_END + "；;：:…”』」"
#: A paragraph of flattened text can end after one of these (structure/paragraphs) ...
PARAGRAPH_END = "。！？；：…" + CLOSE_QUOTES + "）》〕】"
#: ... and after one of these only when Chinese text stands before it.
PARAGRAPH_END_HALF = "!?;:)"

# -- where a line may not break (禁则) -------------------------------------------------------

#: Marks that must not begin a line: closing punctuation and brackets, both widths
#: (the corpus uses half-width marks in Chinese text as often as full-width ones).
NO_START = frozenset(
    "!%),.:;?]}>"
    "¢°·’”‰′″›℃∶"
    "、。〃〉》」』】〕〗〙〛〞〟"
    "！＂％＇），．：；？］｝～｠｣"
    "…‥︰︶︺︾﹀﹄﹚﹜﹞"
)

#: Marks that must not end a line: opening punctuation and brackets, currency signs.
NO_END = frozenset("([{<$£¥·‘“〈《「『【〔〖〘〚〝﹙﹛﹝＄（［｛｢￡￥")

#: Marks written doubled (—— and ……) whose halves must stay on one line.
DOUBLED = frozenset("—―…‥")


# -- a final "..." or "……" ---------------------------------------------------------------------


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
