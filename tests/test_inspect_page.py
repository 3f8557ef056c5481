"""`docconv inspect FILE --html`: one self-contained page, checked as markup and in
Chromium (the filter runs there; screenshots are made for a person to look at)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FONTS, SAMPLES, require_tool, shared_path
from lxml import html

from convert import inspection, report
from convert.api import read_detailed


def page_of(path: Path) -> str:
    reading = read_detailed(path)
    raw = read_detailed(path, repair=False)
    return report.render_page(inspection.page_data(reading, path.name, raw))


@pytest.fixture(scope="module")
def speech() -> html.HtmlElement:
    return html.fromstring(page_of(SAMPLES / "speech.html"))


def rows(tree: html.HtmlElement, kind: str) -> list[html.HtmlElement]:
    return [r for r in tree.find_class("row") if kind in r.get("data-kind", "").split()]


def test_removed_lines_are_struck_through_with_their_rule(speech: html.HtmlElement) -> None:
    removed = rows(speech, "removed")
    assert len(removed) >= 10
    for row in removed:
        struck = row.find(".//s")
        assert struck is not None and struck.text_content().strip()
        assert row.find_class("rule")[0].text_content().strip() == row.get("data-rule")
        assert row.get("data-rule") in row.find_class("tip")[0].text_content()
    rules = {r.get("data-rule") for r in removed}
    assert "huiwen:meta" in rules and "huiwen:file-title" in rules


def test_headings_carry_their_level_in_the_margin(speech: html.HtmlElement) -> None:
    headings = [r for r in rows(speech, "heading") if "block" in r.get("class", "")]
    levels = [r.find_class("tag")[0].text_content()[:2] for r in headings]
    assert levels[:2] == ["H1", "H2"] or "H1" in levels
    first = headings[0].find_class("text")[0].text_content()
    assert first.startswith("一、")


def test_repairs_show_before_and_after(speech: html.HtmlElement) -> None:
    repairs = speech.find_class("rep")
    assert len(repairs) > 50
    pairs = {(r.find("del").text_content(), r.find("ins").text_content()) for r in repairs}
    assert (",", "，") in pairs or (":", "：") in pairs
    # The repaired paragraph reads as the page had it, with each change in place.
    salutation = next(r for r in rows(speech, "paragraph") if "同志们" in r.text_content())
    assert salutation.find_class("text")[0].text_content() in ("同志们:：", "同志们：")


def test_the_title_candidates_and_why_one_won(speech: html.HtmlElement) -> None:
    section = speech.get_element_by_id("title")
    assert section.find_class("chosen-title")[0].text_content() == "区长在质量绩效管理推进会讲话"
    chosen = section.find_class("chosen")
    assert len([c for c in chosen if c.tag == "tr"]) == 1
    assert section.find_class("why")[0].text_content().strip()
    sources = [
        tr.find("td").text_content() for tr in section.iter("tr") if tr.find("td") is not None
    ]
    assert "the site's name for it" in sources and "the page's <title>" in sources


def test_the_page_needs_nothing_else(speech: html.HtmlElement) -> None:
    assert not speech.xpath("//link | //img | //iframe | //script[@src]")
    assert not [a for a in speech.xpath("//a[@href]") if not a.get("href").startswith("#")]
    assert speech.find(".//style") is not None and speech.find(".//script") is not None


def test_a_hostile_page_is_escaped(tmp_path: Path) -> None:
    src = tmp_path / "x.txt"
    src.write_text("<script>alert(1)</script>\n同志们：\n今天开会。<b>粗</b>\n", encoding="utf-8")
    tree = html.fromstring(page_of(src))
    scripts = tree.xpath("//script")
    assert len(scripts) == 1 and "alert(1)" not in scripts[0].text_content()
    assert not tree.xpath("//main//b[text()='粗']")


def test_the_command_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = subprocess.run(
        [sys.executable, "-m", "convert", "inspect", str(SAMPLES / "speech.html"), "--html",
         "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --- in Chromium ---------------------------------------------------------------------------


def chromium(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        require_tool("chromium")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [
            str(exe), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={profile}", *args,
        ],
        env={**os.environ, "FONTCONFIG_FILE": str(FONTS / "fontconfig.conf")},
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip


@pytest.mark.slow
def test_the_filter_runs_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "speech.html"
    page.write_text(page_of(SAMPLES / "speech.html"), encoding="utf-8")
    for view, kinds in (("#show=removed", {"removed"}), ("#show=heading", {"heading"})):
        dom = html.fromstring(
            chromium("--dump-dom", page.as_uri() + view, tmp_path=tmp_path).stdout
        )
        visible = [r for r in dom.find_class("row") if r.get("hidden") is None]
        assert visible, view
        assert all(kinds & set(r.get("data-kind").split()) for r in visible), view
        hidden = [r for r in dom.find_class("row") if r.get("hidden") is not None]
        assert hidden and "rows shown" in dom.get_element_by_id("shown").text_content()
    one_rule = chromium("--dump-dom", page.as_uri() + "#rule=huiwen:meta", tmp_path=tmp_path)
    dom = html.fromstring(one_rule.stdout)
    visible = [r for r in dom.find_class("row") if r.get("hidden") is None]
    assert visible and {r.get("data-rule") for r in visible} == {"huiwen:meta"}


@pytest.mark.slow
@pytest.mark.parametrize(
    "source",
    ["seed/000_1ed5fe981526fee8.txt", "corpus/pages/renrendoc-10.txt", "corpus/pages/bigxun-2.txt"],
)
def test_screenshots_for_a_person(source: str, tmp_path: Path) -> None:
    """The seed and two corpus pages, rendered; the PNGs are kept under
    $DOCCONV_SCREENSHOTS when it is set, to be looked at."""
    path = shared_path(source)
    page = tmp_path / "page.html"
    page.write_text(page_of(path), encoding="utf-8")
    png = tmp_path / "page.png"
    chromium("--window-size=1280,2000", f"--screenshot={png}", page.as_uri(), tmp_path=tmp_path)
    assert png.stat().st_size > 20_000  # a page of text, not a blank
    keep = os.environ.get("DOCCONV_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(keep) / (Path(source).stem + ".png"))


def test_rule_detail_and_score_are_shown(tmp_path: Path) -> None:
    """Where a rule lives and what matched (Removed.detail) and the scorer's verdict
    (Removed.score) reach the tree, the JSON and the page whenever cleaning records them."""
    import dataclasses
    import types

    from rich.console import Console

    reading = read_detailed(SAMPLES / "speech.html")
    first = reading.document.meta.removed[0]
    explained = types.SimpleNamespace(  # the fields cleaning adds to Removed
        text=first.text,
        rule=first.rule,
        line=first.line,
        score=0.93,
        detail="huiwen.toml [chrome] lines: ^分享$",
    )
    meta = dataclasses.replace(reading.document.meta, removed=(explained,))
    doc = dataclasses.replace(reading.document, meta=meta)
    reading = dataclasses.replace(reading, document=doc)
    console = Console(width=200, record=True, color_system=None)
    console.print(inspection.tree(reading, "speech.html"))
    text = console.export_text()
    assert "huiwen.toml [chrome] lines: ^分享$" in text and "0.93" in text
    tree = html.fromstring(report.render_page(inspection.page_data(reading, "speech.html")))
    row = next(r for r in tree.find_class("removed"))
    assert "huiwen.toml [chrome] lines: ^分享$" in row.find_class("tip")[0].text_content()
    assert "score 0.93" in row.find_class("tip")[0].text_content()
    assert row.find_class("rule")[0].text_content() == f"{first.rule} 0.93"
