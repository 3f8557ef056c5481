"""Convert a folder of saved pages on a Dask cluster: a local one, or a running scheduler.

    python examples/dask_batch.py previews out --to docx,pdf
    python examples/dask_batch.py previews out --scheduler tcp://scheduler:8786

Each input is read once and written in every format. Sub-folders are mirrored under the
output folder (previews/a/x.html → out/a/x.docx), so inputs of the same name in different
folders never overwrite each other. Failures come back as data: one line each on stderr,
and exit code 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from convert import DocconvError, convert_file

INPUTS = {".html", ".htm", ".mhtml", ".mht", ".txt"}


def convert_one(path: str, root: str, out: str, formats: list[str]) -> dict[str, object]:
    """One input, on a worker: the files written, or the error."""
    folder = Path(out) / Path(path).parent.relative_to(root)  # mirrored, never flattened
    try:
        folder.mkdir(parents=True, exist_ok=True)
        result = convert_file(path, to=formats, out_dir=folder)
    except (DocconvError, OSError) as e:
        return {"input": path, "error": str(e)}
    return {"input": path, "outputs": [str(p) for p in result.outputs]}


def main(argv: list[str] | None = None) -> int:
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    parser = argparse.ArgumentParser(description="Convert a folder of saved pages on Dask.")
    parser.add_argument("input", help="folder of saved pages")
    parser.add_argument("output", help="folder for the outputs (made if missing)")
    parser.add_argument("--to", default="docx", help="formats, comma-separated")
    parser.add_argument("--scheduler", help="address of a running scheduler")
    parser.add_argument("--workers", type=int, default=2, help="local worker processes")
    args = parser.parse_args(argv)

    formats = [f.strip() for f in args.to.split(",") if f.strip()]
    files = sorted(str(p) for p in Path(args.input).rglob("*") if p.suffix.lower() in INPUTS)
    if args.scheduler:
        client = Client(args.scheduler)
    else:  # worker processes, no dashboard: nothing listens beyond this machine
        cluster = LocalCluster(
            n_workers=args.workers, threads_per_worker=1, dashboard_address=None
        )
        client = Client(cluster)
    try:
        bag = db.from_sequence(files, npartitions=max(1, min(len(files), 16)))
        results = bag.map(convert_one, args.input, args.output, formats).compute()
    finally:
        client.close()
    failed = [r for r in results if "error" in r]
    for r in failed:
        print(f"failed: {r['input']}: {r['error']}", file=sys.stderr)
    print(f"{len(results) - len(failed)} converted, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":  # Dask's worker processes import this file: only the parent runs
    sys.exit(main())
