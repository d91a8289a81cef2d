"""``python -m bench [--quick] [--json PATH]``: run every benchmark, print tables, write JSON."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
from collections.abc import Sequence
from pathlib import Path

from bench.profile import DEFAULT, QUICK
from bench.report import judge, render
from bench.run import run_benchmarks

LATEST = Path(__file__).resolve().parent / "results" / "latest.json"


def main(argv: Sequence[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smoke run of a few seconds")
    parser.add_argument("--json", type=Path, default=LATEST, help=f"default: {LATEST}")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    results = asyncio.run(run_benchmarks(QUICK if args.quick else DEFAULT))
    results["targets"] = judge(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(render(results))
    print(f"\nJSON: {args.json}")
    return results


if __name__ == "__main__":
    main()
