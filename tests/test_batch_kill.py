"""A batch killed without warning (SIGKILL) half way (issue 17, items 4 and 5 and issue 16
item 9b): the manifest never claims an output is up to date for options it was not made with,
the workers stop when their batch process dies, and adding a format writes only that format.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from convert.batch import MANIFEST, Job, plan, run
from convert.options import ReadOptions


def inputs(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        # Half-width punctuation between Chinese text: repair makes it full-width, so the
        # outputs differ with --no-repair.
        (folder / f"p{i:03}.txt").write_text(
            f"会议讲话{i}\n\n同志们:今天我们召开会议,总结工作{i}.\n", encoding="utf-8"
        )
    return folder


def spawn(*args: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "convert", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def wait_for(condition: object, seconds: float = 120, what: str = "") -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def test_killed_run_with_other_options_leaves_no_false_up_to_date(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in", 60), tmp_path / "out"
    out.mkdir()
    first = subprocess.run(
        [sys.executable, "-m", "convert", src, "--to", "txt", "-d", out, "-j", "1"],
        capture_output=True,
        timeout=300,
    )
    assert first.returncode == 0, first.stderr
    repaired = {p.name: p.read_bytes() for p in out.glob("*.txt")}
    assert len(repaired) == 60
    # The same inputs with another option, killed once some outputs have been replaced.
    proc = spawn(src, "--to", "txt", "-d", out, "-j", "1", "--no-repair")
    wait_for(
        lambda: sum(p.read_bytes() != repaired[p.name] for p in out.glob("*.txt")) >= 5,
        what="five replaced outputs",
    )
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)
    changed = [p.name for p in out.glob("*.txt") if p.read_bytes() != repaired[p.name]]
    assert 5 <= len(changed) < 60  # really stopped half way
    # Back to the first options: every replaced output is made again, the rest skipped.
    report = tmp_path / "r.jsonl"
    again = subprocess.run(
        [sys.executable, "-m", "convert", src, "--to", "txt", "-d", out, "--report", report],
        capture_output=True,
        timeout=300,
    )
    assert again.returncode == 0, again.stderr
    assert {p.name: p.read_bytes() for p in out.glob("*.txt")} == repaired
    statuses = {
        Path(x["input"]).stem: x["status"]
        for x in map(json.loads, report.read_text(encoding="utf-8").splitlines())
    }
    for name in changed:
        assert statuses[Path(name).stem] == "converted"
    assert list(statuses.values()).count("skipped") >= 60 - len(changed) - 1


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_workers_stop_when_the_batch_is_killed(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in", 200), tmp_path / "out"
    out.mkdir()
    proc = spawn(src, "--to", "docx,pdf", "-d", out, "-j", "2")
    wait_for(lambda: any(out.glob("*.pdf")), what="a first output")
    wait_for(lambda: len(children_of(proc.pid)) >= 2, what="two workers")
    workers = children_of(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)  # the parent alone: its workers must notice
    proc.wait(30)
    try:
        wait_for(lambda: not any(alive(w) for w in workers), 30, "the workers to stop")
    finally:
        for w in workers:  # never leave them behind, even when the test fails
            if alive(w):
                os.kill(w, signal.SIGKILL)
    assert not list(out.glob(".*.part"))  # the interrupted writes cleaned up after themselves
    made = len(list(out.glob("*.pdf")))
    time.sleep(1)
    assert len(list(out.glob("*.pdf"))) == made  # nobody writes any more


def test_adding_a_format_writes_only_that_format(tmp_path: Path) -> None:
    src, out = inputs(tmp_path / "in", 3), tmp_path / "out"
    out.mkdir()
    job = Job(formats=("json",), out_dir=out)
    assert [o.status for o in run(plan([src], job), job)] == ["converted"] * 3
    stamps = {p.name: p.stat().st_mtime_ns for p in out.glob("p*.json")}
    time.sleep(0.05)
    both = Job(formats=("json", "txt"), out_dir=out)
    outcomes = list(run(plan([src], both), both))
    assert [o.status for o in outcomes] == ["converted"] * 3
    assert all(o.outputs == [str(out / (Path(o.input).stem + ".txt"))] for o in outcomes)
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("p*.json")} == stamps
    assert [o.status for o in run(plan([src], both), both)] == ["skipped"] * 3
    lines = [json.loads(line) for line in (out / MANIFEST).read_text().splitlines()]
    assert sorted(x["output"] for x in lines) == sorted(
        f"p{i:03}.{ext}" for i in range(3) for ext in ("json", "txt")
    )


def test_each_output_is_recorded_as_it_is_written(tmp_path: Path) -> None:
    """The manifest on disk knows an output the moment the batch hears it was written, and
    forgets an entry before its output is replaced: no run has to end for either."""
    src, out = inputs(tmp_path / "in", 3), tmp_path / "out"
    out.mkdir()
    job = Job(formats=("json",), out_dir=out)
    outcomes = run(plan([src], job), job)
    next(outcomes)
    on_disk = [json.loads(line) for line in (out / MANIFEST).read_text().splitlines()]
    assert [x["output"] for x in on_disk] == ["p000.json"]
    outcomes.close()
    other = Job(formats=("json",), out_dir=out, read_options=ReadOptions(repair=False))
    changing = run(plan([src], other), other)
    next(changing)
    lines = [json.loads(line) for line in (out / MANIFEST).read_text().splitlines()]
    latest = {x["output"]: x for x in lines}
    assert latest["p000.json"]["options"] == other.signature()
    changing.close()
