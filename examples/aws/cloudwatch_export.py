"""Writes a bundled per-minute trace as the JSON `aws cloudwatch get-metric-statistics` prints
for a SageMaker endpoint's Invocations (Sum, 60 s): what a user exports from their own endpoint.

As CloudWatch does, minutes without a request get no datapoint, so the export has gaps. With
`--split-days N` the older part (all but the last N days) is written at a 300 s period to a second
file, as CloudWatch returns data older than 15 days.

    python examples/aws/cloudwatch_export.py traces/nasa_http_1995_07_per_minute.csv out.json
"""

import argparse
import csv
import json
from datetime import datetime, timedelta, timezone


def _rows(path):
    with open(path, newline="") as f:
        lines = (line for line in f if not line.startswith("#"))
        for row in csv.DictReader(lines):
            t = datetime.fromisoformat(row["timestamp"].replace("Z", "+00:00"))
            yield t, float(row["requests"])


def _document(points):
    return {
        "Label": "Invocations",
        "Datapoints": [
            {"Timestamp": t.astimezone(timezone.utc).isoformat(), "Sum": v, "Unit": "None"}
            for t, v in points if v > 0
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trace", help="a timestamp,requests CSV at 60 s")
    parser.add_argument("out", help="the export to write (JSON)")
    parser.add_argument("--split-days", type=float, default=0,
                        help="write all but the last N days at 300 s to OUT's .older.json")
    args = parser.parse_args()
    rows = list(_rows(args.trace))
    recent = rows
    if args.split_days > 0:
        cut = rows[-1][0] - timedelta(days=args.split_days)
        cut = cut.replace(minute=cut.minute - cut.minute % 5, second=0)
        older = {}
        for t, v in rows:
            if t < cut:
                key = t.replace(minute=t.minute - t.minute % 5)
                older[key] = older.get(key, 0.0) + v
        recent = [(t, v) for t, v in rows if t >= cut]
        with open(args.out.removesuffix(".json") + ".older.json", "w") as f:
            json.dump(_document(sorted(older.items())), f, indent=1)
    with open(args.out, "w") as f:
        json.dump(_document(recent), f, indent=1)


if __name__ == "__main__":
    main()
