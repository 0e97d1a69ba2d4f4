"""``python3 -m bench [--quick] [--only NAME] [--strict]``: run the benchmarks, print one table.

The table is also written as JSON to bench/results/latest.json. The exit code is 1 when a
benchmark run was broken (its result could not be verified), and with ``--strict`` also when a
target is missed; otherwise 0: timings are reported, not asserted.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
import traceback

from bench import BENCHMARKS, REPO_ROOT, RESULTS_DIR, Result, fmt_value, python_info


def _versions() -> dict:
    versions = python_info()
    from importlib.metadata import PackageNotFoundError, version

    for dist in ("PySide6_Essentials", "openai", "pydantic", "httpx", "markdown-it-py", "tiktoken"):
        try:
            versions[dist] = version(dist)
        except PackageNotFoundError:
            pass
    return versions


def _loadavg() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _table(results: list[Result]) -> str:
    header = ("name", "measured", "floor", "ratio", "target", "ok?")
    rows = []
    for r in results:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "—"
        if r.kind == "ratio":
            target = f"ratio <= {r.target:g}"
        elif r.kind == "max":
            target = f"<= {fmt_value(r.target, r.unit)}"
        else:
            target = "info"
        ok = {True: "ok", False: "MISSED", None: "-"}[r.ok]
        floor = fmt_value(r.floor, r.unit) if r.floor is not None else "—"
        rows.append((r.name, fmt_value(r.value, r.unit), floor, ratio, target, ok))
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]

    def line(cells) -> str:
        return " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

    sep = "-+-".join("-" * w for w in widths)
    return "\n".join([line(header), sep, *(line(row) for row in rows)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run; noisier medians)")
    parser.add_argument("--only", metavar="NAME", action="append", choices=BENCHMARKS, help="run only this benchmark (repeatable)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    names = args.only or list(BENCHMARKS)
    results: list[Result] = []
    errors: dict[str, str] = {}
    started = time.time()
    load_before = _loadavg()
    for name in names:
        print(f"running {name}{' (quick)' if args.quick else ''}…", file=sys.stderr, flush=True)
        module = importlib.import_module(f"bench.{name}")
        try:
            results.extend(module.run(quick=args.quick))
        except Exception as exc:  # noqa: BLE001  (report it, run the others)
            errors[name] = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()

    load_after = _loadavg()
    print()
    print(_table(results))
    print(f"\nload average (1/5/15 min) before {load_before}, after {load_after} on {os.cpu_count()} CPUs")
    for name, error in errors.items():
        print(f"\nBROKEN: {name}: {error}")

    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    report = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "duration_s": round(time.time() - started, 1),
        "quick": args.quick,
        "benchmarks": names,
        "versions": _versions(),
        "loadavg_before": load_before,
        "loadavg_after": load_after,
        "results": [r.to_json() for r in results],
        "errors": errors,
    }
    out = RESULTS_DIR / "latest.json"
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"\nwritten: {out.relative_to(REPO_ROOT)}")

    if errors:
        return 1
    if args.strict and any(r.ok is False for r in results):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
