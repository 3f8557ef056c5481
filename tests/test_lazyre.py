"""LazyPattern: compiled on first use, answering as the compiled pattern does."""

from __future__ import annotations

import re

from convert.lazyre import LazyPattern


def test_compiles_once_on_first_use() -> None:
    lazy = LazyPattern("[一-鿿]+", re.ASCII)
    assert lazy._compiled is None
    compiled = lazy.compile()
    assert compiled is lazy.compile() and compiled.flags & re.ASCII
    assert compiled is re.compile("[一-鿿]+", re.ASCII)


def test_methods_answer_as_re_does() -> None:
    text = "第一章 总则, 第二章 附则"
    lazy, real = LazyPattern(r"第(.)章"), re.compile(r"第(.)章")
    assert lazy.search(text, 3).group(0) == real.search(text, 3).group(0)  # type: ignore[union-attr]
    assert lazy.match(text) is not None and lazy.match(text, 1) is None
    assert lazy.fullmatch("第三章") is not None
    assert lazy.findall(text) == real.findall(text) == ["一", "二"]
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert lazy.sub(r"<\1>", text, 1) == real.sub(r"<\1>", text, 1)
    assert lazy.split(text) == real.split(text)
