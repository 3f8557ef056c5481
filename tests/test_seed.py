"""The seed (汇文网, a district mayor's speech) gives the same model from every form of it:
the copied text, the HTML page, its GB18030 copy and MHTML saves of it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SAMPLES, check_golden, require_tool, shared_path
from mhtml import make_mhtml

from convert import read
from convert.model import Heading, Paragraph
from convert.writers.jsonview import as_dict, block_dict


def sources() -> dict[str, bytes]:
    html = (SAMPLES / "speech.html").read_bytes()
    return {
        "speech.txt": (SAMPLES / "speech.txt").read_bytes(),
        "speech.html": html,
        "speech-gb18030.html": (SAMPLES / "speech-gb18030.html").read_bytes(),
        "speech-qp.mhtml": make_mhtml(html, transfer="quoted-printable"),
        "speech-b64.mhtml": make_mhtml(html, transfer="base64"),
    }


@pytest.fixture(scope="module", params=list(sources()))
def seed_form(request: pytest.FixtureRequest):
    name = request.param
    return name, read(sources()[name], name=name, repair=False)


def test_structure(seed_form) -> None:
    _, doc = seed_form
    assert doc.meta.title == "区长在质量绩效管理推进会讲话"
    heads = [(b.level, b.label) for b in doc.blocks if isinstance(b, Heading)]
    assert heads == [
        (1, "一、"),
        (1, "二、"),
        (1, "三、"),
        (2, "〔一〕"),
        (2, "〔二〕"),
        (2, "〔三〕"),
        (1, "四、"),
    ]
    body = [b for b in doc.blocks if isinstance(b, Paragraph) and b.role == "body"]
    assert len(body) == 15
    assert doc.blocks[0] == Paragraph("同志们:", "salutation")
    leads = [b.lead for b in body if b.lead]
    assert "一是政府推动。" in leads and "二是部门联动。" in leads
    assert doc.meta.truncated is True
    assert doc.meta.pages == 12 and doc.meta.doc_id == "2065240" and doc.meta.date == "2023-04-24"


def test_no_chrome_in_blocks(seed_form) -> None:
    _, doc = seed_form
    text = "\n".join(b.text for b in doc.blocks)
    for chrome in (
        "分享赚钱",
        "温馨提示",
        "网站客服",
        "下载文档",
        "此文档下载收益",
        "你可能关注",
        "ID:2065240",
    ):
        assert chrome not in text


def test_every_form_gives_the_same_blocks(seed_form) -> None:
    name, doc = seed_form
    reference = read(SAMPLES / "speech.txt", repair=False)
    assert doc.blocks == reference.blocks, name
    assert doc.meta.title == reference.meta.title


def test_body_text_is_the_seed_body(seed_raw) -> None:
    """Nothing of the body is lost or changed: the blocks, joined, are the page's body line."""
    line = next(
        x
        for x in (SAMPLES / "speech.txt").read_text(encoding="utf-8").splitlines()
        if x.startswith("区长")
    )
    rebuilt = " ".join([seed_raw.meta.title, *(b.text for b in seed_raw.blocks)])
    assert rebuilt == line


@pytest.mark.parametrize("name", ["speech.txt", "speech.html", "speech-gb18030.html"])
def test_golden_json(name: str, regen: bool) -> None:
    doc = read(SAMPLES / name, repair=False)
    check_golden(f"{name}.json", as_dict(doc), regen)


def test_matches_the_shared_seed(seed_raw) -> None:
    seed = shared_path("seed", "000_1ed5fe981526fee8.txt")
    assert seed.read_bytes() == (SAMPLES / "speech.txt").read_bytes()


def test_shared_json_checker_passes() -> None:
    """The team's own checker (../shared/tools) agrees on the seed and on every sample."""
    checker = shared_path("tools", "check_json_view.py")
    program = require_tool("docconv")  # the installed console script
    inputs = [str(shared_path("seed", "000_1ed5fe981526fee8.txt"))] + [
        str(SAMPLES / n) for n in ("speech.txt", "speech.html", "speech-gb18030.html")
    ]
    result = subprocess.run(
        [sys.executable, str(checker), "--docconv", program, *inputs],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": ok") == len(inputs)


def test_json_view_blocks_carry_full_text(seed_raw) -> None:
    for block in seed_raw.blocks:
        d = block_dict(block)
        assert d["text"] == block.text
        if d["type"] == "heading":
            assert d["text"].startswith(d["label"])
    dumped = json.dumps(as_dict(seed_raw), ensure_ascii=False)
    assert json.loads(dumped)["version"] == 1
