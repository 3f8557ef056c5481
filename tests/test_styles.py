"""Style sheets and font resolution: loading, inheritance, errors, --font overrides."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FONTS

from convert.errors import FontError, OutputError, StyleError
from convert.fonts import bundled, face_for, fallbacks, parse_font_option
from convert.styles import available, load
from convert.units import font_size, length
from convert.writers.reproducible import build_time


def test_bundled_sheets() -> None:
    assert {"gongwen", "plain"} <= set(available())
    g = load("gongwen")
    assert g.role("body").size == 16 and g.role("title").size == 22
    assert round(g.page.margin_top / (72 / 25.4)) == 37
    assert g.role("h3").fonts == g.role("body").fonts  # inherited from body
    assert g.role("date").align == "right" and g.role("date").indent_right == 4


def test_units() -> None:
    assert font_size("三号") == 16 and font_size("小四") == 12 and font_size("10.5pt") == 10.5
    assert round(length("37mm"), 2) == 104.88 and length("2cm") == length("20mm")
    with pytest.raises(StyleError, match="cannot read"):
        length("wide")


def test_extends_changes_only_what_it_names(tmp_path: Path) -> None:
    sheet = tmp_path / "mine.toml"
    sheet.write_text(
        'extends = "gongwen"\nname = "mine"\n[roles.h3]\nbold = true\n', encoding="utf-8"
    )
    mine, base = load(sheet), load("gongwen")
    assert mine.name == "mine" and mine.role("h3").bold and not base.role("h3").bold
    assert mine.page == base.page and mine.role("body") == base.role("body")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[roles.body]\nsize = 12\n[roles.bodyy]\nsize = 3\n", "unknown role"),
        ("[roles.body]\nsiz = 12\n", "unknown key"),
        ("[roles.body]\nalign = 'middle'\n", "not one of"),
        ("[page]\nsize = 'A3'\n[roles.body]\n", "is no paper size"),
        ("[roles.body]\n[roles.h1]\nbased_on = 'h2'\n[roles.h2]\nbased_on = 'h1'\n", "circle"),
        ("not toml at all [", "not valid TOML"),
        ("[roles.h1]\nsize = 12\n", "roles.body] is required"),
        ("[roles.body]\ncolor = 'red; background: url(x)'\n", "color must be RRGGBB"),
    ],
)
def test_bad_sheets_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    sheet = tmp_path / "bad.toml"
    sheet.write_text(text, encoding="utf-8")
    with pytest.raises(StyleError, match=message):
        load(sheet)


def test_unknown_style_name() -> None:
    with pytest.raises(StyleError, match="unknown style 'nope'"):
        load("nope")


def test_bundled_fonts_and_fallbacks() -> None:
    faces = bundled().faces
    assert set(faces) == {"serif", "serif-bold", "sans", "kai"}
    for face in faces.values():
        assert face.path.is_file() and face.licence is not None and face.licence.is_file()
    assert [f.name for f in fallbacks()] == ["serif", "kai"]
    size = sum(p.stat().st_size for p in FONTS.iterdir())
    assert size < 40 * 2**20  # fonts/ stays under 40 MB


def test_font_override_reaches_roles_that_inherit_the_face(tmp_path: Path) -> None:
    mine = tmp_path / "FangSong.ttf"
    mine.symlink_to(FONTS / "NotoSerifSC-Regular.ttf")  # a whole font: a cut one is refused
    style = load("gongwen")
    overrides = parse_font_option([f"body={mine}"])
    for role in ("body", "salutation", "date", "h3", "h4", "note"):
        assert face_for(style, role, overrides).path == mine
    for role in ("title", "h1", "h2", "lead"):  # they name a face of their own
        assert face_for(style, role, overrides).path != mine
    assert face_for(style, "title", parse_font_option([f"title={mine}"])).path == mine


@pytest.mark.parametrize("value", ["body", "body=", "=x.ttf"])
def test_bad_font_option(value: str) -> None:
    with pytest.raises(FontError, match="ROLE=PATH"):
        parse_font_option([value])


def test_missing_font_file() -> None:
    with pytest.raises(FontError, match="does not exist"):
        face_for(load("gongwen"), "body", parse_font_option(["body=/no/such/font.ttf"]))


def test_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build_time().isoformat() == "2023-11-14T22:13:20+00:00"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(OutputError, match="SOURCE_DATE_EPOCH"):
        build_time()
