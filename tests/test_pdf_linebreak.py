"""Chinese line breaking (convert/writers/pdf/linebreak.py), without any PDF."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.writers.pdf.linebreak import (
    NO_END,
    NO_START,
    balanced_width,
    break_after,
    fit_lines,
    fixed_gaps,
    is_space,
)

# The marks the issue names, in both widths where a half-width form exists.
CLOSERS = set("，。、；：？！”’）》〉」』】〕…,.;:?!)")
OPENERS = set("“‘（《〈「『【〔(")


def advances(text: str) -> list[float]:
    """One unit for a Chinese character or full-width mark, half for Latin and spaces."""
    return [1.0 if ord(c) >= 0x2E80 or c in "“”‘’…—" else 0.5 for c in text]


def lines_of(text: str, width: float, first: float | None = None) -> list[str]:
    spans = fit_lines(text, advances(text), width if first is None else first, width)
    return [text[a:b] for a, b in spans]


def test_sets_cover_the_marks_the_issue_names() -> None:
    assert CLOSERS <= NO_START
    assert OPENERS <= NO_END


def test_comma_is_pushed_down_with_the_character_before_it() -> None:
    # Four fit, but the fifth character is a comma: 四 goes down with it.
    assert lines_of("一二三四，五六七八", 4) == ["一二三", "四，五六", "七八"]


def test_half_width_comma_never_starts_a_line() -> None:
    text = "今天天天,我们在这里"
    for width in range(2, 10):
        for line in lines_of(text, width)[1:]:
            assert line[0] != ","


def test_opening_quote_never_ends_a_line() -> None:
    # “ would be the fourth character: it moves down to its word.
    assert lines_of("他说了“好的”。", 4) == ["他说了", "“好", "的”。"]


def test_closing_marks_in_a_row_stay_together() -> None:
    lines = lines_of("一二三四。”五六", 4)
    assert lines == ["一二三", "四。”五", "六"]


def test_latin_words_and_numbers_are_not_split() -> None:
    text = "推进ISO 9001认证和GB/T 19001-2016标准，增长1,234.56亿元"
    for width in range(6, 20):
        joined = " ".join(lines_of(text, width))
        for word in ("ISO", "9001", "GB/T", "19001-2016", "1,234.56"):
            assert word in joined, (width, joined)


def test_a_year_stays_whole_but_may_leave_its_unit() -> None:
    assert lines_of("一二三2023年", 4.5) == ["一二三", "2023年"]
    assert lines_of("一二三四2023年五", 6) == ["一二三四2023", "年五"]


def test_doubled_dash_and_ellipsis_stay_on_one_line() -> None:
    for text in ("一二三——四五", "一二三……四五"):
        for width in range(3, 7):  # 三…… is three wide: narrower lines must cut it
            for line in lines_of(text, width):
                assert line.count(text[3]) in (0, 2), (text, width, line)


def test_spaces_at_a_break_are_dropped() -> None:
    text = "abc defg hij"
    lines = lines_of(text, 2.5)
    assert lines == ["abc", "defg", "hij"]


def test_ideographic_space_is_kept() -> None:
    assert not is_space("\u3000")
    assert lines_of("一\u3000二三", 10) == ["一\u3000二三"]


def test_first_line_can_be_shorter() -> None:
    assert lines_of("一二三四五六七八", 4, first=2) == ["一二", "三四五六", "七八"]


def test_a_word_longer_than_the_line_is_cut() -> None:
    lines = lines_of("abcdefghij", 2)
    assert "".join(lines) == "abcdefghij"
    assert all(len(line) <= 4 for line in lines)


def test_balanced_width_evens_out_title_lines() -> None:
    text = "关于进一步加强和改进全市质量管理工作的实施意见与要求"  # 26 characters
    width = 20.0
    assert [len(x) for x in lines_of(text, width)] == [20, 6]
    measure = balanced_width(text, advances(text), width)
    sizes = [len(x) for x in lines_of(text, measure)]
    assert len(sizes) == 2 and max(sizes) - min(sizes) <= 1


def test_fixed_gaps_keep_words_and_dashes_tight() -> None:
    text = "用ISO 9001——好"
    gaps = fixed_gaps(text)
    fixed = {text[i : i + 2] for i, f in enumerate(gaps) if f}
    assert fixed == {"IS", "SO", "90", "00", "01", "——"}


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("一二三四五六七八九十，", {9}),  # no break before the comma
        ("（一）", {0, 1}),
        ("a1,234b", {0, 1, 2, 3, 4, 5}),
    ],
)
def test_break_after_marks(text: str, forbidden: set[int]) -> None:
    allowed = break_after(text)
    assert allowed[-1]
    assert {i for i, ok in enumerate(allowed[:-1]) if not ok} >= forbidden


ALPHABET = "质量工作开展重点领域改革创新，。、；：？！“”‘’（）《》〔〕……——ISOab12 .,:%"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=120), st.integers(3, 30))
def test_lines_obey_the_rules_whenever_they_can(text: str, width: int) -> None:
    adv = advances(text)
    allowed = break_after(text)
    spans = fit_lines(text, adv, width, width, allowed)
    # Nothing lost: the lines and the spaces dropped at breaks give back the text.
    assert "".join(text[a:b] for a, b in spans) == "".join(
        c for i, c in enumerate(text) if not (is_space(c) and not _inside(spans, i))
    )
    for k, (a, b) in enumerate(spans):
        assert b > a
        assert not is_space(text[a]) and not is_space(text[b - 1])
        used = sum(adv[a:b])
        assert used <= width + 1e-9 or b - a == 1
        if k + 1 == len(spans):
            continue
        nxt = spans[k + 1][0]
        legal = [i for i in range(a, nxt) if allowed[i]]
        if allowed[nxt - 1]:
            # A rule-abiding break: the line could not take the next piece as well.
            end = next(i for i in range(nxt, len(text)) if allowed[i])
            assert sum(adv[a : end + 1]) > width - 1e-9
        else:
            # Only a piece wider than a whole line may be cut against the rules.
            assert not [i for i in legal if i >= a]


def _inside(spans: list[tuple[int, int]], i: int) -> bool:
    return any(a <= i < b for a, b in spans)
