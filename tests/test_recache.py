"""The command line's cache of compiled regular expressions (convert/recache.py): what it
rebuilds is the very pattern `re` makes, a damaged cache is ignored, the library never
installs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import SAMPLES

CHECK = r"""
import re, sys
from convert import recache
recache.install()
patterns = [
    ("[一-鿿]+(?P<n>\\d{2,})", 0), ("(?i)abc|d[e-z]", 0), ("^\\s*第(.)章", re.M), (b"<p[\\s>]", re.I),
    ("[ࠀ-\ud7ff\ue000-\U0010ffff]", 0), ("(?<=[，。])\\s+(?=[“（])", re.S | re.U),
]
compiled = [re.compile(p, f) for p, f in patterns]
re.purge()
recache._state["on"] = False  # re's own compiler from here on
plain = [re.compile(p, f) for p, f in patterns]
assert compiled == plain, "cached patterns differ"
for c, p in zip(compiled, plain):
    assert c.groupindex == p.groupindex and c.groups == p.groups and c.flags == p.flags
print(len(recache._state["stored"]), len(recache._state["new"]))
"""


def run(code: str, cache: Path) -> str:
    env = {**os.environ, "DOCCONV_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_rebuilt_patterns_are_the_patterns_re_makes(tmp_path: Path) -> None:
    first = run(CHECK, tmp_path)  # compiles and stores
    assert first.split()[1] != "0"
    save = "from convert import recache; recache.save()"
    run(
        CHECK.replace('recache._state["on"] = False', save + '\nrecache._state["on"] = False'),
        tmp_path,
    )
    second = run(CHECK, tmp_path)  # rebuilt from the stored code
    assert second.split()[0] != "0"
    (cache,) = tmp_path.glob("regex-*.marshal")
    cache.write_bytes(b"damaged" * 100)
    assert run(CHECK, tmp_path).split()[0] == "0"


def test_the_command_line_fills_the_cache_and_the_library_leaves_re_alone(tmp_path: Path) -> None:
    out = tmp_path / "speech.docx"
    env = {**os.environ, "DOCCONV_CACHE_DIR": str(tmp_path / "cache")}
    argv = [sys.executable, "-m", "convert", str(SAMPLES / "speech.html"), "-o", str(out), "-q"]
    for _ in range(2):  # the second run reads what the first one stored
        subprocess.run(argv, check=True, env=env, timeout=120)
    assert list((tmp_path / "cache").glob("regex-*.marshal"))
    code = (
        "import re\noriginal = re._compiler.compile\nimport convert\n"
        f"convert.read({str(SAMPLES / 'speech.html')!r})\n"
        "assert re._compiler.compile is original\n"
    )
    run(code, tmp_path / "cache")


def test_patterns_made_afresh_each_run_do_not_pile_up(tmp_path: Path) -> None:
    """An alternation built from a set changes with the hash seed: such one-run patterns
    are dropped once no run has used them for a while."""
    code = (
        "import re, sys\nfrom convert import recache\nrecache.install()\n"
        "re.compile('kept[0-9]+')\nre.compile('once' + sys.argv[1])\n"
        "print(len(recache._state['stored']))\n"
    )
    env = {**os.environ, "DOCCONV_CACHE_DIR": str(tmp_path)}
    sizes = []
    for run_no in range(30):
        done = subprocess.run(
            [sys.executable, "-c", code, str(run_no)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        sizes.append(int(done.stdout))
    from convert import recache

    assert max(sizes) <= recache._STALE_AFTER + 2
