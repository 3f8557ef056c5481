"""Chinese line breaking (convert/writers/pdf/linebreak.py), without any PDF."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convert.writers.pdf.linebreak import (
    NO_END,
    NO_START,
    Squeeze,
    balanced_width,
    break_after,
    fit_lines,
    fixed_gaps,
    is_space,
    natural_room,
    soft_breaks,
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


# -- punctuation compression ---------------------------------------------------------------

#: Full-width marks with their ink on the left (blank right half) and on the right.
INK_LEFT = set("，。、；：？！”’）》〕")
INK_RIGHT = set("“‘（《〔")


def squeeze_of(text: str) -> Squeeze:
    left = [0.5 if c in INK_RIGHT else 0.0 for c in text]
    right = [0.5 if c in INK_LEFT else 0.0 for c in text]
    return Squeeze.of(text, left, right)


def squeezed_lines(text: str, width: float, first: float | None = None) -> list[str]:
    w0 = width if first is None else first
    spans = fit_lines(text, advances(text), w0, width, None, squeeze_of(text))
    return [text[a:b] for a, b in spans]


def test_adjacent_marks_always_close_up() -> None:
    sq = squeeze_of("观”。全“《书》”")
    # ”。, “《 and 》” lose half an em; nothing between 观 and ” or 《 and 书 (ink to ink).
    assert sq.tight == [0.0, 0.5, 0.0, 0.0, 0.5, 0.0, 0.0, 0.5, 0.0]
    # A mark next to a character may give its blank half when a line needs it.
    assert sq.give == [0.0, 0.0, 0.5, 0.5, 0.0, 0.0, 0.0, 0.0, 0.0]
    assert natural_room(advances("观”。"), squeeze_of("观”。"), 0, 3) == 2.5


def test_facing_inks_never_close_up() -> None:
    # “” (empty quotes) and （， have their inks side by side: nothing to take.
    assert squeeze_of("“”").tight == [0.0, 0.0]
    assert squeeze_of("（，").tight == [0.0, 0.0]


def test_a_line_closes_up_instead_of_pushing_a_character_down() -> None:
    # Without compression 四 goes down with the comma and the line is loose.
    assert lines_of("一二三四，五六七八", 4) == ["一二三", "四，五六", "七八"]
    # The comma's blank half at the line end makes room for both.
    assert squeezed_lines("一二三四，五六七八", 4.5) == ["一二三四，", "五六七八"]
    assert squeezed_lines("一二、三四，五六七八", 5) == ["一二、三四，", "五六七八"]


def test_a_full_line_stays_as_it_is() -> None:
    # Five characters fill the line exactly: no mark is squeezed to take a sixth.
    assert squeezed_lines("一二、三四五六七八九十", 5) == ["一二、三四", "五六七八九", "十"]


def test_a_loose_line_takes_only_the_piece_that_went_down() -> None:
    text = "一、二、三、四、五六七八九十"
    # 四 went down with its 、 ; the line may take it back, and no more.
    lines = squeezed_lines(text, 7)
    assert lines[0] == "一、二、三、四、"


def test_short_last_lines_are_pulled_back_when_marks_allow() -> None:
    text = "一是、二是、三是、四是工作重点，五是落实类。"
    width = 10.0
    plain = fit_lines(text, advances(text), width, width)
    assert [text[a:b] for a, b in plain] == ["一是、二是、三是、四", "是工作重点，五是落实", "类。"]
    # Both lines before it close up, each taking one more piece: 类。 comes back.
    assert squeezed_lines(text, width) == ["一是、二是、三是、四是", "工作重点，五是落实类。"]
    # Where the marks cannot make the room, the short line stays.
    assert squeezed_lines("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸类。", width)[-1] == "类。"


def test_a_word_breaks_after_a_slash_rather_than_letter_spacing_a_line() -> None:
    text = "一二三四五六" + "ab/cd/ef" + "七八"
    assert [text[i] for i, ok in enumerate(soft_breaks(text)) if ok] == ["/", "/"]
    adv = advances(text)
    whole = fit_lines(text, adv, 8, 8)
    a, b = whole[0]
    assert text[a:b] == "一二三四五六"
    spans = fit_lines(text, adv, 8, 8, None, None, max_stretch=0.1)
    a, b = spans[0]
    assert text[a:b] == "一二三四五六ab/"
    # Hyphens are not break points: extraction would take them for hyphenation.
    assert not any(soft_breaks("GB/T 19001-2016")[9:])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=120), st.integers(3, 30))
def test_compressed_lines_obey_the_rules_and_the_measure(text: str, width: int) -> None:
    adv, sq = advances(text), squeeze_of(text)
    allowed = break_after(text)
    spans = fit_lines(text, adv, width, width, allowed, sq)
    plain = fit_lines(text, adv, width, width, allowed)
    assert len(spans) <= len(plain)
    assert "".join(text[a:b] for a, b in spans) == "".join(
        c for i, c in enumerate(text) if not (is_space(c) and not _inside(spans, i))
    )
    for k, (a, b) in enumerate(spans):
        given = (0.0 if k == 0 else sq.lead[a]) + sq.trail[b - 1] + sum(sq.give[a : b - 1])
        assert natural_room(adv, sq, a, b) - given <= width + 1e-9 or b - a == 1
        if k + 1 < len(spans) and allowed[b - 1]:
            assert text[spans[k + 1][0]] not in NO_START
            assert text[b - 1] not in NO_END
