"""Batch conversion through the CLI and the library: many inputs, three formats, workers,
failures, re-runs, interruption, shards and collisions."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES
from mhtml import make_mhtml

from convert.batch import Job, plan, run, shard
from convert.errors import OutputError

FORMATS = ("docx", "pdf", "epub")


def docconv(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "convert", *args], capture_output=True, timeout=600, env=env
    )


def make_inputs(root: Path) -> list[Path]:
    """60 inputs: copies and variants of the samples in sub-folders, one empty, one binary,
    one GB18030 page, one MHTML."""
    html = (SAMPLES / "speech.html").read_text(encoding="utf-8")
    text = (SAMPLES / "speech.txt").read_text(encoding="utf-8")
    made: list[Path] = []

    def put(rel: str, data: bytes) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        made.append(path)

    for i in range(20):
        # Variants: the body cut at a different length, so each document differs.
        cut = html.replace("二是部门联动", f"二是部门联动{i}") if i % 2 else html
        put(f"html/page{i:02}.html", cut.encode("utf-8"))
    for i in range(20):
        put(f"text/part{i // 10}/copy{i:02}.txt", text[: len(text) - i * 40].encode("utf-8"))
    for i in range(16):
        put(
            f"mixed/m{i:02}.htm",
            html.replace(
                "区长在质量绩效管理推进会讲话 同志们", f"区长在质量绩效管理推进会讲话 {i}号 同志们"
            ).encode(),
        )
    put("mixed/gb.html", (SAMPLES / "speech-gb18030.html").read_bytes())
    put("mixed/saved.mhtml", make_mhtml(html.encode("utf-8")))
    put("bad/empty.txt", b"")
    put("bad/image.html", b"\x89PNG\r\n\x1a\n" + bytes(300))
    assert len(made) == 60
    return made


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("inputs")
    make_inputs(root)
    return root


def outputs_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".docx", ".pdf", ".epub"))


def complete(path: Path) -> bool:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    try:
        with zipfile.ZipFile(path) as z:
            return z.testzip() is None
    except zipfile.BadZipFile:
        return False


def test_sixty_inputs_three_formats(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    report = tmp_path / "report.jsonl"
    r = docconv(
        str(corpus),
        "--to",
        "docx,pdf",
        "--to",
        "epub",
        "-d",
        str(out),
        "-j",
        "2",
        "--report",
        str(report),
    )
    assert r.returncode == 1, r.stderr  # some inputs failed
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 60
    failed = {Path(x["input"]).name: x["error"] for x in lines if x["status"] == "failed"}
    assert set(failed) == {"empty.txt", "image.html"}
    assert "is empty" in failed["empty.txt"] and "PNG image" in failed["image.html"]
    assert b"failed: " in r.stderr and b"58 converted" in r.stderr
    made = outputs_of(out)
    assert len(made) == 58 * 3
    assert all(complete(p) for p in made)
    # Sub-folders are mirrored under the output folder.
    assert (out / "text" / "part1" / "copy15.pdf").is_file() and (
        out / "mixed" / "gb.epub"
    ).is_file()
    assert not list(out.rglob("*.part"))
    for x in lines:
        assert set(x) == {"input", "status", "outputs", "warnings", "error", "seconds"}

    # A second run finds everything up to date; the bad inputs fail again.
    again = docconv(
        str(corpus), "--to", "docx,pdf,epub", "-d", str(out), "-j", "2", "--report", str(report)
    )
    assert again.returncode == 1
    statuses = [
        json.loads(line)["status"] for line in report.read_text(encoding="utf-8").splitlines()
    ]
    assert statuses.count("skipped") == 58 and statuses.count("failed") == 2

    # A changed option (another style) or --force converts again.
    forced = docconv(
        str(corpus / "html"),
        "--to",
        "docx",
        "-d",
        str(out / "html"),
        "--force",
        "--report",
        str(report),
    )
    assert forced.returncode == 0
    assert {
        json.loads(line)["status"] for line in report.read_text(encoding="utf-8").splitlines()
    } == {"converted"}
    restyled = docconv(
        str(corpus / "html"),
        "--to",
        "docx",
        "-d",
        str(out / "html"),
        "--style",
        "plain",
        "--report",
        str(report),
    )
    assert restyled.returncode == 0
    assert {
        json.loads(line)["status"] for line in report.read_text(encoding="utf-8").splitlines()
    } == {"converted"}


def test_a_newer_input_is_converted_again(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / "speech.txt", src / "a.txt")
    shutil.copy(SAMPLES / "speech.txt", src / "b.txt")
    job = Job(formats=("json",), out_dir=tmp_path)
    assert [o.status for o in run(plan([src], job), job)] == ["converted", "converted"]
    assert [o.status for o in run(plan([src], job), job)] == ["skipped", "skipped"]
    later = time.time() + 5
    os.utime(src / "b.txt", (later, later))
    assert [o.status for o in run(plan([src], job), job)] == ["skipped", "converted"]


def test_results_do_not_depend_on_workers(corpus: Path, tmp_path: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    reports = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}"
        out.mkdir()
        docconv(
            str(corpus / "mixed"),
            "--to",
            "docx,pdf,epub",
            "-d",
            str(out),
            "-j",
            jobs,
            "--report",
            str(out / "r.jsonl"),
            env=env,
        )
        reports[jobs] = [
            json.loads(line)["input"] for line in (out / "r.jsonl").read_text().splitlines()
        ]
    assert reports["1"] == reports["2"] == sorted(reports["1"])
    one, two = outputs_of(tmp_path / "j1"), outputs_of(tmp_path / "j2")
    assert [p.relative_to(tmp_path / "j1") for p in one] == [
        p.relative_to(tmp_path / "j2") for p in two
    ]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two, strict=True))


def test_interrupted_run_leaves_no_partial_files(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "convert",
            str(corpus),
            "--to",
            "docx,pdf,epub",
            "-d",
            str(out),
            "-j",
            "2",
            "--force",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.time() + 120
    while len(outputs_of(out)) < 20 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=60)
    made = outputs_of(out)
    assert 0 < len(made) < 58 * 3  # it really stopped half way
    assert all(complete(p) for p in made)
    assert not list(out.rglob("*.part"))
    # What a hard kill (SIGKILL) would leave behind is swept by the next run.
    (out / "html" / ".page00.docx.99999999.x1y2.part").write_bytes(b"PK partial")
    r = docconv(str(corpus), "--to", "docx,pdf,epub", "-d", str(out), "-j", "2")
    assert r.returncode == 1
    assert len(outputs_of(out)) == 58 * 3 and all(complete(p) for p in outputs_of(out))
    assert not list(out.rglob("*.part"))


def test_shards_cover_every_input_once(corpus: Path, tmp_path: Path) -> None:
    job = Job(formats=("json",), out_dir=tmp_path)
    tasks = plan([corpus], job)
    parts = [shard(tasks, i, 3) for i in (1, 2, 3)]
    names = [t.source for part in parts for t in part]
    assert sorted(names) == sorted(t.source for t in tasks) and len(names) == 60
    assert all(parts)  # no empty slice for 60 inputs
    seen = []
    for i in (1, 2):
        report = tmp_path / f"s{i}.jsonl"
        docconv(
            str(corpus / "text"),
            "--to",
            "json",
            "-d",
            str(tmp_path),
            "--shard",
            f"{i}/2",
            "--report",
            str(report),
        )
        seen += [json.loads(line)["input"] for line in report.read_text().splitlines()]
    assert sorted(seen) == sorted(str(p) for p in (corpus / "text").rglob("*.txt"))


def test_bad_shard_option(corpus: Path) -> None:
    r = docconv(str(corpus), "--to", "json", "--shard", "3/2")
    # A usage error (issue 16 item 5): exit 2, one line.
    assert r.returncode == 2 and b"--shard 3/2" in r.stderr
    assert len(r.stderr.splitlines()) == 1


def test_colliding_outputs_are_reported_before_anything_is_written(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SAMPLES / "speech.txt", src / "speech.txt")
    shutil.copy(SAMPLES / "speech.html", src / "speech.html")
    shutil.copy(SAMPLES / "speech.html", src / "other.html")
    out = tmp_path / "out"
    out.mkdir()
    r = docconv(str(src), "--to", "docx", "-d", str(out))
    assert r.returncode == 1 and b"outputs would collide" in r.stderr
    assert list(out.iterdir()) == []
    with pytest.raises(OutputError, match="collide"):
        plan([src], Job(formats=("docx",), out_dir=out))


def test_fail_fast_stops_early(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes(b"")
    for i in range(5):
        shutil.copy(SAMPLES / "speech.txt", src / f"b{i}.txt")
    report = tmp_path / "r.jsonl"
    r = docconv(
        str(src),
        "--to",
        "json",
        "-d",
        str(tmp_path),
        "-j",
        "1",
        "--fail-fast",
        "--report",
        str(report),
    )
    assert r.returncode == 1
    assert [json.loads(line)["status"] for line in report.read_text().splitlines()] == ["failed"]


def test_fail_on_warnings(tmp_path: Path) -> None:
    page = tmp_path / "x.html"
    page.write_bytes(
        '<html><head><meta charset="gbk"></head><body><p>同志们：今天开会。</p></body></html>'.encode()
    )
    r = docconv(str(page), "--to", "json", "-d", str(tmp_path), "--fail-on-warnings")
    assert r.returncode == 3


def test_library_batch_yields_in_order(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("c", "a", "b"):
        shutil.copy(SAMPLES / "speech.txt", src / f"{name}.txt")
    job = Job(formats=("json",), out_dir=tmp_path / "out")
    (tmp_path / "out").mkdir()
    outcomes = list(run(plan([src], job), job, jobs=2))
    assert [Path(o.input).name for o in outcomes] == ["a.txt", "b.txt", "c.txt"]
    assert all(o.status == "converted" and o.outputs for o in outcomes)
