"""Character classes (Han ideographs, CJK punctuation, full-width forms), as strings for
regular-expression classes.

Every range is a fragment for inside `[...]`, so a stage builds the class it needs from named
parts instead of writing code points again. The sets of punctuation marks are in `marks`.
"""

from __future__ import annotations

import re
import unicodedata

# -- Han ideographs ----------------------------------------------------------------------

HAN_BASIC = "\u4e00-\u9fff"  # CJK Unified Ideographs: nearly every character of real text
HAN_EXT_A = "\u3400-\u4dbf"
HAN_COMPAT = "\uf900-\ufaff"
HAN_SUPPLEMENTARY = "\U00020000-\U0003134f"  # extensions B and up
#: Han ideographs (basic, extension A, compatibility, the supplementary planes) and 〇.
HAN = "\u3007" + HAN_EXT_A + HAN_BASIC + HAN_COMPAT + HAN_SUPPLEMENTARY
#: Extension A to the end of the unified ideographs as one range (so with the 64 Yijing
#: hexagram symbols between the two): the quick test cleaning uses for "an ideograph".
HAN_BMP = "\u3400-\u9fff"
#: Planes 2 and 3 whole, assigned or not (HAN_SUPPLEMENTARY stops at the last block it
#: knows): the Supplementary and Tertiary Ideographic Planes, one word a character to Word.
IDEOGRAPHIC_PLANES = "\U00020000-\U0003ffff"
#: Every plane past the basic one (rare Han, emoji, symbols).
BEYOND_BMP = "\U00010000-\U0010ffff"

# -- other East Asian characters ---------------------------------------------------------

CJK_PUNCT = "\u3000-\u303f"  # ideographic space, 、。〈〉《》「」『』【】〔〕〝〞…
FULLWIDTH = "\uff00-\uffef"  # ，：；（）！？ and full-width letters and digits
RADICALS = "\u2e80-\u2eff\u2f00-\u2fdf"  # Kangxi radicals and supplements (look like Han)
#: Everything from the radicals to the end of the unified ideographs (kana, bopomofo, Hangul
#: jamo, enclosed CJK), compatibility ideographs and full-width forms: text set in an East
#: Asian font.
EAST_ASIAN = "\u2e80-\u9fff" + HAN_COMPAT + FULLWIDTH
#: Marks Chinese text shares with Western text: curly quotes, the em dash, the ellipsis.
SHARED_MARKS = "\u2018-\u201d\u2014\u2026"

#: Characters that make the text around them Chinese: Han, CJK punctuation, full-width forms,
#: curly quotes, the ellipsis and the dash as Chinese text uses them.
CHINESE = HAN + CJK_PUNCT + FULLWIDTH + SHARED_MARKS + "\u301d-\u301f"

HAN_RE = re.compile(f"[{HAN}]")
_CHINESE_RE = re.compile(f"[{CHINESE}]")


def is_chinese(ch: str) -> bool:
    return bool(ch) and _CHINESE_RE.match(ch) is not None


def is_han(ch: str) -> bool:
    return bool(ch) and HAN_RE.match(ch) is not None


def is_wide(ch: str) -> bool:
    """Whether a character takes a whole em (East Asian wide or full-width), not half."""
    return unicodedata.east_asian_width(ch) in "WF"


def width(text: str) -> float:
    """Width in CJK characters: wide and full-width characters 1, everything else ½."""
    return sum(1.0 if is_wide(c) else 0.5 for c in text)
