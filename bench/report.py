"""Markdown table of the latest S and L results side by side (pasted into BENCHMARKS.md)."""

import json
import sys

from bench.run import RESULTS, TABLE


def main() -> int:
    runs = {}
    for scale in ("S", "L"):
        path = RESULTS / f"latest-{scale}.json"
        if path.exists():
            runs[scale] = json.loads(path.read_text())
    print("| measure | " + " | ".join(runs) + " | target |")
    print("| --- | " + " | ".join("---:" for _ in runs) + " | --- |")
    for key, label, target in TABLE:
        values = " | ".join(str(r.get(key, "–")) for r in runs.values())
        print(f"| {label} (`{key}`) | {values} | {target or ''} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
