"""The catalogue of bad inputs and faults (issue 18): every case names the error it must give
(the command's exit code, or the Python exception class) and the words its message must contain,
which say WHERE (file and line, JSON path, option or argument) and WHAT.

The command is run as the package ships it, ``python -m autoscalesim`` (the signal cases also
run the installed ``autoscalesim`` itself); every run also checks that nothing
internal reaches the user (a Python traceback, "terminate called", "std::", "json.exception"),
that the message is short (one line, and a usage hint for usage errors), that a failed run leaves
nothing behind in its folder, and that nothing hangs (60 s). The inputs are written per case from
the tables below; the AWS documents start from tests/data/aws.

A case that shows a defect not fixed yet is ``xfail(strict=True)``: its reason says what is
wrong and where the fix belongs, and the case starts failing (XPASS) the day it is fixed, so that
its mark is removed with the fix.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import copy
import datetime
import json
import math
import os
import pathlib
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest

import autoscalesim as asim
from autoscalesim.__main__ import command

ROOT = pathlib.Path(__file__).resolve().parents[2]
AWS_DATA = ROOT / "tests" / "data" / "aws"
TIMEOUT = 60
#: What must never reach a user of the command.
INTERNAL = ("Traceback", "terminate called", "std::", "json.exception")
#: What must never reach a user of the Python API (pybind11's own texts).
PYBIND_TEXT = ("incompatible function arguments", "Unable to cast", "Invoked with", "std::",
               "json.exception")

# ---------------------------------------------------------------------------------------------
# Inputs


T0 = datetime.datetime(2024, 5, 1, 10, tzinfo=datetime.timezone.utc)


def stamp(i: int, step_s: int = 60) -> str:
    return (T0 + datetime.timedelta(seconds=i * step_s)).strftime("%Y-%m-%dT%H:%M:%SZ")


def csv(*values, header: str = "timestamp,requests", stamps=None) -> str:
    """A timestamp,requests CSV of one-minute rows from 2024-05-01T10:00Z."""
    rows = [header] if header else []
    for i, v in enumerate(values):
        rows.append(f"{stamps[i] if stamps else stamp(i)},{v}")
    return "\n".join(rows) + "\n"


def datapoints(*values, key: str = "Sum", step_s: int = 60) -> list:
    return [{"Timestamp": stamp(i, step_s), key: v, "Unit": "None"} for i, v in enumerate(values)]


def gms(points) -> str:
    """What aws cloudwatch get-metric-statistics prints."""
    return json.dumps({"Label": "Invocations", "Datapoints": points})


def gmd(timestamps, values, metric_id: str = "invocations", **extra) -> str:
    """What aws cloudwatch get-metric-data prints."""
    return json.dumps({"MetricDataResults": [{"Id": metric_id, "Label": "Invocations",
                                              "Timestamps": timestamps, "Values": values,
                                              "StatusCode": "Complete"}], **extra})


def export(minutes: int = 720) -> str:
    """A CloudWatch export of Invocations: `minutes` one-minute datapoints with a daily shape."""
    return gms([{"Timestamp": stamp(i), "Sum": 100 + (i % 60) * 3, "Unit": "None"}
                for i in range(minutes)])


CLF = '10.0.0.{h} - - [01/Jul/1995:00:{m:02d}:{s:02d} -0400] "GET / HTTP/1.0" 200 1\n'
CLF_OK = "".join(CLF.format(h=i, m=0, s=5 * i) for i in range(10))

JSON_TRACE = {"format": "autoscalesim.trace", "version": 1, "interval_ms": 60000,
              "start_epoch_ms": 0, "counts": [1, 2, 3]}


def json_trace(**over) -> str:
    return json.dumps({**JSON_TRACE, **over})


DELETE = object()


def merged(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        if v is DELETE:
            out.pop(k, None)
        elif isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merged(out[k], v)
        else:
            out[k] = v
    return out


#: A scenario that runs in milliseconds: two hours of generated minutes.
SCENARIO = {"version": 1,
            "trace": {"generator": {"kind": "seasonal", "intervals": 120, "mean_rate_per_s": 2}},
            "endpoint": {"instance_type": {"workers": 1, "service_time_s": 0.5}},
            "scaling": {"policies": [{"type": "target_tracking", "target_value": 30}]}}


def scenario(**over) -> str:
    return json.dumps(merged(SCENARIO, over))


def tt(**fields) -> dict:
    """scaling with one target-tracking policy of these fields."""
    return {"policies": [{"type": "target_tracking", "target_value": 30, **fields}]}


def with_optimize(**section) -> str:
    return json.dumps({**SCENARIO, "optimize": section})


SPACE = [{"parameter": "target_value", "values": [10, 20]}]


def aws_doc(name: str) -> dict:
    return json.loads((AWS_DATA / name).read_text())


TARGETS = aws_doc("describe-scalable-targets.json")
POLICIES = aws_doc("describe-scaling-policies.json")
POLICIES["ScalingPolicies"] = POLICIES["ScalingPolicies"][:1]  # the target-tracking one
ACTIVITIES = aws_doc("describe-scaling-activities.json")


def edited(doc: dict, change: Callable[[dict], object]) -> str:
    out = copy.deepcopy(doc)
    change(out)
    return json.dumps(out)


def tt_config(doc: dict) -> dict:
    return doc["ScalingPolicies"][0]["TargetTrackingScalingPolicyConfiguration"]


def target(doc: dict) -> dict:
    return doc["ScalableTargets"][0]


def activity(doc: dict, i: int = 0) -> dict:
    return doc["ScalingActivities"][i]


# ---------------------------------------------------------------------------------------------
# The command's cases


@dataclass
class Cli:
    """`python -m autoscalesim ARGS` in a fresh folder holding FILES ("{d}" in the arguments and
    words is that folder) must exit with CODE and say every one of WORDS on stderr."""

    args: tuple
    code: int
    words: tuple
    files: dict = field(default_factory=dict)
    xfail: str = ""


CASES_CLI: dict[str, Cli] = {}


def cli(name: str, args: str | list, code: int, words, files=None, xfail: str = "") -> None:
    assert name not in CASES_CLI, name
    args = args.split() if isinstance(args, str) else args
    CASES_CLI[name] = Cli(tuple(args), code, tuple(words), files or {}, xfail)


def trace_case(category: str, name: str, filename: str, content, words, *options, code=1,
               xfail=""):
    """trace-stats on one file."""
    cli(f"{category}/{name}", ["trace-stats", "{d}/" + filename, *options], code, words,
        {filename: content}, xfail)


# CSV traces -----------------------------------------------------------------------------------
C = "csv"
trace_case(C, "negative-count", "neg.csv", csv(1, -3, 2), ["neg.csv:3:", "count >= 0", "-3"])
trace_case(C, "nan-count", "nan.csv", csv(1, "nan", 2), ["nan.csv:3:", "count >= 0", "nan"])
trace_case(C, "inf-count", "inf.csv", csv(1, 2, "inf"), ["inf.csv:4:", "count >= 0", "inf"])
trace_case(C, "word-count", "word.csv", csv(1, "x12"), ["word.csv:3:", "not a number", "x12"])
trace_case(C, "empty-count", "blank.csv", csv(1, "", 2), ["blank.csv:3:", "not a number"])
trace_case(C, "hex-count", "hex.csv", csv(1, "0x10"), ["hex.csv:3:", "not a number", "0x10"])
trace_case(C, "count-beyond-double", "e400.csv", csv(1, "1e400"),
           ["e400.csv:3:", "not a number", "1e400"])
trace_case(C, "total-overflows", "total.csv", csv("6e14", "6e14", 1),
           ["total.csv:3:", "past 1e15 requests"])
trace_case(C, "timestamp-backwards", "back.csv",
           csv(1, 1, 1, stamps=[stamp(0), stamp(2), stamp(1)]), ["back.csv:4:", "goes backwards"])
trace_case(C, "duplicate-timestamp", "dup.csv", csv(1, 1, 1, stamps=[stamp(0), stamp(1), stamp(1)]),
           ["dup.csv:4:", "duplicate timestamp", "dup.csv:3"])
trace_case(C, "wrong-column-count", "cols.csv", csv(1) + stamp(1) + ",1,3\n",
           ["cols.csv:3:", "wrong column count", "got 3"])
trace_case(C, "gap-without-policy", "gap.csv", csv(1, 1, 1, stamps=[stamp(0), stamp(1), stamp(4)]),
           ["gap.csv:4:", "gap of 2 missing intervals", "gap policy"])
trace_case(C, "off-grid-timestamp", "grid.csv",
           csv(1, 1, 1, stamps=[stamp(0), stamp(1), "2024-05-01T10:02:30Z"]),
           ["grid.csv:4:", "not a multiple of the 60 s interval"])
trace_case(C, "empty-file", "empty.csv", "", ["empty.csv", "empty file"])
trace_case(C, "header-only", "header.csv", "timestamp,requests\n", ["header.csv", "no data rows"])
trace_case(C, "one-row", "one.csv", csv(5), ["one.csv", "one data row", "interval"])
trace_case(C, "naive-time", "naive.csv", csv(1, 1, stamps=["2024-05-01T10:00:00",
                                                           "2024-05-01T10:01:00"]),
           ["naive.csv:2:", "no time zone"])
trace_case(C, "month-13", "m13.csv", csv(1, 1, stamps=["2024-13-01T10:00:00Z", stamp(1)]),
           ["m13.csv:2:", "2024-13-01T10:00:00Z", "out of range"])
trace_case(C, "february-30", "f30.csv", csv(1, 1, stamps=["2024-02-30T10:00:00Z", stamp(1)]),
           ["f30.csv:2:", "out of range"])
trace_case(C, "hour-25", "h25.csv", csv(1, 1, stamps=["2024-05-01T25:00:00Z", stamp(1)]),
           ["h25.csv:2:", "out of range"])
trace_case(C, "not-a-time", "words.csv", csv(1, 1, stamps=["yesterday", stamp(1)]),
           ["words.csv:2:", "yesterday", "not an ISO-8601 date-time"])
trace_case(C, "mixed-time-formats", "mixed.csv", csv(1, 1, stamps=[stamp(0), "1714557660"]),
           ["mixed.csv:3:", "1714557660", "not an ISO-8601"])
trace_case(C, "year-2204-no-gap-policy", "y2204.csv",
           csv(*[1] * 6, stamps=[stamp(i) for i in range(5)] + ["2204-05-01T10:05:00Z"]),
           ["y2204.csv:7:", "gap of 94669920 missing intervals"])
trace_case(C, "year-2204-gaps-zero", "z2204.csv",
           csv(*[1] * 6, stamps=[stamp(i) for i in range(5)] + ["2204-05-01T10:05:00Z"]),
           ["z2204.csv:7:", "a mistyped timestamp?", "max_gap_ratio"], "--gaps", "zero")
trace_case(C, "binary-file", "noise.csv", bytes(range(1, 256)) * 4,
           ["noise.csv:1:", "expected at least 2 columns"])
trace_case(C, "utf16-file", "utf16.csv", csv(1, 2, 3).encode("utf-16"),
           ["utf16.csv:1:", "NUL byte", "UTF-8"])
trace_case(C, "nul-in-a-field", "nul.csv", csv(1, "4\x005"), ["nul.csv:3:", "NUL byte"])
trace_case(C, "unterminated-quote", "quote.csv", csv(1, 1).replace(stamp(0), '"' + stamp(0)),
           ["quote.csv:2:", "unterminated quote"])
trace_case(C, "5-MB-count", "long.csv", csv(1, "9" * 5_000_000),
           ["long.csv:3:", "not a number", "(5000000 characters)"])
trace_case(C, "5-MB-timestamp", "longtime.csv", csv(1, 1, stamps=["x" * 5_000_000, stamp(1)]),
           ["longtime.csv:2:", "(5000000 characters)", "not an ISO-8601"])
trace_case(C, "interval-half-second", "half.csv", "t_ms,requests\n0,1\n500,1\n1000,1\n",
           ["half.csv", "interval of 0.5 s", "outside [1 s, 1 h]"])
trace_case(C, "interval-two-days", "days.csv",
           csv(1, 1, stamps=["2024-05-01T00:00:00Z", "2024-05-03T00:00:00Z"]),
           ["days.csv", "interval of 172800 s", "outside [1 s, 1 h]"])
trace_case(C, "semicolons", "semi.csv", csv(1, 2).replace(",", ";"),
           ["semi.csv:1:", "expected at least 2 columns"])
cli("csv/a-folder", "trace-stats {d}/folder.csv", 1, ["folder.csv", "is a folder"],
    {"folder.csv/inside.txt": "x"})
cli("csv/missing-file", "trace-stats {d}/missing.csv", 1,
    ["missing.csv", "cannot open file", "No such file"])
cli("csv/a-device", "trace-stats /dev/zero --format csv", 1, ["/dev/zero", "is a device"])
cli("csv/two-files", "trace-stats {d}/a.csv {d}/b.csv", 2,
    ["several trace files", "2 csv files"], {"a.csv": csv(1, 2), "b.csv": csv(1, 2)})
cli("csv/no-extension", "trace-stats {d}/trace", 2, ["{d}/trace", "cannot tell the format",
                                                     "--format"], {"trace": csv(1, 2)})

# CloudWatch exports --------------------------------------------------------------------------
C = "cloudwatch"
trace_case(C, "negative-sum", "neg.json", gms(datapoints(1, -1, 2)),
           ["neg.json", "/Datapoints/1/Sum", "count >= 0"])
trace_case(C, "sum-as-string", "str.json", gms(datapoints(1, "12", 2)),
           ["str.json", "/Datapoints/1/Sum", "expected a number, got a JSON string"])
trace_case(C, "sum-null", "null.json", gms(datapoints(1, None, 2)),
           ["null.json", "/Datapoints/1/Sum", "got a JSON null"])
trace_case(C, "no-sum", "avg.json", gms(datapoints(1) + datapoints(5, key="Average")[:1]),
           ["avg.json", "/Datapoints/1", 'no "Sum"'])
trace_case(C, "no-timestamp", "nots.json", gms(datapoints(1, 2) + [{"Sum": 3}]),
           ["nots.json", "/Datapoints/2", 'no "Timestamp"'])
trace_case(C, "minute-61", "m61.json",
           gms(datapoints(1) + [{"Timestamp": "2024-05-01T10:61:00Z", "Sum": 3}]),
           ["m61.json", "/Datapoints/1/Timestamp", "out of range"])
trace_case(C, "timestamp-1e20", "huge.json", gms(datapoints(1) + [{"Timestamp": 1e20, "Sum": 3}]),
           ["huge.json", "/Datapoints/1/Timestamp", "out of range"])
trace_case(C, "timestamp-boolean", "bool.json",
           gms(datapoints(1) + [{"Timestamp": True, "Sum": 3}]),
           ["bool.json", "/Datapoints/1/Timestamp", "got a JSON boolean"])
trace_case(C, "datapoint-a-number", "num.json", gms(datapoints(1) + [5]),
           ["num.json", "/Datapoints/1", "expected a datapoint object"])
trace_case(C, "datapoints-an-object", "obj.json", json.dumps({"Label": "x", "Datapoints": {}}),
           ["obj.json", "/Datapoints", "expected an array"])
trace_case(C, "no-datapoints", "none.json", gms([]), ["none.json", "no datapoints"])
# Invocations published as samples of 1 have an Average of 1: read as counts, 11 requests read 2
trace_case(C, "average-as-counts", "avg2.json",
           gms([{**p, "Average": 1.0} for p in datapoints(5, 6)]),
           ["avg2.json", "/Datapoints", 'statistic "Average" is not a count'],
           "--statistic", "Average")
# both exports in one object: the MetricDataResults were dropped without a word
trace_case(C, "both-exports", "both.json",
           json.dumps({**json.loads(gms(datapoints(5, 6))),
                       **json.loads(gmd([stamp(0), stamp(1)], [500, 600]))}),
           ["both.json", 'both "Datapoints"', '"MetricDataResults"', "keep one"])
# nested past any export: copying it exhausted the stack (a crash)
trace_case(C, "nested-too-deep", "deep.json",
           '{"Label": "Invocations", "Datapoints": ' + "[" * 100000 + "]" * 100000 + ', "x": 1}',
           ["deep.json", "nested more than 100 levels deep"])
trace_case(C, "one-datapoint", "one.json", gms(datapoints(1)), ["one.json", "one data row"])
trace_case(C, "duplicate-timestamp", "dup.json", gms(datapoints(1, 2) + datapoints(3)[:1]),
           ["dup.json", "/Datapoints/2", "duplicate timestamp"])
trace_case(C, "total-overflows", "total.json", gms(datapoints(1e308, 1e308, 1)),
           ["total.json", "/Datapoints/0", "past 1e15 requests"])
trace_case(C, "not-an-export", "points.json", json.dumps({"Label": "x", "Points": []}),
           ["points.json", "not a CloudWatch export", '"Points"'])
trace_case(C, "array-of-numbers", "arr.json", "[1, 2, 3]",
           ["arr.json", "/0", "not a CloudWatch export"])
trace_case(C, "null-document", "null-doc.json", "null",
           ["null-doc.json", "not a CloudWatch export", "JSON null"])
trace_case(C, "empty-file", "empty.json", "", ["empty.json", "empty file"])
trace_case(C, "trailing-comma", "comma.json", gms(datapoints(1, 2))[:-2] + ",]}",
           ["comma.json:1:", "not valid JSON", "syntax error"])
trace_case(C, "truncated", "cut.json", gms(datapoints(1, 2))[:-3],
           ["cut.json", "not valid JSON", "unexpected end of input"])
trace_case(C, "duplicate-key", "twice.json",
           '{"Label": "x", "Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Sum": 1, '
           '"Sum": 2}, {"Timestamp": "2024-05-01T10:01:00Z", "Sum": 1}]}',
           ["twice.json", "/Datapoints/0/Sum", "given twice"])
trace_case(C, "number-1e400", "e400.json",
           '{"Label": "x", "Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Sum": 1e400}]}',
           ["e400.json", "not valid JSON", "1e400"])
trace_case(C, "metric-data-lengths", "len.json", gmd([stamp(0), stamp(1), stamp(2)], [1, 2]),
           ["len.json", "/MetricDataResults/0", "3 Timestamps but 2 Values"])
trace_case(C, "metric-data-string-value", "val.json", gmd([stamp(0), stamp(1)], [1, "a"]),
           ["val.json", "/MetricDataResults/0/Values/1", "expected a number"])
trace_case(C, "metric-data-no-values", "novals.json",
           json.dumps({"MetricDataResults": [{"Id": "a", "Timestamps": [stamp(0)]}]}),
           ["novals.json", "/MetricDataResults/0", '"Values"'])
TWO_IDS = json.dumps({"MetricDataResults": [
    {"Id": "a", "Timestamps": [stamp(0), stamp(1)], "Values": [1, 2]},
    {"Id": "b", "Timestamps": [stamp(0), stamp(1)], "Values": [1, 2]}]})
trace_case(C, "metric-data-two-ids", "ids.json", TWO_IDS,
           ["ids.json", "several metrics", '"a", "b"'])
trace_case(C, "metric-data-unknown-id", "ids.json", TWO_IDS,
           ["ids.json", 'no MetricDataResults with Id "zz"', 'found "a", "b"'], "--id", "zz")
trace_case(C, "every-page-has-a-token", "token.json",
           gmd([stamp(0), stamp(1)], [1, 2], NextToken="abc"),
           ["token.json", "incomplete get-metric-data export", "NextToken"])
trace_case(C, "results-an-object", "res.json", json.dumps({"MetricDataResults": {"Id": "a"}}),
           ["res.json", "/MetricDataResults", "expected an array"])
trace_case(C, "year-2204", "y2204.json",
           gmd([stamp(0), stamp(1), stamp(2), "2204-05-01T10:03:00Z"], [1, 2, 3, 4]),
           ["y2204.json", "/MetricDataResults/0/Timestamps/3", "a mistyped timestamp?"])
cli("cloudwatch/mixed-periods", "trace-stats {d}/five.json {d}/one.json", 1,
    ["five.json (300 s)", "one.json (60 s)", "--mixed-periods spread"],
    {"five.json": gms(datapoints(5, 5, 5, step_s=300)), "one.json": gms(datapoints(1, 1, 1))})
trace_case(C, "gap-with-gaps-error", "gap.json", gms(datapoints(1, 1) + [datapoints(*[1] * 6)[5]]),
           ["gap.json", "/Datapoints/2", "gap of 3 missing intervals"], "--gaps", "error")
trace_case(C, "gap-beyond-max-gap-s", "gap.json",
           gms(datapoints(1, 1) + [datapoints(*[1] * 6)[5]]),
           ["gap.json", "/Datapoints/2", "longer than the 60 s a gap may be filled"],
           "--max-gap-s", "60")
trace_case(C, "statistic-not-exported", "sum.json", gms(datapoints(1, 2)),
           ["sum.json", "/Datapoints/0", 'no "Maximum"'], "--statistic", "Maximum")
trace_case(C, "period-not-dividing", "p7.json", gms(datapoints(1, 2, 3)),
           ["p7.json", "/Datapoints/1", "not a multiple of the 7 s interval"], "--period", "7")
trace_case(C, "period-above-an-hour", "p.json", gms(datapoints(1, 2, 3)),
           ["p.json", "outside [1 s, 1 h]"], "--period", "100000")

# Access logs ---------------------------------------------------------------------------------
C = "access_log"
trace_case(C, "no-time-field", "notime.log", CLF_OK + 'host - - "GET / HTTP/1.0" 200 1\n',
           ["notime.log:11:", "no [time] field"])
trace_case(C, "unknown-month", "month.log", CLF_OK + CLF.format(h=1, m=1, s=0).replace("Jul",
                                                                                       "Jux"),
           ["month.log:11:", "01/Jux/1995", "not dd/Mon/yyyy"])
trace_case(C, "zone-9999", "zone.log", CLF_OK + CLF.format(h=1, m=1, s=0).replace("-0400",
                                                                                  "+9999"),
           ["zone.log:11:", "+9999"])
trace_case(C, "unclosed-bracket", "bracket.log",
           CLF_OK + CLF.format(h=1, m=1, s=0).replace("] ", " "),
           ["bracket.log:11:", "no [time] field"])
trace_case(C, "time-goes-backwards", "back.log", CLF_OK + CLF.format(h=1, m=0, s=1),
           ["back.log:11:", "goes backwards", "line 10"])
trace_case(C, "empty-file", "empty.log", "", ["empty.log", "empty file"])
trace_case(C, "blank-lines-only", "blank.log", "\n\n\n", ["blank.log", "no request lines"])
trace_case(C, "plain-not-a-time", "plain.log", "1714557600\n1714557601\nhello\n",
           ["plain.log:3:", '"hello"', "epoch seconds"])
trace_case(C, "plain-naive-iso", "naive.log", "2024-05-01T10:00:00\n2024-05-01T10:00:01\n",
           ["naive.log:1:", "no time zone"])
trace_case(C, "year-9999", "y9999.log",
           CLF_OK + CLF.format(h=1, m=1, s=0).replace("1995", "9999"),
           ["y9999.log:11:", "a mistyped timestamp?"])
trace_case(C, "binary-file", "noise.log", b"\x00\xff" * 300, ["noise.log:1:", "NUL byte"])
trace_case(C, "interval-zero", "ok.log", CLF_OK, ["--interval-s", "[1, 3600]"],
           "--interval-s", "0", code=2)
trace_case(C, "interval-two-hours", "ok.log", CLF_OK, ["--interval-s", "7200"],
           "--interval-s", "7200", code=2)
trace_case(C, "interval-a-word", "ok.log", CLF_OK, ["--interval-s", '"ten"'],
           "--interval-s", "ten", code=2)
trace_case(C, "year-2200-in-a-plain-log", "y2200.log", "1714557600\n1714557660\n7258118400\n",
           ["y2200.log:3:", "a mistyped timestamp?"])

# autoscalesim's own trace JSON -----------------------------------------------------------------
C = "json_trace"
trace_case(C, "version-2", "v2.json", json_trace(version=2), ["v2.json", "/version", "got 2"])
trace_case(C, "negative-count", "neg.json", json_trace(counts=[1, -2]),
           ["neg.json", "/counts/1", "count >= 0"])
trace_case(C, "interval-zero", "iv0.json", json_trace(interval_ms=0),
           ["iv0.json", "between 1 s and 1 h"])
trace_case(C, "counts-a-string", "str.json", json_trace(counts="12"),
           ["str.json", "/counts", "array of counts"])
trace_case(C, "no-interval", "noiv.json", json.dumps({**JSON_TRACE, "interval_ms": None}),
           ["noiv.json", "/interval_ms", "integer number of milliseconds"])
trace_case(C, "fractional-interval", "frac.json", json_trace(interval_ms=60000.5),
           ["frac.json", "/interval_ms", "60000.5"])
trace_case(C, "two-documents", "two.json", json_trace() + json_trace(),
           ["two.json", "expected one JSON document, found 2"])
trace_case(C, "total-overflows", "big.json", json_trace(counts=[1e308, 1e308]),
           ["big.json", "past 1e15 requests"])
trace_case(C, "duplicate-key", "dupkey.json", json_trace()[:-1] + ', "interval_ms": 1000}',
           ["dupkey.json", "/interval_ms", "given twice"])
# a start near int64's end: its end time wrapped to the year -292275055, and the run went on
trace_case(C, "start-past-1e15-ms", "far.json", json_trace(start_epoch_ms=9223372036854774807),
           ["far.json", "/start_epoch_ms", "not within +-1e15 ms"])
# a bad value is echoed short: a 5 MB string made a 5 MB message
trace_case(C, "count-a-long-string", "long.json", json_trace(counts=[1, "x" * 100000]),
           ["long.json", "/counts/1", 'got "xxxx'])
trace_case(C, "nested-too-deep", "deep.json",
           json_trace(counts=[1, 2])[:-2] + ", " + "[" * 100000 + "]" * 100000 + "]}",
           ["deep.json", "nested more than 100 levels deep"])
# cut at 60 bytes inside a two-byte character: not UTF-8 (Python's decode raised)
trace_case(C, "count-a-long-accented-string", "acc.json", json_trace(counts=[1, "a" + "é" * 40]),
           ["acc.json", "/counts/1", 'got "aééé', '..." (81 characters)'])

# Scenario files (simulate) -------------------------------------------------------------------
C = "scenario"


def scenario_case(name: str, text: str, words, code=1, xfail="", files=None, source=True):
    """simulate on a scenario file; the message names it (unless the error is a file's the
    scenario names, which that file's reader reports)."""
    cli(f"{C}/{name}", ["simulate", "{d}/s.json", "--out", "{d}/out"], code,
        ["s.json", *words] if source else words, {"s.json": text, **(files or {})}, xfail)


scenario_case("duplicate-key", '{"version": 1, "seed": 1, "seed": 2, "trace": {"generator": '
              '{"intervals": 60}}}', ["seed", "given twice"])
scenario_case("trailing-comma", scenario()[:-1] + ",}", ["s.json:1:", "not valid JSON"])
# a deep value followed by another key crashed the command and Python (stack overflow)
scenario_case("nested-too-deep", scenario()[:-1] + ', "x": ' + "[" * 300000 + "]" * 300000
              + ', "y": 1}', ["nested more than 100 levels deep"])
scenario_case("nested-too-deep-under-an-accented-key",
              scenario()[:-1] + ', "' + "é" * 40 + '": ' + "[" * 200 + "]" * 200 + ', "y": 1}',
              ["éééé", "...: objects and arrays nested more than 100 levels deep"])
scenario_case("not-an-object", "[1, 2]", ["(document)", "expected an object"])
scenario_case("empty-file", "", ["s.json:1:1:", "not valid JSON"])
scenario_case("version-2", scenario(version=2), ["version", "unsupported version 2"])
scenario_case("no-version", scenario(version=DELETE), ["version", "missing required field"])
scenario_case("version-a-string", scenario(version="1"), ["version", 'unsupported version "1"'])
scenario_case("no-trace", scenario(trace=DELETE), ["trace", "missing required field"])
scenario_case("file-and-generator", scenario(trace={"file": "t.csv"}),
              ["trace.generator", "not both"])
scenario_case("unknown-top-field", scenario(sed=3), ["sed", "unknown field", "seed"])
scenario_case("unknown-endpoint-field", scenario(endpoint={"instance_typ": {}}),
              ["endpoint.instance_typ", "unknown field"])
scenario_case("5-MB-unknown-field", json.dumps({**SCENARIO, "y" * 5_000_000: 1}),
              ["unknown field", "(5000000 characters)"])
scenario_case("target-value-string", scenario(scaling=tt(target_value="abc")),
              ["scaling.policies[0].target_value", "> 0", '"abc"'])
scenario_case("target-value-zero", scenario(scaling=tt(target_value=0)),
              ["scaling.policies[0].target_value", "> 0"])
scenario_case("policy-type-typo", scenario(scaling={"policies": [{"type": "target_trackin"}]}),
              ["scaling.policies[0].type", '"target_trackin"'])
scenario_case("policy-without-type", scenario(scaling={"policies": [{"target_value": 3}]}),
              ["scaling.policies[0].type", "missing required field"])
scenario_case("policies-an-object", scenario(scaling={"policies": {"type": "target_tracking"}}),
              ["scaling.policies", "expected an array"])
scenario_case("min-above-max", scenario(scaling={"min_capacity": 5, "max_capacity": 3}),
              ["scaling.min_capacity", "greater than scaling.max_capacity"])
scenario_case("min-capacity-1.5", scenario(scaling={"min_capacity": 1.5}),
              ["scaling.min_capacity", "integer", "1.5"])
scenario_case("max-capacity-1e12", scenario(scaling={"max_capacity": 1e12}),
              ["scaling.max_capacity", "1000000000000"])
scenario_case("mode-typo", scenario(mode="batch"), ["mode", '"batch"'])
scenario_case("seed-negative", scenario(seed=-1),
              ["seed", "an integer in [0, 18446744073709551615]", "-1"])
scenario_case("seed-1e30", scenario(seed=1e30), ["seed", "1e+30"])
scenario_case("seed-boolean", scenario(seed=True), ["seed", "true"])
scenario_case("seed-1e400", '{"version": 1, "seed": 1e400, "trace": {"generator": {}}}',
              ["not valid JSON", "1e400"])
scenario_case("timeline-a-string", scenario(record_timeline="yes"),
              ["record_timeline", "true or false"])
scenario_case("slo-target-1", scenario(slo={"target": 1}), ["slo.target", "(0, 1)"])
scenario_case("slo-latency-zero", scenario(slo={"latency_s": 0}),
              ["slo.latency_s", "(0, 86400]"])
scenario_case("workers-zero", scenario(endpoint={"instance_type": {"workers": 0}}),
              ["endpoint.instance_type.workers", "[1, 10000]"])
scenario_case("service-time-negative", scenario(endpoint={"instance_type": {"service_time_s": -1}}),
              ["endpoint.instance_type.service_time_s", "(0, 86400]"])
scenario_case("service-cv-NaN", scenario()[:-1] + ', "slo": {"target": NaN}}',
              ["s.json:1:", "not valid JSON"])
scenario_case("price-negative", scenario(endpoint={"instance_type": {"price_per_hour": -0.1}}),
              ["endpoint.instance_type.price_per_hour", "[0, 1000000]"])
scenario_case("samples-with-lognormal", scenario(endpoint={"instance_type": {
    "service": "lognormal", "service_samples_s": [0.1, 0.3]}}),
    ["endpoint.instance_type.service_samples_s", "lognormal"])
scenario_case("startup-kind", scenario(endpoint={"startup": {"kind": "gamma"}}),
              ["endpoint.startup.kind", '"gamma"'])
scenario_case("startup-both-names", scenario(endpoint={"startup": {"fixed_s": 10, "seconds": 20}}),
              ["endpoint.startup.seconds", "not both"])
scenario_case("startup-high-below-low",
              scenario(endpoint={"startup": {"kind": "uniform", "low_s": 100, "high_s": 50}}),
              ["endpoint.startup.high_s", "low_s"])
scenario_case("timeout-zero", scenario(endpoint={"invocation_timeout_s": 0}),
              ["endpoint.invocation_timeout_s", "(0, 86400]"])
scenario_case("routing-typo", scenario(endpoint={"routing": "round_robin"}),
              ["endpoint.routing", '"round_robin"'])
scenario_case("max-queue-minus-2", scenario(endpoint={"max_queue": -2}),
              ["endpoint.max_queue", "null for no limit"])
scenario_case("multi-model-section-without-its-kind",
              scenario(endpoint={"multi_model": {"models": 5}}),
              ["endpoint.multi_model", '"multi_model"', "endpoint.kind"])
scenario_case("max-queue-in-fluid-mode", scenario(endpoint={"max_queue": 4}),
              ["endpoint.max_queue", "4", '"mode": "request"'])
scenario_case("trace-file-missing",
              scenario(trace={"file": "missing.csv", "generator": DELETE}),
              ["missing.csv", "cannot open file"], source=False)
scenario_case("trace-format-typo",
              scenario(trace={"file": "t.csv", "format": "xml", "generator": DELETE}),
              ["trace.format", '"xml"'])
scenario_case("option-of-another-format",
              scenario(trace={"file": "t.json", "format": "cloudwatch", "header": "present",
                              "generator": DELETE}),
              ["trace.header", "unknown field"])
scenario_case("bad-row-in-the-trace",
              scenario(trace={"file": "t.csv", "generator": DELETE}),
              ["t.csv:3:", "count >= 0"], files={"t.csv": csv(1, -1)}, source=False)
scenario_case("scale-negative", scenario(trace={"scale": -1}), ["trace.scale", ">= 0"])
scenario_case("scale-overflows", scenario(trace={"scale": 1e308}), ["trace.scale", "too large"])
scenario_case("generator-overflows",
              scenario(trace={"generator": {"mean_rate_per_s": 1e300}}),
              ["trace.generator", "past 1e15 requests"])
scenario_case("slice-past-the-end", scenario(trace={"slice": {"start_s": 60000}}),
              ["trace.slice.start_s", "beyond the end of the trace (7200 s)"])
scenario_case("slice-end-past-the-end", scenario(trace={"slice": {"end_s": 60000}}),
              ["trace.slice.end_s", "beyond the end of the trace (7200 s)"])
scenario_case("slice-reversed", scenario(trace={"slice": {"start_s": 3600, "end_s": 600}}),
              ["trace.slice.end_s", "> start_s"])
scenario_case("slice-not-whole-intervals", scenario(trace={"slice": {"start_s": 30}}),
              ["trace.slice.start_s", "whole number of intervals"])
scenario_case("generator-kind", scenario(trace={"generator": {"kind": "sine"}}),
              ["trace.generator.kind", '"sine"'])
scenario_case("generator-no-intervals", scenario(trace={"generator": {"intervals": 0}}),
              ["trace.generator.intervals", "[1, 100000000]"])
scenario_case("generator-1e10-intervals", scenario(trace={"generator": {"intervals": 1e10}}),
              ["trace.generator.intervals", "[1, 100000000]"])
scenario_case("generator-interval-500-ms", scenario(trace={"generator": {"interval_ms": 500}}),
              ["trace.generator.interval_ms", "[1000, 3600000]"])
scenario_case("generator-noise-model", scenario(trace={"generator": {"noise": {"model": "gauss"}}}),
              ["trace.generator.noise.model", '"gauss"'])
scenario_case("step-scaling-without-steps",
              scenario(scaling={"policies": [{"type": "step_scaling"}]}),
              ["scaling.policies[0].steps", "missing required field"])
scenario_case("step-bounds-overlap", scenario(scaling={"policies": [{
    "type": "step_scaling", "steps": [{"lower_bound": 0, "upper_bound": 10, "adjustment": 1},
                                      {"lower_bound": 5, "adjustment": 2}]}]}),
    ["scaling.policies[0].steps", "overlap"])
scenario_case("cron-hour-25", scenario(scaling={"policies": [
    {"type": "scheduled", "cron": "0 25 * * *", "min_capacity": 2}]}),
    ["scaling.policies[0].cron", "bad hour field"])
scenario_case("scheduled-without-capacity", scenario(scaling={"policies": [
    {"type": "scheduled", "cron": "0 8 * * *"}]}),
    ["scaling.policies[0].min_capacity", "set min_capacity and/or max_capacity"])
scenario_case("scheduled-month-13", scenario(scaling={"policies": [
    {"type": "scheduled", "at_epoch_s": ["2024-13-01T00:00:00Z"], "min_capacity": 2}]}),
    ["scaling.policies[0].at_epoch_s[0]", "2024-13-01"])
scenario_case("predictive-no-season", scenario(scaling={"policies": [
    {"type": "predictive", "seasons_averaged": 0}]}),
    ["scaling.policies[0].seasons_averaged", "[1, 14]"])
scenario_case("hpa-policy-type", scenario(scaling={"policies": [
    {"type": "hpa", "scale_up": {"policies": [{"type": "nodes", "value": 1}]}}]}),
    ["scaling.policies[0].scale_up.policies[0].type", '"nodes"'])
scenario_case("two-target-trackings-one-metric", scenario(scaling={"policies": [
    {"type": "target_tracking", "target_value": 30},
    {"type": "target_tracking", "target_value": 40}]}),
    ["scaling.policies[1].metric", "different metric"])
# two policies with one name: the messages and the activity log could not tell them apart
scenario_case("two-policies-one-name", scenario(scaling={"policies": [
    {"type": "target_tracking", "name": "a", "target_value": 30},
    {"type": "step_scaling", "name": "a", "threshold": 5,
     "steps": [{"lower_bound": 0, "adjustment": 1}]}]}),
    ["scaling.policies[1].name", '"a" is an earlier policy\'s name too'])
scenario_case("a-metric-of-another-kind", scenario(scaling={"policies": [
    {"type": "target_tracking", "target_value": 30},
    {"type": "target_tracking", "name": "b", "metric": "has_backlog_without_capacity",
     "target_value": 0.5}]}),
    ["scaling.policies[1].metric", "HasBacklogWithoutCapacity is published for an endpoint of "
     'kind "async" only; this one is "real_time"'])
scenario_case("period-1.5-s", scenario(scaling=tt(period_s=1.5)),
              ["scaling.policies[0].period_s", "whole number of seconds"])
scenario_case("datapoints-above-periods", scenario(scaling=tt(high_datapoints_to_alarm=5)),
              ["scaling.policies[0].high_datapoints_to_alarm", "high_evaluation_periods"])
scenario_case("from-aws-with-min-capacity",
              scenario(scaling={"from_aws": ["x.json"], "min_capacity": 1, "policies": DELETE}),
              ["scaling.min_capacity", "from_aws"])
scenario_case("from-aws-file-missing", scenario(scaling={"from_aws": ["x.json"], "policies":
                                                         DELETE}),
              ["x.json", "cannot open file"], source=False)
scenario_case("arrivals-log-without-a-log", scenario(mode="request", arrivals="log"),
              ["arrivals", "access_log"])
scenario_case("deep-nesting", "[" * 100_000 + "]" * 100_000,
              ["s.json: [0][0][0]", "...: objects and arrays nested more than 100 levels deep"])

# The optimize section ------------------------------------------------------------------------
C = "optimize_section"


def section_case(name: str, text: str, words, code=1):
    cli(f"{C}/{name}", ["optimize", "{d}/o.json", "--out", "{d}/out", "--quiet"], code,
        ["o.json", *words], {"o.json": text})


section_case("no-section", scenario(), ['no "optimize" section'])
section_case("space-missing", with_optimize(), ["optimize.space", "missing required field"])
section_case("space-empty", with_optimize(space=[]), ["optimize.space", "at least one dimension"])
section_case("parameter-typo", with_optimize(space=[{"parameter": "target", "values": [1]}]),
             ["optimize.space[0].parameter", '"target"'])
section_case("low-above-high", with_optimize(space=[
    {"parameter": "target_value", "low": 40, "high": 10, "step": 10}]),
    ["optimize.space[0].high", ">= low"])
section_case("grid-without-step", with_optimize(space=[
    {"parameter": "target_value", "low": 10, "high": 40}]),
    ["optimize.space[0]", "needs a step or values"])
section_case("no-values", with_optimize(space=[{"parameter": "target_value", "values": []}]),
             ["optimize.space[0].values", "at least one value"])
section_case("objective-typo", with_optimize(space=SPACE, objectives=["cost"]),
             ["optimize.objectives[0]", '"cost"'])
section_case("constraint-field-typo", with_optimize(space=SPACE,
                                                    constraints=[{"field": "p99", "max": 1}]),
             ["optimize.constraints[0].field", '"p99"'])
section_case("method-typo", with_optimize(space=SPACE, method="random"),
             ["optimize.method", '"random"'])
section_case("no-such-policy", with_optimize(space=[{"parameter": "target_value", "policy": 3,
                                                     "values": [10]}]),
             ["optimize.space[0]", "no policy 3"])
section_case("ten-million-levels", with_optimize(space=[
    {"parameter": "target_value", "low": 1, "high": 1e9, "step": 1e-3}]),
    ["optimize.space[0]", "over 10 million levels"])
section_case("reference-point-length", with_optimize(space=SPACE, reference_point=[1]),
             ["optimize.reference_point", "one value per objective"])
section_case("variant-scale-negative", with_optimize(space=SPACE,
                                                     scenarios=[{"traffic_scale": -1}]),
             ["optimize.scenarios[0].traffic_scale", ">= 0"])
section_case("variant-scale-overflows", with_optimize(space=SPACE,
                                                     scenarios=[{"traffic_scale": 1e308}]),
             ["optimize.scenarios[0].traffic_scale", "too large"])
section_case("variant-slice-past-the-end", with_optimize(space=SPACE, scenarios=[
    {"trace": {"generator": {"intervals": 60}, "slice": {"start_s": 7200}}}]),
    ["optimize.scenarios[0].trace.slice.start_s", "beyond the end of the trace (3600 s)"])
section_case("aggregate-typo", with_optimize(space=SPACE, aggregate="median"),
             ["optimize.aggregate", '"median"'])
section_case("negative-target-value", with_optimize(space=[
    {"parameter": "target_value", "values": [-10, 20]}]),
    ["optimize.space", "target_value", "> 0"])
section_case("fractional-capacity", with_optimize(space=[
    {"parameter": "min_capacity", "values": [1.5, 2]}]),
    ["optimize.space[0]", "whole numbers", "1.5"])
section_case("dimension-twice", with_optimize(space=SPACE + SPACE),
             ["optimize.space[0]", "appears twice"])
section_case("batch-size-zero", with_optimize(space=SPACE, method="adaptive", batch_size=0),
             ["optimize.batch_size", ">= 1"])

# Command-line options ------------------------------------------------------------------------
S_FILES = {"s.json": scenario(), "o.json": with_optimize(space=SPACE),
           "g.json": scenario(), "t.csv": csv(1, 2, 3)}
SIM = "simulate {d}/s.json --out {d}/out "
OPT = "optimize {d}/o.json --out {d}/out "


def options_case(category: str, name: str, args: str, code: int, words, files=None, xfail=""):
    cli(f"{category}/{name}", args, code, words, {**S_FILES, **(files or {})}, xfail)


C = "command"
options_case(C, "no-command", "", 2, ["missing command", "Try 'autoscalesim --help'"])
options_case(C, "unknown-command", "simulat", 2, ["unknown command 'simulat'"])
options_case(C, "option-as-command", "--hepl", 2, ["unknown command '--hepl'"])

C = "simulate_options"
options_case(C, "no-out", "simulate {d}/s.json", 2, ["simulate", "missing --out DIR"])
options_case(C, "empty-out", "simulate {d}/s.json --out=", 2, ["--out", "expected a folder name"])
options_case(C, "no-scenario", "simulate --out {d}/out", 2, ["missing SCENARIO.json"])
options_case(C, "two-scenarios", "simulate {d}/s.json {d}/s.json --out {d}/out", 2,
             ["expected one SCENARIO.json", "2 operands"])
options_case(C, "seed-a-word", SIM + "--seed abc", 2, ["--seed", '"abc"'])
options_case(C, "seed-negative", SIM + "--seed -3", 2, ["--seed", '"-3"'])
options_case(C, "seed-beyond-64-bits", SIM + "--seed 99999999999999999999999", 2,
             ["--seed", "99999999999999999999999"])
options_case(C, "seed-empty", SIM + "--seed=", 2, ["--seed", 'got ""'])
options_case(C, "seed-twice", SIM + "--seed 1 --seed 2", 2, ["--seed", "given twice"])
options_case(C, "trace-format-typo", SIM + "--trace-format xml", 2,
             ["--trace-format", '"xml"'])
options_case(C, "trace-format-for-a-generator", SIM + "--trace-format json", 1,
             ["s.json", "trace.format", "generator"])
options_case(C, "trace-missing", SIM + "--trace {d}/missing.csv", 1,
             ["missing.csv", "cannot open file"])
options_case(C, "trace-of-another-format", SIM + "--trace {d}/t.csv --trace-format cloudwatch",
             1, ["t.csv", "not valid JSON"])
options_case(C, "unknown-option", SIM + "--threads 2", 2,
             ["simulate: unknown option '--threads'"])
options_case(C, "flag-with-a-value", SIM + "--force=yes", 2, ["'--force' takes no value"])
options_case(C, "option-without-value", SIM + "--seed", 2, ["'--seed' needs a value"])
options_case(C, "out-is-a-file", "simulate {d}/s.json --out {d}/t.csv", 1,
             ["t.csv", "not a folder"])
options_case(C, "out-exists", "simulate {d}/s.json --out {d}", 1,
             ["already exists", "--force"])
options_case(C, "out-dot", "simulate {d}/s.json --out {d}/.", 1, ["{d}/.", "not usable"])
options_case(C, "report-exists", SIM + "--report {d}/t.csv", 1, ["t.csv", "exists", "--force"])
options_case(C, "report-a-folder", SIM + "--report {d}", 1, ["--report names a folder"])
options_case(C, "policy-from-missing", SIM + "--policy-from {d}/missing.json", 1,
             ["missing.json", "cannot open file"])
# alone it was ignored (rc 0)
options_case(C, "resource-id-alone", SIM + "--resource-id endpoint/e/variant/v", 2,
             ["--resource-id", "--policy-from", "none were given"])

C = "optimize_options"
options_case(C, "threads-5000", OPT + "--threads 5000", 2, ["--threads", "at most 4096"])
options_case(C, "threads-negative", OPT + "--threads -1", 2, ["--threads", '"-1"'])
options_case(C, "max-evaluations-a-word", OPT + "--max-evaluations many", 2,
             ["--max-evaluations", '"many"'])
options_case(C, "max-seconds-negative", OPT + "--max-seconds -1", 2, ["--max-seconds", '"-1"'])
options_case(C, "max-seconds-inf", OPT + "--max-seconds inf", 2, ["--max-seconds", '"inf"'])
options_case(C, "max-seconds-nan", OPT + "--max-seconds nan", 2, ["--max-seconds", '"nan"'])
options_case(C, "threads-twice", OPT + "--threads 1 --threads 2", 2,
             ["--threads", "given twice"])
options_case(C, "no-out", "optimize {d}/o.json", 2, ["optimize", "missing --out DIR"])

C = "trace_stats_options"
TS = "trace-stats {d}/t.csv "
options_case(C, "no-trace", "trace-stats", 2, ["trace-stats: missing TRACE"])
options_case(C, "gaps-typo", TS + "--gaps fill", 2, ["--gaps", '"fill"'])
options_case(C, "gaps-capitalised", TS + "--gaps Zero", 2, ["--gaps", '"Zero"'])
options_case(C, "format-typo", TS + "--format xml", 2, ["--format", '"xml"'])
options_case(C, "mixed-periods-typo", "trace-stats {d}/c.json --mixed-periods merge", 2,
             ["--mixed-periods", '"merge"'], {"c.json": gms(datapoints(1, 2))})
options_case(C, "max-gap-ratio-negative", TS + "--max-gap-ratio -1", 2,
             ["--max-gap-ratio", '"-1"'])
options_case(C, "period-negative", TS + "--period -60", 2, ["--period", '"-60"'])
options_case(C, "period-half-second", TS + "--period 0.5", 1, ["t.csv", "0.5 s (given)"])
options_case(C, "option-without-value", TS + "--gaps", 2, ["'--gaps' needs a value"])
options_case(C, "statistic-for-a-csv", TS + "--statistic Average", 2,
             ["--statistic", "CloudWatch"])
options_case(C, "id-for-a-csv", TS + "--id=invocations", 2, ["--id", "CloudWatch"])
options_case(C, "max-gap-s-for-a-csv", TS + "--max-gap-s x", 2, ["--max-gap-s", "CloudWatch"])
options_case(C, "interval-s-for-a-csv", TS + "--interval-s 30", 2,
             ["--interval-s", "access log"])
options_case(C, "period-for-an-access-log", "trace-stats {d}/a.log --period 60", 2,
             ["--period", "access log"], {"a.log": CLF_OK})

# recommend -----------------------------------------------------------------------------------
C = "recommend_options"
REC = ("recommend {d}/inv.json --instance-type ml.c5.xlarge --p99 5 --service-time 0.5 "
       "--budget 4 ")


def options_of(base: str, extra: str) -> list:
    """base's arguments with extra's options in place of base's options of the same names (an
    option given twice is a usage error of its own)."""
    args, given = base.split(), extra.split()
    replaced = {a.split("=")[0] for a in given if a.startswith("--")}
    out, i = [], 0
    while i < len(args):
        if args[i] in replaced:
            i += 2
            continue
        out.append(args[i])
        i += 1
    return out + given

REC_FILES = {"inv.json": export(720)}


def recommend_case(name: str, extra: str, code: int, words, xfail=""):
    cli(f"{C}/{name}", options_of(REC, extra), code, words, REC_FILES, xfail)


recommend_case("p99-zero", "--p99 0", 2, ["--p99", "> 0"])
recommend_case("p99-negative", "--p99 -1", 2, ["--p99", '"-1"'])
recommend_case("p99-a-word", "--p99 fast", 2, ["--p99", '"fast"'])
recommend_case("service-time-zero", "--service-time 0", 2, ["--service-time", "(0, 86400]"])
recommend_case("workers-zero", "--workers 0", 2, ["--workers", "[1, 10000]"])
recommend_case("workers-1.5", "--workers 1.5", 2, ["--workers", '"1.5"'])
recommend_case("budget-zero", "--budget 0", 2, ["--budget", "[1, 10000000]"])
recommend_case("threads-99999", "--threads 99999", 2, ["--threads", "[0, 4096]"])
recommend_case("min-capacity-a-b", "--min-capacity a-b", 2, ["--min-capacity", '"a-b"'])
recommend_case("min-capacity-reversed", "--min-capacity 4-1", 2,
               ["--min-capacity", 'range "4-1" ends below its start'])
recommend_case("min-capacity-zero", "--min-capacity 0", 2, ["--min-capacity", "> 0"])
recommend_case("target-value-two-parts", "--target-value 10:60", 2,
               ["--target-value", "low:high:step"])
recommend_case("target-value-step-zero", "--target-value 10:60:0", 2,
               ["--target-value", '"10:60:0"'])
recommend_case("min-capacity-10001-levels", "--min-capacity 1-10001", 2,
               ["--min-capacity", 'range "1-10001" has more than 10,000 levels'])
recommend_case("target-value-billion-levels", "--target-value 1:1e9:1", 2,
               ["--target-value", 'range "1:1e9:1" has more than 10,000 levels'])
recommend_case("initial-capacity-2e6", "--initial-capacity 2000000", 2,
               ["--initial-capacity", "[0, 1000000]"])
recommend_case("price-zero", "--price-per-hour 0", 2, ["--price-per-hour", "> 0"])
recommend_case("seed-negative", "--seed -1", 2, ["--seed", '"-1"'])
recommend_case("unknown-option", "--p98 3", 2, ["recommend: unknown option '--p98'"])
recommend_case("p99-twice", "--p99 5 --p99 4", 2, ["--p99", "given twice", '"4"'])
recommend_case("out-is-a-file", "--out {d}/inv.json", 1, ["inv.json", "not a folder"])
recommend_case("report-a-folder", "--report {d}", 1, ["--report names a folder"])
recommend_case("policy-from-missing", "--policy-from {d}/missing.json", 1,
               ["missing.json", "cannot open file"])
recommend_case("max-below-min", "--min-capacity 5 --max-capacity 2", 1,
               ["MinCapacity level", "MaxCapacity level"])
recommend_case("service-cv-50", "--service-cv 50", 2, ["--service-cv", "[0, 10]"])
recommend_case("startup-sigma-10", "--startup-sigma 10", 2, ["--startup-sigma", "[0, 3]"])
recommend_case("test-fraction-1", "--test-fraction 1", 2, ["--test-fraction", "[0, 1)"])
recommend_case("max-error-rate-2", "--max-error-rate 2", 2, ["--max-error-rate", "[0, 1]"])
recommend_case("min-capacity-1.5", "--min-capacity 1.5", 2, ["--min-capacity", "1.5"])
recommend_case("type-not-in-catalogue", "--instance-type ml.fake.xlarge", 1,
               ["ml.fake.xlarge", "not in the catalogue", "--price-per-hour"])
cli("recommend_options/no-export",
    "recommend --instance-type ml.c5.xlarge --p99 5 --service-time 1", 2, ["missing EXPORT"])
cli("recommend_options/no-instance-type", "recommend {d}/inv.json --p99 5 --service-time 1", 2,
    ["missing --instance-type"], REC_FILES)
cli("recommend_options/no-p99",
    "recommend {d}/inv.json --instance-type ml.c5.xlarge --service-time 1", 2,
    ["missing --p99"], REC_FILES)
cli("recommend_options/no-service-time",
    "recommend {d}/inv.json --instance-type ml.c5.xlarge --p99 5", 2,
    ["missing --service-time"], REC_FILES)
cli("recommend_options/bad-export", REC.replace("inv.json", "bad.json"), 1,
    ["bad.json", "/Datapoints/1/Sum", "count >= 0"], {"bad.json": gms(datapoints(1, -1, 2))})

# calibrate -----------------------------------------------------------------------------------
C = "calibrate_options"
CAL = ("calibrate {d}/inv.json --activities {d}/acts.json --policy-from {d}/targets.json,"
       "{d}/policies.json --resamples 20 ")
CAL_FILES = {"inv.json": export(120), "acts.json": json.dumps(ACTIVITIES),
             "targets.json": json.dumps(TARGETS), "policies.json": json.dumps(POLICIES)}


def calibrate_case(name: str, extra: str, code: int, words, files=None, xfail=""):
    cli(f"{C}/{name}", options_of(CAL, extra), code, words, {**CAL_FILES, **(files or {})},
        xfail)


calibrate_case("service-time-zero", "--service-time 0", 2, ["--service-time", "(0, 86400]"])
calibrate_case("max-workers-zero", "--max-workers 0", 2, ["--max-workers", "[1, 1000]"])
calibrate_case("utilization-scale-zero", "--utilization {d}/inv.json --utilization-scale 0", 2,
               ["--utilization-scale", "> 0"])
calibrate_case("price-negative", "--price-per-hour -1", 2, ["--price-per-hour", '"-1"'])
calibrate_case("seed-a-word", "--seed x", 2, ["--seed", '"x"'])
calibrate_case("latency-missing", "--latency {d}/missing.json", 1,
               ["missing.json", "cannot open file"])
calibrate_case("latency-statistic-absent", "--latency {d}/lat.json --latency-stat Maximum", 1,
               ["lat.json", "/Datapoints/0", 'no "Maximum"'],
               {"lat.json": json.dumps({"Datapoints": [
                   {"Timestamp": "2024-01-01T00:00:00Z", "Average": 800000,
                    "Unit": "Microseconds"}]})})
# the traffic's own export given as ModelLatency: its unit is not microseconds
calibrate_case("latency-of-another-metric", "--latency {d}/inv.json", 1,
               ["inv.json", "/Datapoints/0/Unit", '"None": expected "Microseconds"'])
calibrate_case("latency-outside-the-window", "--latency {d}/late.json", 2,
               ["--latency", "no datapoint of", "late.json"],
               {"late.json": json.dumps({"Datapoints": [
                   {"Timestamp": "2030-01-01T00:00:00Z", "Average": 1}]})})
calibrate_case("workers-zero", "--workers 0", 2, ["--workers", "[1, 10000]"])
calibrate_case("service-cv-50", "--service-cv 50", 2, ["--service-cv", "[0, 10]"])
calibrate_case("startup-sigma-10", "--startup-sigma 10", 2, ["--startup-sigma", "[0, 3]"])
calibrate_case("workers-beyond-int", "--workers 99999999999", 2,
               ["--workers", "99999999999"])
calibrate_case("resamples-beyond-int", "--resamples 99999999999", 2,
               ["--resamples", "99999999999"])
# one resample made a "90 % interval" of one fit, which could exclude the estimate
calibrate_case("resamples-one", "--resamples 1", 2,
               ["--resamples: expected a whole number in [20, 100000], got \"1\""])
calibrate_case("initial-capacity-beyond-int", "--initial-capacity 99999999999", 2,
               ["--initial-capacity", "99999999999"])
cli("calibrate_options/no-export", "calibrate --activities {d}/a.json --policy-from {d}/t.json",
    2, ["calibrate: missing EXPORT"])
cli("calibrate_options/no-activities",
    "calibrate {d}/inv.json --policy-from {d}/targets.json", 2, ["missing --activities FILE"],
    CAL_FILES)
cli("calibrate_options/no-policy", "calibrate {d}/inv.json --activities {d}/acts.json", 2,
    ["missing --policy-from"], CAL_FILES)

# AWS policy JSON (--policy-from) -------------------------------------------------------------
C = "aws_policy"


def policy_case(name: str, targets: str, policies: str, words, extra: str = ""):
    cli(f"{C}/{name}", SIM + "--policy-from {d}/targets.json,{d}/policies.json " + extra, 1,
        words, {"s.json": scenario(), "targets.json": targets, "policies.json": policies})


T_OK, P_OK = json.dumps(TARGETS), json.dumps(POLICIES)
TV = "/ScalingPolicies/0/TargetTrackingScalingPolicyConfiguration"
policy_case("target-value-negative", T_OK,
            edited(POLICIES, lambda o: tt_config(o).update(TargetValue=-5)),
            ["policies.json", TV + "/TargetValue", "> 0"])
policy_case("target-value-string", T_OK,
            edited(POLICIES, lambda o: tt_config(o).update(TargetValue="70")),
            ["policies.json", TV + "/TargetValue", '"70"'])
policy_case("metric-unknown", T_OK, edited(POLICIES, lambda o: tt_config(o)[
    "PredefinedMetricSpecification"].update(PredefinedMetricType="SageMakerVariantFoo")),
    ["policies.json", "/PredefinedMetricType", '"SageMakerVariantFoo"'])
policy_case("policy-type-unknown", T_OK,
            edited(POLICIES, lambda o: o["ScalingPolicies"][0].update(PolicyType="Magic")),
            ["policies.json", "/ScalingPolicies/0/PolicyType", '"Magic"'])
policy_case("cooldown-1.5", T_OK,
            edited(POLICIES, lambda o: tt_config(o).update(ScaleInCooldown=1.5)),
            ["policies.json", TV + "/ScaleInCooldown", "1.5"])
policy_case("not-an-aws-document", T_OK, json.dumps({"ScalingPolicie": []}),
            ["policies.json", "not an AWS CLI document", '"ScalingPolicie"'])
policy_case("policies-an-object", T_OK, json.dumps({"ScalingPolicies": {}}),
            ["policies.json", "/ScalingPolicies", "expected an array"])
policy_case("policy-twice", T_OK, edited(POLICIES, lambda o: o["ScalingPolicies"].append(
    copy.deepcopy(o["ScalingPolicies"][0]))),
    ["policies.json", "/ScalingPolicies/1/PolicyName", "also given at"])
policy_case("truncated", T_OK, P_OK[:200], ["policies.json", "not valid JSON"])
policy_case("every-page-has-a-token", T_OK,
            edited(POLICIES, lambda o: o.update(NextToken="x")),
            ["policies.json", "incomplete", "NextToken"])
policy_case("another-service", T_OK,
            edited(POLICIES, lambda o: o["ScalingPolicies"][0].update(ServiceNamespace="ecs")),
            ["policies.json", "/ScalingPolicies/0/ServiceNamespace", '"ecs"'])
policy_case("min-above-max", edited(TARGETS, lambda o: target(o).update(MinCapacity=20,
                                                                         MaxCapacity=3)),
            P_OK, ["targets.json", "min_capacity", "greater than"])
policy_case("min-negative", edited(TARGETS, lambda o: target(o).update(MinCapacity=-1)), P_OK,
            ["targets.json", "/ScalableTargets/0/MinCapacity", "in [0, 1000000]"])
policy_case("max-a-string", edited(TARGETS, lambda o: target(o).update(MaxCapacity="12")), P_OK,
            ["targets.json", "/ScalableTargets/0/MaxCapacity", '"12"'])
policy_case("scaling-suspended", edited(TARGETS, lambda o: target(o)["SuspendedState"].update(
    DynamicScalingInSuspended=True)), P_OK,
    ["targets.json", "/SuspendedState/DynamicScalingInSuspended", "not simulated"])
policy_case("no-scalable-target", json.dumps({"ScalableTargets": []}), P_OK,
            ["targets.json", "no scalable target", "describe-scalable-targets"])
policy_case("two-scalable-targets", edited(TARGETS, lambda o: o["ScalableTargets"].append(
    dict(target(o), ResourceId="endpoint/other/variant/AllTraffic"))), P_OK,
    ["targets.json", "several scalable targets", "resource_id"])
policy_case("another-dimension", edited(TARGETS, lambda o: target(o).update(
    ScalableDimension="ecs:service:DesiredCount")), P_OK,
    ["targets.json", "/ScalableTargets/0/ScalableDimension", "ecs:service:DesiredCount"])
policy_case("resource-id-absent", T_OK, P_OK, ["nothing for resource_id", "endpoint/nope"],
            "--resource-id endpoint/nope/variant/x")
cli("aws_policy/policies-without-target", SIM + "--policy-from {d}/policies.json", 1,
    ["policies.json", "no scalable target"], {"s.json": scenario(), "policies.json": P_OK})
cli("aws_policy/a-csv-given", SIM + "--policy-from {d}/targets.json,{d}/x.csv", 1,
    ["x.csv", "not valid JSON"], {"s.json": scenario(), "targets.json": T_OK, "x.csv": "a,b\n"})

# describe-scaling-activities (calibrate --activities) ---------------------------------------
C = "activities"


def activities_case(name: str, text: str, words, code=1, xfail=""):
    cli(f"{C}/{name}", CAL.replace("acts.json", "bad-acts.json"), code, ["bad-acts.json", *words],
        {**CAL_FILES, "bad-acts.json": text}, xfail)


activities_case("fields-missing", json.dumps({"ScalingActivities": [{"ActivityId": 7}]}),
                ["/ScalingActivities/0", '"ServiceNamespace"'])
activities_case("hour-25", edited(ACTIVITIES, lambda o: activity(o).update(
    StartTime="2024-05-01T25:00:00Z")), ["/ScalingActivities/0/StartTime", "out of range"])
activities_case("ends-before-it-starts", edited(ACTIVITIES, lambda o: activity(o).update(
    EndTime="2024-05-01T09:00:00Z")), ["/ScalingActivities/0/EndTime", "before its StartTime"])
activities_case("status-unknown", edited(ACTIVITIES, lambda o: activity(o).update(
    StatusCode="Done")), ["/ScalingActivities/0/StatusCode", '"Done"'])
activities_case("another-resource", edited(ACTIVITIES, lambda o: [a.update(
    ResourceId="endpoint/x/variant/y") for a in o["ScalingActivities"]]),
    ["no scaling activity for resource_id", "endpoint/x/variant/y"])
activities_case("none", json.dumps({"ScalingActivities": []}),
                ["no scaling activity", "the files list none"])
activities_case("unknown-field", edited(ACTIVITIES, lambda o: activity(o).update(Foo=1)),
                ["/ScalingActivities/0/Foo", "unknown field"])
activities_case("another-document", json.dumps({"Datapoints": []}),
                ["describe-scaling-activities", '"Datapoints"'])
activities_case("every-page-has-a-token", edited(ACTIVITIES, lambda o: o.update(NextToken="x")),
                ["incomplete describe-scaling-activities output", "NextToken"])
activities_case("count-beyond-a-billion", edited(ACTIVITIES, lambda o: activity(o).update(
    Description="Setting desired instance count to 99999999999.")),
    ["/ScalingActivities/0/Description", "99999999999", "out of range"])
activities_case("listed-twice-differently", edited(ACTIVITIES, lambda o: o[
    "ScalingActivities"].append(dict(activity(o), Description="Setting desired instance count "
                                                               "to 5."))),
    ["/ScalingActivities/2/ActivityId", "listed twice"])
activities_case("no-count", edited(ACTIVITIES, lambda o: (activity(o).update(
    Description="Setting desired instance count."), activity(o).pop("StatusMessage"))),
    ["/ScalingActivities/0/Description", "names no count"])


# ---------------------------------------------------------------------------------------------
# The Python API's cases


@dataclass
class Api:
    """CALL(folder) with FILES written in the folder must raise EXC (exactly) saying every one
    of WORDS; ATTRS are attributes the exception must have."""

    call: Callable
    exc: type
    words: tuple
    files: dict = field(default_factory=dict)
    attrs: dict = field(default_factory=dict)
    xfail: str = ""


CASES_API: dict[str, Api] = {}


def api(name: str, call, exc, words, files=None, attrs=None, xfail: str = "") -> None:
    assert name not in CASES_API, name
    CASES_API[name] = Api(call, exc, tuple(words), files or {}, attrs or {}, xfail)


TRACE = asim.Trace(np.full(30, 60.0), interval_s=60)
ENDPOINT = asim.Endpoint(asim.InstanceType("x", price_per_hour=1, workers=1,
                                           service_time_s=0.5))
CE, TE = asim.ConfigError, asim.TraceError
CTE = asim.ConfigTypeError  # a wrong type: both a TypeError and a ConfigError


def sim(*policies, **kw):
    return asim.simulate(TRACE, ENDPOINT, list(policies), **kw)


def opt(**kw):
    return asim.optimize(TRACE, ENDPOINT, progress=False, **kw)


def _set(obj, **fields):
    """`obj` with fields set after it was made (past the constructor's checks)."""
    for name, value in fields.items():
        setattr(obj, name, value)
    return obj



# Traces
C = "python_trace"
api(f"{C}/negative-count", lambda d: asim.Trace([1, -1], interval_s=60), TE,
    ["interval 1", ">= 0"])
api(f"{C}/nan-count", lambda d: asim.Trace([1, math.nan], interval_s=60), TE,
    ["interval 1", "nan"])
api(f"{C}/two-dimensions", lambda d: asim.Trace([[1, 2], [3, 4]], interval_s=60), TE,
    ["counts", "1-D"])
api(f"{C}/none", lambda d: asim.Trace(None, interval_s=60), TypeError,
    ["counts", "array of request counts", "NoneType None"])
api(f"{C}/interval-zero", lambda d: asim.Trace([1, 2], interval_s=0), TE,
    ["interval", "between 1 s and 1 h"])
api(f"{C}/interval-two-hours", lambda d: asim.Trace([1, 2], interval_s=7200), TE,
    ["interval_s", "between 1 s and 1 h", "got 7200"])
api(f"{C}/total-overflows", lambda d: asim.Trace([1e308, 1e308], interval_s=60), TE,
    ["interval 0", "past 1e15 requests"])
api(f"{C}/csv-bad-row", lambda d: asim.Trace.from_csv(d / "neg.csv"), TE,
    ["neg.csv:3:", "count >= 0"], {"neg.csv": csv(1, -3)}, {"lineno": 3})
api(f"{C}/csv-missing", lambda d: asim.Trace.from_csv(d / "missing.csv"), OSError,
    ["missing.csv", "cannot open file"])
api(f"{C}/scaled-by-a-string", lambda d: TRACE.scaled("2"), TypeError,
    ["factor", "str '2'"])
api(f"{C}/csv-a-folder", lambda d: asim.Trace.from_csv(d), OSError, ["is a folder"])
# the readers' keywords reached the core unchecked: pybind11's "incompatible function arguments"
api(f"{C}/csv-gaps-none", lambda d: asim.Trace.from_csv(d / "t.csv", gaps=None), TypeError,
    ["gaps", "expected a string", "NoneType None"], {"t.csv": csv(1, 2)})
api(f"{C}/csv-max-gap-ratio-a-string",
    lambda d: asim.Trace.from_csv(d / "t.csv", max_gap_ratio="10"), TypeError,
    ["max_gap_ratio", "str '10'"], {"t.csv": csv(1, 2)})
api(f"{C}/cloudwatch-statistic-a-list",
    lambda d: asim.Trace.from_cloudwatch_json(d / "cw.json", statistic=["Sum"]), TypeError,
    ["statistic", "expected a string", "list"], {"cw.json": gms(datapoints(1, 2))})
api(f"{C}/cloudwatch-period-a-string",
    lambda d: asim.Trace.from_cloudwatch_json(d / "cw.json", period_s="60"), TypeError,
    ["period_s", "str '60'"], {"cw.json": gms(datapoints(1, 2))})
api(f"{C}/access-log-max-gap-ratio-none",
    lambda d: asim.Trace.from_access_log(d / "a.log", max_gap_ratio=None), TypeError,
    ["max_gap_ratio", "NoneType None"], {"a.log": "1000\n2000\n"})
api(f"{C}/aws-resource-id-none",
    lambda d: asim.aws.read_scaling(AWS_DATA / "describe-scaling-policies.json",
                                    resource_id=None), TypeError,
    ["resource_id", "expected a string", "NoneType None"])
api(f"{C}/csv-gap-policy-typo", lambda d: asim.Trace.from_csv(d / "t.csv", gaps="fill"), CE,
    ["gaps", '"fill"'], {"t.csv": csv(1, 2)})
api(f"{C}/csv-gap-ratio-negative",
    lambda d: asim.Trace.from_csv(d / "t.csv", gaps="zero", max_gap_ratio=-1), CE,
    ["max_gap_ratio", ">= 0"], {"t.csv": csv(1, 2)})
api(f"{C}/csv-year-2204", lambda d: asim.Trace.from_csv(d / "y.csv", gaps="zero"), TE,
    ["y.csv:4:", "a mistyped timestamp?"],
    {"y.csv": csv(1, 1, 1, stamps=[stamp(0), stamp(1), "2204-05-01T10:02:00Z"])}, {"lineno": 4})
api(f"{C}/cloudwatch-statistic-absent",
    lambda d: asim.Trace.from_cloudwatch_json(d / "c.json", statistic="Maximum"), TE,
    ["c.json", "/Datapoints/0", 'no "Maximum"'], {"c.json": gms(datapoints(1, 2))})
api(f"{C}/cloudwatch-gap-policy-typo",
    lambda d: asim.Trace.from_cloudwatch_json(d / "c.json", gaps="fill"), CE,
    ["gaps", '"fill"'], {"c.json": gms(datapoints(1, 2))})
api(f"{C}/cloudwatch-mixed-periods-typo",
    lambda d: asim.Trace.from_cloudwatch_json(d / "c.json", mixed_periods="merge"), CE,
    ["mixed_periods", '"merge"'], {"c.json": gms(datapoints(1, 2))})
api(f"{C}/cloudwatch-period-negative",
    lambda d: asim.Trace.from_cloudwatch_json(d / "c.json", period_s=-60), CE,
    ["period_s", ">= 0"], {"c.json": gms(datapoints(1, 2))})
api(f"{C}/cloudwatch-gap", lambda d: asim.Trace.from_cloudwatch_json(d / "g.json"), TE,
    ["g.json", "/Datapoints/2", "gap policy"],
    {"g.json": gms(datapoints(1, 1) + [datapoints(*[1] * 6)[5]])})
api(f"{C}/access-log-interval-zero", lambda d: asim.Trace.from_access_log(d / "a.log", 0), CE,
    ["interval", "between 1 s and 1 h"], {"a.log": CLF_OK})
api(f"{C}/access-log-backwards", lambda d: asim.Trace.from_access_log(d / "a.log"), TE,
    ["a.log:11:", "goes backwards"], {"a.log": CLF_OK + CLF.format(h=1, m=0, s=1)},
    {"lineno": 11})
api(f"{C}/arrivals-unsorted", lambda d: asim.Trace.from_arrivals([5, 3, 1]), TE,
    ["times[1]", "sorted"])
api(f"{C}/arrivals-nan", lambda d: asim.Trace.from_arrivals([1, math.nan]), TE,
    ["times", "finite"])
api(f"{C}/arrivals-interval-zero", lambda d: asim.Trace.from_arrivals([1, 2], interval_s=0), TE,
    ["interval_s", "between 1 s and 1 h", "got 0"])
api(f"{C}/arrivals-empty", lambda d: asim.Trace.from_arrivals([]), TE, ["times", "non-empty"])
api(f"{C}/pandas-irregular", lambda d: asim.Trace.from_pandas(pd.Series(
    [1, 2, 3], index=pd.to_datetime(["2024-01-01 00:00", "2024-01-01 00:01",
                                     "2024-01-01 00:03"]))), TE, ["series", "not regular"])
api(f"{C}/pandas-one-row", lambda d: asim.Trace.from_pandas(pd.Series(
    [1], index=pd.to_datetime(["2024-01-01"]))), TE,
    ["series", "one row and no interval: give interval_s"])
api(f"{C}/slice-past-the-end", lambda d: TRACE.slice(100, 5), CE,
    ["slice", "outside the trace's 30 intervals"])
api(f"{C}/scaled-negative", lambda d: TRACE.scaled(-1), CE, ["scale factor", ">= 0"])
api(f"{C}/scaled-inf", lambda d: TRACE.scaled(math.inf), CE, ["scale factor", "inf"])
api(f"{C}/split-whole", lambda d: TRACE.split(1.0), CE, ["train_fraction", "(0, 1)"])
api(f"{C}/split-nan", lambda d: TRACE.split(math.nan), CE, ["train_fraction", "nan"])
api(f"{C}/counts-strings", lambda d: asim.Trace(["a", "b"], interval_s=60), TypeError,
    ["counts", "dtype <U1", "counts[0] is str 'a'"])
api(f"{C}/interval-a-string", lambda d: asim.Trace([1, 2], interval_s="60"), TypeError,
    ["interval_s", "str"])
api(f"{C}/start-nan", lambda d: asim.Trace([1, 2], interval_s=60, start_epoch_s=math.nan), TE,
    ["start_epoch_s", "nan"])
api(f"{C}/start-1e20", lambda d: asim.Trace([1, 2], interval_s=60, start_epoch_s=1e20), TE,
    ["start_epoch_s", "1e+20"])
# milliseconds given as seconds: accepted, the timeline then failed in pandas far from the cause
api(f"{C}/start-in-ms", lambda d: asim.Trace([1, 2], interval_s=60, start_epoch_s=1.7e12), TE,
    ["start_epoch_s", "the years 1677 to 2262", "looks like milliseconds: 1700000000 s"])
# the core holds whole milliseconds: 60.0004 s was rounded to 60 s without a word
api(f"{C}/interval-not-whole-ms", lambda d: asim.Trace([1, 2], interval_s=60.0004), TE,
    ["interval_s", "whole number of milliseconds", "60.0004"])
api(f"{C}/pandas-step-not-whole-ms", lambda d: asim.Trace.from_pandas(pd.Series(
    [1, 2], index=pd.date_range("2024-01-01", periods=2, freq="1000500us"))), TE,
    ["series: the index's step (interval_s)", "whole number of milliseconds", "1.0005"])
api(f"{C}/slice-negative", lambda d: TRACE.slice(-1, 5), CE, ["first", "-1"])
api(f"{C}/split-a-string", lambda d: TRACE.split("0.5"), TypeError, ["fraction", "str"])
api(f"{C}/pandas-without-dates", lambda d: asim.Trace.from_pandas(pd.Series([1, 2, 3])), TE,
    ["series", "DatetimeIndex"])
api(f"{C}/cloudwatch-no-file", lambda d: asim.Trace.from_cloudwatch_json([]), CE,
    ["paths", "at least one file"])
# counts that are not real numbers are never cast (numpy would drop an imaginary part with a
# warning and parse strings)
api(f"{C}/counts-complex", lambda d: asim.Trace(np.array([1 + 2j] * 3)), TypeError,
    ["counts", "real numbers", "dtype complex128", "counts[0] is complex (1+2j)"])
api(f"{C}/counts-numeric-strings", lambda d: asim.Trace(["1", "2e3"]), TypeError,
    ["counts", "dtype <U3", "counts[0] is str '1'"])
api(f"{C}/counts-bytes", lambda d: asim.Trace(np.array([b"1", b"2"])), TypeError,
    ["counts", "dtype |S1", "bytes b'1'"])
api(f"{C}/counts-objects", lambda d: asim.Trace(np.array([1, None], dtype=object)), TypeError,
    ["counts", "dtype object", "counts[1] is NoneType None"])
api(f"{C}/counts-booleans", lambda d: asim.Trace([True, False]), TypeError,
    ["counts", "dtype bool", "counts[0] is bool True"])
api(f"{C}/counts-a-string", lambda d: asim.Trace("12"), TypeError, ["counts", "str '12'"])
api(f"{C}/model-counts-strings", lambda d: asim.Trace.from_model_counts([["1", "2"]]), TypeError,
    ["counts", "dtype <U1", "counts[0][0] is str '1'"])
api(f"{C}/pandas-strings", lambda d: asim.Trace.from_pandas(pd.Series(
    ["1", "2"], index=pd.date_range("2024-01-01", periods=2, freq="min"))), TypeError,
    ["series", "dtype object", "series[0] is str '1'"])
# the interval is checked before the C++ conversion to ms (of NaN or 1e308: garbage)
api(f"{C}/interval-nan", lambda d: asim.Trace([1, 2], math.nan), TE,
    ["interval_s", "between 1 s and 1 h", "got nan"])
api(f"{C}/interval-1e308", lambda d: asim.Trace([1, 2], interval_s=1e308), TE,
    ["interval_s", "between 1 s and 1 h", "got 1e+308"])
api(f"{C}/interval-minus-inf", lambda d: asim.Trace([1, 2], interval_s=-math.inf), TE,
    ["interval_s", "got -inf"])
api(f"{C}/arrivals-interval-nan", lambda d: asim.Trace.from_arrivals([1, 2], interval_s=math.nan),
    TE, ["interval_s", "between 1 s and 1 h", "got nan"])
api(f"{C}/model-counts-interval-inf", lambda d: asim.Trace.from_model_counts(
    [[1, 2]], interval_s=math.inf), TE, ["interval_s", "got inf"])
api(f"{C}/access-log-interval-nan", lambda d: asim.Trace.from_access_log(d / "a.log", math.nan),
    CE, ["interval_s", "between 1 s and 1 h", "got nan"], {"a.log": CLF_OK})
api(f"{C}/pandas-descending", lambda d: asim.Trace.from_pandas(pd.Series(
    [1, 2, 3], index=pd.date_range("2024-01-01", periods=3, freq="min")[::-1])), TE,
    ["series", "expected an increasing index", "2024-01-01 00:02:00 then 2024-01-01 00:01:00"])
api(f"{C}/pandas-repeated-time", lambda d: asim.Trace.from_pandas(pd.Series(
    [1, 2], index=pd.to_datetime(["2024-01-01", "2024-01-01"]))), TE,
    ["series", "expected an increasing index"])
api(f"{C}/pandas-two-hours", lambda d: asim.Trace.from_pandas(pd.Series(
    [1, 2], index=pd.date_range("2024-01-01", periods=2, freq="2h"))), TE,
    ["series", "index's step", "between 1 s and 1 h", "got 7200"])
# times in milliseconds read as seconds built a trace past the readers' limit (166 million
# minutes here; 1e14 s asked numpy for 1.2 TiB, a MemoryError), and 1e300 s became a garbage int64
api(f"{C}/arrivals-spanning-centuries", lambda d: asim.Trace.from_arrivals([0, 1e10]), TE,
    ["times", "166666667 intervals of 60 s", "limit of 100000000", "in seconds?"])
api(f"{C}/arrivals-1e300", lambda d: asim.Trace.from_arrivals([0, 1e300]), TE,
    ["times[1]", "within +-1e13", "1e+300"])
# a DataFrame of per-model columns raised AttributeError ('DataFrame' object has no 'dtype')
api(f"{C}/pandas-two-columns", lambda d: asim.Trace.from_pandas(pd.DataFrame(
    {"a": [1, 2], "b": [3, 4]}, index=pd.date_range("2024-01-01", periods=2, freq="min"))), TE,
    ["series", "DataFrame of 2 columns", "Trace.from_model_counts"])
api(f"{C}/pandas-an-array", lambda d: asim.Trace.from_pandas(np.array([1.0, 2.0])), TypeError,
    ["series", "pandas Series", "ndarray"])

# simulate's arguments
C = "python_simulate"
api(f"{C}/trace-a-json-path", lambda d: asim.simulate("trace.json", ENDPOINT), TypeError,
    ["trace", "'trace.json'", "Trace.from_cloudwatch_json"])
api(f"{C}/trace-a-list", lambda d: asim.simulate([1, 2, 3], ENDPOINT), TypeError,
    ["trace", "list", "Trace(counts, interval_s=...)"])
api(f"{C}/endpoint-a-name", lambda d: asim.simulate(TRACE, "ml.g5.xlarge"), TypeError,
    ["endpoint", "'ml.g5.xlarge'", "service_time_s"])
api(f"{C}/min-above-max", lambda d: sim(min_capacity=5, max_capacity=3), CE,
    ["scaling.min_capacity", "greater than"], attrs={"field": "scaling.min_capacity"})
api(f"{C}/max-a-string", lambda d: sim(max_capacity="20"), TypeError,
    ["max_capacity", "str '20'"])
api(f"{C}/max-ten-million", lambda d: sim(max_capacity=10**7), CE,
    ["max_capacity", "[1, 1000000]"])
api(f"{C}/min-negative", lambda d: sim(min_capacity=-1), CE, ["min_capacity", "-1"])
api(f"{C}/max-2.5", lambda d: sim(max_capacity=2.5), CE, ["max_capacity", "whole number"])
api(f"{C}/seed-negative", lambda d: sim(seed=-1), CE, ["seed", "-1"])
# integers a C++ int cannot hold: pybind11's "incompatible function arguments" leaked
api(f"{C}/initial-capacity-1e30", lambda d: asim.simulate(
    TRACE, asim.Endpoint(ENDPOINT.instance_type, initial_capacity=10**30)), CE,
    ["Endpoint.initial_capacity", "out of range"])
api(f"{C}/workers-2-to-the-40", lambda d: asim.simulate(
    TRACE, asim.Endpoint(asim.InstanceType("x", price_per_hour=1, workers=2**40))), CE,
    ["InstanceType.workers", "1099511627776", "out of range"])
api(f"{C}/evaluation-periods-1e30", lambda d: sim(
    asim.TargetTracking(60, high_evaluation_periods=10**30)), CE,
    ["high_evaluation_periods", "out of range"])
api(f"{C}/seed-2-to-the-64", lambda d: sim(seed=2**64), CE, ["seed", "18446744073709551616"])
api(f"{C}/mode-typo", lambda d: sim(mode="batch"), CE, ["mode", "'batch'"])
api(f"{C}/arrivals-log-of-counts", lambda d: sim(mode="request", arrivals="log"), CE,
    ["arrivals", "counts only"])
api(f"{C}/arrivals-typo", lambda d: sim(mode="request", arrivals="burst"), CE,
    ["arrivals", "'burst'"])
api(f"{C}/slo-target-1", lambda d: sim(slo_target=1), CE, ["slo.target", "(0, 1)"])
api(f"{C}/slo-latency-a-string", lambda d: sim(slo_latency_s="1"), TypeError,
    ["slo_latency_s", "str"])
api(f"{C}/slo-latency-nan", lambda d: sim(slo_latency_s=math.nan), CE,
    ["slo.latency_s", "nan"])
api(f"{C}/cooldown-from-typo", lambda d: sim(cooldown_from="end"), CE,
    ["scaling.cooldown_from", "'end'"])
api(f"{C}/policies-a-dict", lambda d: asim.simulate(TRACE, ENDPOINT, {"target_value": 3}),
    TypeError, ["policies", "dict"])
api(f"{C}/policy-an-object", lambda d: sim(object()), CE, ["policies[0]", "got object"])
api(f"{C}/workers-zero", lambda d: asim.simulate(TRACE, asim.InstanceType("x", workers=0)), CE,
    ["endpoint.instance_type.workers", "[1, 10000]"])
api(f"{C}/service-family-typo", lambda d: asim.InstanceType("x", service="weibull"), CE,
    ["InstanceType.service", "'weibull'"])
api(f"{C}/empirical-without-samples", lambda d: asim.simulate(TRACE, asim.InstanceType(
    "x", service="empirical")), CE, ["endpoint.instance_type.service_samples_s", "sample"])
api(f"{C}/samples-2-d", lambda d: asim.InstanceType(
    "x", service="empirical", service_samples_s=np.ones((2, 3))), CTE,
    ["InstanceType.service_samples_s", "1-D", "shape (2, 3)"])
api(f"{C}/samples-with-lognormal", lambda d: asim.InstanceType(
    "x", service="lognormal", service_samples_s=[0.1, 0.3]), CE,
    ["InstanceType.service_samples_s", "service 'lognormal'", "service='empirical'"])
api(f"{C}/samples-with-the-default-service", lambda d: asim.InstanceType(
    "x", service_samples_s=[0.1, 0.3]), CE,
    ["InstanceType.service_samples_s", "service 'fitted'", "service='empirical'"])
api(f"{C}/samples-with-a-dict", lambda d: asim.Endpoint(instance_type={
    "name": "x", "service_samples_s": [0.1, 0.3]}), CE,
    ["Endpoint.instance_type.service_samples_s", "service 'fitted'"])
api(f"{C}/routing-typo", lambda d: asim.Endpoint(routing="rr"), CE, ["Endpoint.routing", "'rr'"])
api(f"{C}/max-queue-minus-5", lambda d: asim.simulate(TRACE, asim.Endpoint(max_queue=-5)), CE,
    ["endpoint.max_queue", "-5"])
api(f"{C}/serverless-section-without-its-kind",
    lambda d: asim.simulate(TRACE, asim.Endpoint(serverless=asim.Serverless(memory_mb=6144))),
    CE, ["endpoint.serverless", '"serverless"', '"real_time"', "endpoint.kind"])
api(f"{C}/ttl-on-a-real-time-endpoint",
    lambda d: asim.simulate(TRACE, asim.Endpoint(request_ttl_s=120)),
    CE, ["endpoint.request_ttl_s", '"async"'])
api(f"{C}/startup-median-on-a-fixed-start-up",
    lambda d: asim.simulate(TRACE, asim.Endpoint(startup=asim.Startup(median_s=100))),
    CE, ["median_s", '"lognormal"', '"fixed"'])
api(f"{C}/predictive-buffer-with-honor-max-capacity",
    lambda d: asim.simulate(TRACE, asim.Endpoint(),
                            [asim.PredictiveScaling(600, max_capacity_buffer_percent=10)]),
    CE, ["max_capacity_buffer_percent", "increase_max_capacity"])
api(f"{C}/backoff-without-retries",
    lambda d: asim.simulate(TRACE, asim.Endpoint(client_backoff_base_s=2), mode="request"),
    CE, ["endpoint.client_backoff_base_s", "client_max_attempts > 1"])
api(f"{C}/slice-evaluations-without-a-slice",
    lambda d: asim.optimize(TRACE, asim.Endpoint(), method="adaptive", budget=4,
                            slice_evaluations=8), CE,
    ["slice_evaluations", "slice_fraction > 0"])
api(f"{C}/max-queue-in-fluid-mode", lambda d: asim.simulate(TRACE, asim.Endpoint(max_queue=5)),
    CE, ["endpoint.max_queue", "5", "request"])
api(f"{C}/startup-median-negative", lambda d: asim.simulate(TRACE, asim.Endpoint(
    startup=asim.Startup.lognormal(-1, 0.2))), CE,
    ["endpoint.startup.median_s", "(0, 315360000] (ten years)"])
api(f"{C}/initial-capacity-negative", lambda d: asim.simulate(TRACE, asim.Endpoint(
    initial_capacity=-1)), CE, ["endpoint.initial_capacity", "-1"])
api(f"{C}/timeline-a-string", lambda d: sim(timeline="no"), TypeError, ["timeline", "str"])
api(f"{C}/price-a-string", lambda d: asim.InstanceType("x", price_per_hour="1"), CTE,
    ["InstanceType.price_per_hour", "str '1'"])
# a name is what reports and the activity log show: "" was read and ran
api(f"{C}/instance-type-name-empty", lambda d: asim.InstanceType(""), CE,
    ["InstanceType.name", "non-empty name", "''"])
api(f"{C}/instance-type-name-emptied", lambda d: asim.simulate(TRACE, _set(
    asim.InstanceType("x"), name="")), CE, ["instance_type.name", "non-empty name"])

# Built-in policies
C = "python_policies"
api(f"{C}/target-negative", lambda d: sim(asim.TargetTracking(target_value=-1)), CE,
    ["scaling.target_tracking[target-tracking].target_value", "> 0"],
    attrs={"field": "scaling.target_tracking[target-tracking].target_value"})
# refused where it is made, not when first simulated
api(f"{C}/target-a-string", lambda d: asim.TargetTracking("30"), CTE,
    ["TargetTracking.target_value", "expected a number", "str '30'"])
api(f"{C}/target-a-string-set-later", lambda d: sim(_set(asim.TargetTracking(30),
                                                         target_value="30")), CTE,
    ["policies[0].target_value", "'30'"])
api(f"{C}/metric-unknown", lambda d: asim.TargetTracking(target_value=30, metric="Foo"),
    CE, ["TargetTracking.metric", '"Foo"'])
api(f"{C}/cooldown-a-string", lambda d: asim.StepScaling(threshold=10, cooldown_s="60"), CTE,
    ["StepScaling.cooldown_s", "str '60'"])
api(f"{C}/name-empty", lambda d: asim.TargetTracking(30, name=""), CE,
    ["TargetTracking.name", "non-empty name", "''"])
api(f"{C}/name-emptied", lambda d: sim(_set(asim.HPA(60), name="")), CE,
    ["policies[0].name", "non-empty name"])
api(f"{C}/period-90.5", lambda d: sim(asim.TargetTracking(target_value=30, period_s=90.5)), CE,
    ["period_s", "whole number of seconds"])
api(f"{C}/cooldown-negative", lambda d: sim(asim.TargetTracking(target_value=30,
                                                                scale_in_cooldown_s=-5)), CE,
    ["scale_in_cooldown_s", "[0, 315360000] (ten years)"])
api(f"{C}/attribute-typo", lambda d: setattr(asim.TargetTracking(30), "target_valu", 5),
    AttributeError, ["TargetTracking has no field 'target_valu'", "target_value"])
api(f"{C}/keyword-typo", lambda d: asim.TargetTracking(target_vale=30), TypeError,
    ["target_vale"])
api(f"{C}/step-without-steps", lambda d: sim(asim.StepScaling(threshold=10, steps=[])), CE,
    ["scaling.step_scaling[step-scaling].steps", "at least one step"])
api(f"{C}/step-bounds-overlap", lambda d: sim(asim.StepScaling(
    threshold=10, steps=[(0, 10, 1), (5, None, 2)])), CE, ["steps", "overlap"])
# numpy's MemoryError for 7 TiB; pybind11's and numpy's errors naming no argument; a PeriodIndex
# read as times from 0 every 60 s
api(f"{C}/model-counts-huge", lambda d: asim.Trace.from_model_counts(np.array([[1e12]])), TE,
    ["counts: 1e+12 requests in all", "limit of 100,000,000"])
api(f"{C}/model-counts-seed-negative", lambda d: asim.Trace.from_model_counts(
    np.array([[1, 2]]), seed=-1), CE, ["seed", "-1"])
api(f"{C}/model-counts-seed-a-string", lambda d: asim.Trace.from_model_counts(
    np.array([[1, 2]]), seed="x"), TypeError, ["seed", "'x'"])
api(f"{C}/model-counts-period-index", lambda d: asim.Trace.from_model_counts(pd.DataFrame(
    {"a": [1, 2]}, index=pd.period_range("2024-01-01", periods=2, freq="min"))), TE,
    ["the DataFrame's index is a PeriodIndex", ".to_timestamp()"])
# (0, 1) left the adjustment at 0: a policy that never scaled
api(f"{C}/step-tuple-short", lambda d: asim.StepScaling(threshold=10, steps=[(0, 1)]), CTE,
    ["StepScaling.steps[0]", "a tuple (lower_bound, upper_bound, adjustment)", "got (0, 1)"])
api(f"{C}/step-adjustment-typo", lambda d: asim.StepScaling(
    threshold=10, adjustment="Double", steps=[(0, None, 1)]), CE,
    ["StepScaling.adjustment", "'Double'"])
api(f"{C}/cron-minute-61", lambda d: sim(asim.ScheduledAction(cron="61 * * * *",
                                                              min_capacity=2)), CE,
    ["scaling.scheduled[scheduled].cron", "bad minute field"])
# AWS's wrapper around Unix fields: 1-5 is Sunday to Thursday to AWS, Monday to Friday to Unix
api(f"{C}/cron-aws-wrapper", lambda d: sim(asim.ScheduledAction(cron="cron(0 8 * * 1-5)",
                                                                min_capacity=2)), CE,
    ["scaling.scheduled[scheduled].cron", "without AWS's cron(...) wrapper", "1 = Sunday"])
api(f"{C}/scheduled-without-capacity", lambda d: sim(asim.ScheduledAction(cron="0 * * * *")),
    CE, ["scheduled", "set min_capacity and/or max_capacity"])
api(f"{C}/scheduled-at-a-word", lambda d: asim.ScheduledAction(at="tomorrow", min_capacity=2),
    CE, ["ScheduledAction.at[0]", "'tomorrow'"])
# beyond int64 milliseconds pybind11 refused the list ("incompatible function arguments"), and
# pandas' nanoseconds ended the year 9999 with an OverflowError
api(f"{C}/scheduled-at-1e17-s", lambda d: asim.ScheduledAction(at=1e17, min_capacity=2),
    CE, ["ScheduledAction.at[0]", "within +-1e16 ms", "of the trace start", "1e+17"])
api(f"{C}/scheduled-at-a-huge-timedelta", lambda d: asim.ScheduledAction(
    at=datetime.timedelta(days=999_999_999), min_capacity=2), CE,
    ["ScheduledAction.at[0]", "within +-1e16 ms", "timedelta(days=999999999)"])
api(f"{C}/predictive-no-season", lambda d: sim(asim.PredictiveScaling(seasons_averaged=0)), CE,
    ["scaling.predictive[predictive].seasons_averaged", "[1, 14]"])
api(f"{C}/hpa-policy-type", lambda d: asim.HPA(target_value=60, scale_up={"policies": [
    {"type": "Nodes", "value": 1, "periodSeconds": 15}]}), CE,
    ["HPA.scale_up.policies[0].type", "'Nodes'"])
api(f"{C}/hpa-window-negative", lambda d: sim(asim.HPA(target_value=60, scale_down={
    "stabilizationWindowSeconds": -1})), CE,
    ["scaling.hpa[hpa].scale_down.stabilization_window_s", "[0, 3600]"])


# Custom policies (Python subclasses of asim.Policy)
class _Returns(asim.Policy):
    answer = None

    def decide(self, observation):
        return self.answer


def returning(value, name: str):
    return type(name, (_Returns,), {"answer": value})()


class Raises(asim.Policy):
    def decide(self, observation):
        raise RuntimeError("boom in decide")


class NoDecide(asim.Policy):
    pass


class NoSuperInit(asim.Policy):
    def __init__(self):  # forgets super().__init__()
        pass

    def decide(self, observation):
        return None


C = "custom_policy"
api(f"{C}/negative", lambda d: sim(returning(-1, "Negative")), CE,
    ["Negative.decide", "int >= 0", "-1"])
api(f"{C}/fraction", lambda d: sim(returning(2.5, "Fraction")), CE,
    ["Fraction.decide", "2.5"])
api(f"{C}/string", lambda d: sim(returning("3", "Text")), CE, ["Text.decide", "'3'"])
api(f"{C}/boolean", lambda d: sim(returning(True, "Flag")), CE, ["Flag.decide", "True"])
api(f"{C}/nan", lambda d: sim(returning(math.nan, "NotANumber")), CE,
    ["NotANumber.decide", "nan"])
api(f"{C}/raises", lambda d: sim(Raises()), RuntimeError, ["boom in decide"])
api(f"{C}/no-decide", lambda d: sim(NoDecide()), NotImplementedError,
    ["NoDecide.decide", "not implemented"])
api(f"{C}/no-super-init", lambda d: sim(NoSuperInit()), TypeError,
    ["__init__", "must be called"])
api(f"{C}/period-zero", lambda d: sim(type("Zero", (_Returns,), {})(period_s=0)), CE,
    ["scaling.custom[0].period_s", "[1, 86400]"])
api(f"{C}/in-optimize", lambda d: opt(target_value=[10], fixed_policies=[
    returning(1, "Mine")]), CE, ["fixed_policies[0]", "built-in policy", "Mine"])

# optimize, load_scenario, recommend, aws
C = "python_optimize"
api(f"{C}/target-value-empty", lambda d: opt(target_value=[]), CE,
    ["target_value", "has no value"])
api(f"{C}/min-capacity-empty", lambda d: opt(min_capacity=[]), CE,
    ["min_capacity", "has no value"])
api(f"{C}/grid-empty", lambda d: asim.grid(target_value=[]), CE, ["target_value", "no value"])
# a NaN policy was returned, and refused only when optimize ran it
api(f"{C}/grid-nan", lambda d: asim.grid(target_value=[float("nan")]), CE,
    ["search space: target_value", "finite", "nan"])
api(f"{C}/grid-inf", lambda d: asim.grid(min_capacity=1, target_value=[10, math.inf]), CE,
    ["search space: target_value", "finite", "inf"])
api(f"{C}/optimize-nan", lambda d: opt(target_value=[10, math.nan]), CE,
    ["search space: target_value", "finite", "nan"])
# rows of days were flattened into one run of hours
api(f"{C}/savings-plan-2-d", lambda d: asim.savings_plan(np.ones((2, 24)), 0.3), CE,
    ["usage", "1-D", "shape (2, 24)"])
api(f"{C}/savings-plan-nested-lists", lambda d: asim.savings_plan([[1, 2], [3, 4]], 0.3), CE,
    ["usage", "1-D", "shape (2, 2)"])
api(f"{C}/savings-plan-text", lambda d: asim.savings_plan(["a", "b"], 0.3), CE,
    ["usage", "hourly USD", "['a', 'b']"])
# numpy read these as 1.0 and 2.0 (or 1.0 and 0.0) without a word
api(f"{C}/savings-plan-numeric-text", lambda d: asim.savings_plan(["1", "2"], 0.3), CE,
    ["usage", "hourly USD", "['1', '2']"])
api(f"{C}/savings-plan-booleans", lambda d: asim.savings_plan(np.array([True, False]), 0.3),
    CE, ["usage", "hourly USD"])
api(f"{C}/savings-plan-discount-text", lambda d: asim.savings_plan([1, 2], "0.3"), TypeError,
    ["discount", "'0.3'"])
api(f"{C}/compare-deployments-empty-label", lambda d: asim.compare_deployments(
    TRACE, ENDPOINT.instance_type, {"": asim.Deployment.real_time(1, 10)}), CE,
    ["deployments['']", "label that names its row"])
api(f"{C}/target-value-negative", lambda d: opt(target_value=[-1, 10]), CE,
    ["target_value = -1", "> 0"])
api(f"{C}/method-typo", lambda d: opt(target_value=[10], method="random"), CE,
    ["method", "'random'"])
api(f"{C}/objective-typo", lambda d: opt(target_value=[10], objectives=["cost"]), CE,
    ["objectives", "'cost'"])
api(f"{C}/constraint-typo", lambda d: opt(target_value=[10], constraints={"max_p99": 1}), CE,
    ["max_p99", "'p99'"])
api(f"{C}/budget-zero", lambda d: opt(target_value=[10, 20], method="adaptive", budget=0), CE,
    ["budget", "[1, 10000000]"])
api(f"{C}/batch-size-zero", lambda d: opt(target_value=[10, 20], method="adaptive",
                                          batch_size=0), CE, ["batch_size", "[1, 10000]"])
api(f"{C}/dimension-typo", lambda d: opt(target_valu=[10]), CE,
    ["unknown dimension 'target_valu'"])
api(f"{C}/reference-point-length", lambda d: opt(target_value=[10], reference_point=[1]), CE,
    ["reference_point", "2 objectives"])
api(f"{C}/best-constraint-typo", lambda d: opt(target_value=[10, 20]).best(max_p99=3), CE,
    ["max_p99", "'p99'"])
api(f"{C}/target-value-strings", lambda d: opt(target_value=["a"]), TypeError,
    ["target_value", "'a'"])
api(f"{C}/threads-negative", lambda d: opt(target_value=[10], threads=-1), CE,
    ["threads", "-1"])
# AttributeErrors from inside the package before
api(f"{C}/objectives-a-number", lambda d: opt(target_value=[10], objectives=3), TypeError,
    ["objectives", "list of summary fields", "int 3"])
api(f"{C}/initial-policies-a-number", lambda d: opt(target_value=[10, 20], method="adaptive",
                                                    initial_policies=3), TypeError,
    ["initial_policies", "list of policies", "int 3"])
api(f"{C}/constraints-a-string", lambda d: opt(target_value=[10], constraints="x"), TypeError,
    ["constraints", "expected a dict", "str 'x'"])
api(f"{C}/client-not-dask", lambda d: opt(target_value=[10], client=3), TypeError,
    ["client", "dask.distributed.Client", "int 3"])
api(f"{C}/train-test-on-a-number", lambda d: opt(target_value=[10, 20]).train_test(5),
    TypeError, ["test", "expected a Trace", "int 5"])
api(f"{C}/plot-chosen-an-index", lambda d: opt(target_value=[10, 20]).plot(chosen=0), TypeError,
    ["chosen", "Candidate", "int 0"])
api(f"{C}/describe-a-list", lambda d: opt(target_value=[10, 20]).describe([10]), TypeError,
    ["params", "Candidate.params", "list [10]"])
api(f"{C}/train-test-threads-1.5", lambda d: opt(target_value=[10, 20]).train_test(
    TRACE, threads=1.5), CE, ["threads", "1.5"])
api(f"{C}/max-seconds-negative", lambda d: opt(target_value=[10], max_seconds=-1), CE,
    ["max_seconds", "-1"])
api(f"{C}/min-capacity-1.5", lambda d: opt(min_capacity=[1.5], target_value=[10]), CE,
    ["min_capacity", "1.5"])
# a NaN bound: C++'s best() met it always, the DataFrame's never
api(f"{C}/best-nan", lambda d: opt(target_value=[10, 20]).best(max_error_rate=math.nan), CE,
    ["constraint 'max_error_rate'", "got nan"])
api(f"{C}/best-ms-nan", lambda d: opt(target_value=[10, 20]).best(max_p99_ms=math.nan), CE,
    ["constraint 'max_p99_ms'", "got nan"])
api(f"{C}/best-max-minus-inf", lambda d: opt(target_value=[10, 20]).best(
    max_p99_latency_s=-math.inf), CE, ["constraint 'max_p99_latency_s'", "inf for no bound",
                                       "got -inf"])
api(f"{C}/best-min-plus-inf", lambda d: opt(target_value=[10, 20]).best(
    min_slo_attainment=math.inf), CE, ["constraint 'min_slo_attainment'", "-inf for no bound",
                                       "got inf"])
api(f"{C}/best-a-string", lambda d: opt(target_value=[10, 20]).best(max_error_rate="0.1"),
    TypeError, ["constraint 'max_error_rate'", "expected a number", "str '0.1'"])
api(f"{C}/constraint-nan", lambda d: opt(target_value=[10], constraints={
    "max_error_rate": math.nan}), CE, ["constraint 'max_error_rate'", "got nan"])
api(f"{C}/hypervolume-nan", lambda d: opt(target_value=[10, 20]).hypervolume([math.nan, 100]),
    CE, ["ref[0]", "finite cost_usd", "got nan"])
api(f"{C}/hypervolume-inf", lambda d: opt(target_value=[10, 20]).hypervolume([100, math.inf]),
    CE, ["ref[1]", "finite p99_latency_s", "got inf"])
api(f"{C}/hypervolume-strings", lambda d: opt(target_value=[10, 20]).hypervolume(["4", "4"]),
    TypeError, ["ref", "2 numbers", "['4', '4']"])
api(f"{C}/reference-point-nan", lambda d: opt(target_value=[10], reference_point=[math.nan, 1]),
    CE, ["reference_point[0]", "finite cost_usd", "got nan"])
api(f"{C}/reference-point-empty", lambda d: opt(target_value=[10], reference_point=[]), CE,
    ["reference_point", "2 values", "got 0", "None for the default"])
# compare_deployments tests feasibility in Python: NaN made every deployment infeasible
api(f"{C}/compare-deployments-max-error-rate-nan", lambda d: asim.compare_deployments(
    TRACE, ENDPOINT.instance_type, max_error_rate=math.nan), CE,
    ["max_error_rate", "share in [0, 1]", "got nan"])
# a Deployment's fields were used unchecked: "'int' object is not iterable", or a NaN share
# skipped silently
api(f"{C}/deployment-endpoint-a-string", lambda d: asim.Deployment("async"), TypeError,
    ["Deployment.endpoint", "dict of keywords", "str 'async'"])
api(f"{C}/deployment-policies-a-number", lambda d: asim.Deployment(policies=3), TypeError,
    ["Deployment.policies", "int 3"])
api(f"{C}/deployment-target-values-a-number", lambda d: asim.Deployment(target_values=30),
    TypeError, ["Deployment.target_values", "list of numbers", "int 30"])
api(f"{C}/deployment-share-nan", lambda d: asim.Deployment(per_model_shares=[0.5, math.nan]),
    CE, ["Deployment.per_model_shares[1]", "finite", "nan"])
api(f"{C}/deployment-share-a-string", lambda d: asim.Deployment(per_model_shares=["a"]),
    TypeError, ["Deployment.per_model_shares[0]", "str 'a'"])
api(f"{C}/savings-growth-a-number", lambda d: asim.savings_plan_growth(
    TRACE, ENDPOINT, growth=1.2), TypeError, ["growth", "list of numbers", "float 1.2"])

C = "python_scenario"
api(f"{C}/path-none", lambda d: asim.load_scenario(None), TypeError, ["path", "NoneType"])
api(f"{C}/arrivals-words", lambda d: asim.Trace.from_arrivals(["a", "b"]), TE,
    ["times: expected seconds since the epoch, datetimes or ISO-8601 times", "['a', 'b']"])
# the core counts the components; the message names the caller's
api(f"{C}/component-not-an-inference-component", lambda d: asim.simulate_components(
    {"chat": {"trace": TRACE, "endpoint": ENDPOINT, "policies": []}}), CE,
    ["components['chat'].endpoint.kind", '"inference_component"'])
api(f"{C}/missing-file", lambda d: asim.load_scenario(d / "missing.json"), OSError,
    ["missing.json", "cannot open file"])
api(f"{C}/duplicate-key", lambda d: asim.load_scenario(d / "s.json"), CE,
    ["s.json", "seed", "given twice"],
    {"s.json": '{"version": 1, "seed": 1, "seed": 2, "trace": {"generator": {}}}'},
    {"field": "seed"})
# took the interpreter down (a stack overflow copying the value)
api(f"{C}/nested-too-deep", lambda d: asim.load_scenario(d / "s.json"), CE,
    ["s.json", "nested more than 100 levels deep"],
    {"s.json": scenario()[:-1] + ', "x": ' + "[" * 300000 + "]" * 300000 + ', "y": 1}'})
# the message cut a two-byte character in two: Python raised UnicodeDecodeError, not this
api(f"{C}/json-trace-accented-value", lambda d: asim.load_scenario(d / "s.json"), TE,
    ["acc.json", "/counts/1", 'got "aééé'],
    {"s.json": scenario(trace={"file": "acc.json", "format": "json", "generator": DELETE}),
     "acc.json": json_trace(counts=[1, "a" + "é" * 40])})
api(f"{C}/nested-too-deep-under-an-accented-key", lambda d: asim.load_scenario(d / "s.json"), CE,
    ["éééé", "nested more than 100 levels deep"],
    {"s.json": scenario()[:-1] + ', "' + "é" * 40 + '": ' + "[" * 200 + "]" * 200 + ', "y": 1}'})
api(f"{C}/bad-row-in-the-trace", lambda d: asim.load_scenario(d / "s.json"), TE,
    ["t.csv:3:", "count >= 0"],
    {"s.json": scenario(trace={"file": "t.csv", "generator": DELETE}), "t.csv": csv(1, -1)},
    {"lineno": 3})
api(f"{C}/trace-format-typo", lambda d: asim.load_scenario(d / "s.json", trace_format="xml"), CE,
    ["s.json", "trace.format", '"xml"'], {"s.json": scenario()})
api(f"{C}/trace-format-for-a-generator",
    lambda d: asim.load_scenario(d / "s.json", trace_format="json"), CE,
    ["s.json", "trace.format", "generator"], {"s.json": scenario()})
api(f"{C}/optimize-without-section", lambda d: asim.load_scenario(d / "s.json").optimize(), CE,
    ["s.json", 'no "optimize" section'], {"s.json": scenario()})
api(f"{C}/slice-past-the-end", lambda d: asim.load_scenario(d / "s.json"), CE,
    ["s.json", "trace.slice.start_s", "beyond the end"],
    {"s.json": scenario(trace={"slice": {"start_s": 60000}})},
    {"field": "trace.slice.start_s"})
api(f"{C}/seed-negative", lambda d: asim.load_scenario(d / "s.json", seed=-1), CE,
    ["seed", "-1"], {"s.json": scenario()})
# optimize()'s overrides reached the core unchecked: pybind11's message for -1, and 1.5 cut to 1
api(f"{C}/optimize-threads-negative",
    lambda d: asim.load_scenario(d / "o.json").optimize(threads=-1, progress=False), CE,
    ["threads", "[0, 4096]", "-1"], {"o.json": with_optimize(space=SPACE)})
api(f"{C}/optimize-max-evaluations-1.5",
    lambda d: asim.load_scenario(d / "o.json").optimize(max_evaluations=1.5, progress=False),
    CE, ["max_evaluations", "whole number", "1.5"], {"o.json": with_optimize(space=SPACE)})
api(f"{C}/optimize-max-seconds-a-string",
    lambda d: asim.load_scenario(d / "o.json").optimize(max_seconds="5", progress=False),
    TypeError, ["max_seconds", "str '5'"], {"o.json": with_optimize(space=SPACE)})

C = "python_recommend"
api(f"{C}/p99-negative", lambda d: asim.recommend(TRACE, "ml.c5.xlarge", max_p99_latency_s=-1,
                                                  service_time_s=1), CE,
    ["max_p99_latency_s", "> 0"])
api(f"{C}/type-not-in-catalogue", lambda d: asim.recommend(
    TRACE, "ml.fake", max_p99_latency_s=5, service_time_s=1), CE,
    ["ml.fake", "not in the catalogue", "price_per_hour"])
api(f"{C}/budget-zero", lambda d: asim.recommend(TRACE, "ml.c5.xlarge", max_p99_latency_s=5,
                                                 service_time_s=1, budget=0), CE,
    ["budget", "[1, 10000000]"])
# pybind11's "incompatible function arguments" leaked
api(f"{C}/threads-1.5", lambda d: asim.recommend(TRACE, "ml.c5.xlarge", max_p99_latency_s=5,
                                                service_time_s=1, threads=1.5), CE,
    ["threads", "1.5"])
api(f"{C}/threads-a-string", lambda d: asim.recommend(TRACE, "ml.c5.xlarge", max_p99_latency_s=5,
                                                     service_time_s=1, threads="2"), TypeError,
    ["threads", "str '2'"])
api(f"{C}/trace-a-number", lambda d: asim.recommend(5, "ml.c5.xlarge", max_p99_latency_s=5,
                                                    service_time_s=1), TypeError,
    ["trace", "int 5"])
api(f"{C}/test-fraction-1", lambda d: asim.recommend(
    TRACE, "ml.c5.xlarge", max_p99_latency_s=5, service_time_s=1, test_fraction=1), CE,
    ["test_fraction", "[0, 1)"])
api(f"{C}/export-bad-datapoint", lambda d: asim.recommend(
    d / "inv.json", "ml.c5.xlarge", max_p99_latency_s=5, service_time_s=1), TE,
    ["inv.json", "/Datapoints/1/Sum"], {"inv.json": gms(datapoints(1, -1, 2))})
api(f"{C}/min-capacity-empty", lambda d: asim.recommend(
    TRACE, "ml.c5.xlarge", max_p99_latency_s=5, service_time_s=1, min_capacity=[]), CE,
    ["min_capacity", "at least one level", "empty list", "None to derive"])
api(f"{C}/max-capacity-empty", lambda d: asim.recommend(
    TRACE, "ml.c5.xlarge", max_p99_latency_s=5, service_time_s=1, max_capacity=()), CE,
    ["max_capacity", "at least one level", "None to derive"])
api(f"{C}/target-value-empty-array", lambda d: asim.recommend(
    TRACE, "ml.c5.xlarge", max_p99_latency_s=5, service_time_s=1, target_value=np.array([])), CE,
    ["target_value", "at least one level", "None to derive"])
api(f"{C}/min-capacity-a-string", lambda d: asim.recommend(
    TRACE, "ml.c5.xlarge", max_p99_latency_s=5, service_time_s=1, min_capacity="2"), TypeError,
    ["min_capacity", "a number or a list of numbers", "str '2'"])
api(f"{C}/target-value-strings", lambda d: asim.recommend(
    TRACE, "ml.c5.xlarge", max_p99_latency_s=5, service_time_s=1, target_value=["10"]),
    TypeError, ["target_value[0]", "str '10'"])
api(f"{C}/max-error-rate-a-string", lambda d: asim.recommend(
    TRACE, "ml.c5.xlarge", max_p99_latency_s=5, service_time_s=1, max_error_rate="0.1"),
    TypeError, ["max_error_rate", "str '0.1'"])
api(f"{C}/p99-a-string", lambda d: asim.recommend(
    TRACE, "ml.c5.xlarge", max_p99_latency_s="5", service_time_s=1), TypeError,
    ["max_p99_latency_s", "str '5'"])
# refused before the trace is read and the search runs (the export named does not exist);
# it was refused only by aws_files(), after the search
api(f"{C}/resource-id-garbage", lambda d: asim.recommend(
    d / "missing.json", "ml.c5.xlarge", max_p99_latency_s=5, service_time_s=1,
    resource_id="garbage"), CE,
    ["resource_id", '"endpoint/NAME/variant/VARIANT"', '"inference-component/NAME"', '"garbage"'])
# what the InstanceType or Endpoint already says was ignored when passed again (a service time
# of 3 s beside an InstanceType of 1 s ran at 1 s)
api(f"{C}/service-time-beside-instance-type", lambda d: asim.recommend(
    TRACE, asim.InstanceType("ml.g4dn.xlarge", 0.736, 1, 1.0, 0.5), max_p99_latency_s=5,
    service_time_s=3.0), CE, ["service_time_s: the InstanceType passed as endpoint gives it"])
api(f"{C}/startup-beside-endpoint", lambda d: asim.recommend(
    TRACE, asim.Endpoint(asim.InstanceType("ml.g4dn.xlarge", 0.736, 1, 1.0, 0.5)),
    max_p99_latency_s=5, startup=100), CE, ["startup: the Endpoint passed as endpoint gives it"])
api(f"{C}/resource-id-a-number", lambda d: asim.recommend(
    TRACE, "ml.c5.xlarge", max_p99_latency_s=5, service_time_s=1, resource_id=5), TypeError,
    ["resource_id", "int 5"])
api(f"{C}/aws-file-missing", lambda d: asim.aws.read_scaling([d / "missing.json"]), OSError,
    ["missing.json", "cannot open file"])
api(f"{C}/aws-bad-policy", lambda d: asim.aws.read_scaling([d / "t.json", d / "p.json"]), CE,
    ["p.json", TV + "/TargetValue"],
    {"t.json": T_OK, "p.json": edited(POLICIES, lambda o: tt_config(o).update(TargetValue=0))})
api(f"{C}/aws-a-number", lambda d: asim.aws.read_scaling(5), TypeError, ["paths", "int"])
api(f"{C}/aws-no-file", lambda d: asim.aws.read_scaling([]), CE, ["paths", "at least one file"])


# ---------------------------------------------------------------------------------------------
# Running the cases


def write_files(folder: pathlib.Path, files: dict) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)


def run_command(args, cwd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "autoscalesim", *args], capture_output=True,
                          text=True, errors="replace", cwd=cwd, timeout=TIMEOUT, **kw)


def check_stderr(err: str) -> None:
    """Nothing internal, one short message."""
    for text in INTERNAL:
        assert text not in err, f"internal text {text!r} reached the user:\n{err[:2000]}"
    assert len(err) < 2000, f"the message is {len(err)} characters long"


@dataclass
class Ran:
    folder: pathlib.Path
    before: set
    result: subprocess.CompletedProcess


def _run_cli_case(case: Cli, folder: pathlib.Path) -> Ran:
    folder.mkdir(parents=True)
    write_files(folder, case.files)
    before = set(os.listdir(folder))
    args = [a.replace("{d}", str(folder)) for a in case.args]
    return Ran(folder, before, run_command(args, cwd=folder))


@pytest.fixture(scope="module")
def cli_runs(request, tmp_path_factory):
    """Runs every selected command case at once, a few at a time (each start of `python -m
    autoscalesim` costs a third of a second, mostly the import of the package)."""
    wanted = {item.callspec.params["name"] for item in request.session.items
              if getattr(item, "originalname", "") == "test_command_case"
              and hasattr(item, "callspec")}
    base = tmp_path_factory.mktemp("cli")
    names = sorted(wanted)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2 * (os.cpu_count() or 2)) as pool:
        futures = {n: pool.submit(_run_cli_case, CASES_CLI[n], base / f"case{i}")
                   for i, n in enumerate(names)}
        return {n: f.result() for n, f in futures.items()}


def _params(cases: dict):
    out = []
    for name, case in cases.items():
        marks = [pytest.mark.xfail(strict=True, reason=case.xfail)] if case.xfail else []
        out.append(pytest.param(name, id=name, marks=marks))
    return out


@pytest.mark.parametrize("name", _params(CASES_CLI))
def test_command_case(name, cli_runs):
    case = CASES_CLI[name]
    ran = cli_runs[name]
    err = ran.result.stderr
    check_stderr(err)
    assert ran.result.returncode == case.code, err
    assert err.startswith("autoscalesim: error: "), err
    assert ("Try 'autoscalesim" in err) == (case.code == 2), err
    assert err.count("\n") == (2 if case.code == 2 else 1), err  # one line, and the hint
    for word in case.words:
        word = word.replace("{d}", str(ran.folder))
        assert word in err, f"{word!r} not in the message: {err}"
    # a failed run leaves nothing behind: no results folder, no staging folder, no file
    assert set(os.listdir(ran.folder)) == ran.before


@pytest.mark.parametrize("name", _params(CASES_API))
def test_python_case(name, tmp_path):
    case = CASES_API[name]
    write_files(tmp_path, case.files)
    with pytest.raises(BaseException) as info:
        case.call(tmp_path)
    e = info.value
    if case.exc is OSError:
        assert isinstance(e, OSError), repr(e)
    else:
        assert type(e) is case.exc, repr(e)
    text = str(e)
    for internal in PYBIND_TEXT:
        assert internal not in text, text
    for word in case.words:
        assert word in text, f"{word!r} not in the message: {text}"
    for attr, value in case.attrs.items():
        got = getattr(e, attr)
        assert got == value, f"{attr} is {got!r}, expected {value!r}"


def test_the_catalogue_has_150_cases_across_every_kind_of_input():
    kinds = {name.split("/")[0] for name in [*CASES_CLI, *CASES_API]}
    assert len(CASES_CLI) + len(CASES_API) >= 150
    assert {"csv", "cloudwatch", "access_log", "scenario", "simulate_options",
            "optimize_options", "recommend_options", "calibrate_options",
            "trace_stats_options", "aws_policy", "activities", "python_trace",
            "python_simulate", "custom_policy", "python_optimize"} <= kinds


def test_a_huge_answer_from_a_custom_policy_means_max_capacity():
    """The contract (docs/python.md): an int above MaxCapacity means MaxCapacity, even 10**30."""
    r = sim(returning(10**30, "Huge"), max_capacity=4)
    assert r.summary["peak_in_service"] == 4


# ---------------------------------------------------------------------------------------------
# Output folders: read-only, full


def big_scenario(intervals: int = 4000) -> str:
    return scenario(trace={"generator": {"intervals": intervals}})


@contextlib.contextmanager
def mounted_tmpfs(path: pathlib.Path, options: str):
    """A tmpfs at path, or the test is skipped saying why it cannot be mounted here."""
    path.mkdir()
    mount, umount = shutil.which("mount"), shutil.which("umount")
    if mount is None or umount is None:
        pytest.skip("no mount command on this machine: cannot make a small or read-only tmpfs")
    r = subprocess.run([mount, "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                       capture_output=True, text=True, timeout=TIMEOUT)
    if r.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not allowed here ({r.stderr.strip()})")
    try:
        yield path
    finally:
        subprocess.run([umount, str(path)], capture_output=True, timeout=TIMEOUT)


def check_write_failure(r: subprocess.CompletedProcess, words) -> None:
    check_stderr(r.stderr)
    assert r.returncode == 1, r.stderr
    assert r.stderr.startswith("autoscalesim: error: "), r.stderr
    for word in words:
        assert word in r.stderr, r.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="running as root, whom a chmod'ed folder does not stop (the read-only "
                           "tmpfs case below covers it)")
def test_read_only_folder_chmod(tmp_path):
    (tmp_path / "s.json").write_text(scenario())
    parent = tmp_path / "ro"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        r = run_command(["simulate", "s.json", "--out", "ro/out"], cwd=tmp_path)
        check_write_failure(r, ["ro", "Permission denied"])
        assert os.listdir(parent) == []
    finally:
        parent.chmod(0o755)


def test_read_only_folder_tmpfs(tmp_path):
    (tmp_path / "s.json").write_text(scenario())
    with mounted_tmpfs(tmp_path / "ro", "ro,size=1m") as ro:
        r = run_command(["simulate", "s.json", "--out", "ro/out"], cwd=tmp_path)
        check_write_failure(r, ["ro/out", "Read-only file system"])
        assert os.listdir(ro) == []


def test_full_disk_simulate(tmp_path):
    (tmp_path / "s.json").write_text(big_scenario())
    with mounted_tmpfs(tmp_path / "full", "size=64k") as full:
        r = run_command(["simulate", "s.json", "--out", "full/out", "--quiet"], cwd=tmp_path)
        check_write_failure(r, ["timeline.csv", "No space left on device"])
        assert os.listdir(full) == []  # neither out nor out.tmp-<pid>


def test_full_disk_optimize(tmp_path):
    (tmp_path / "o.json").write_text(json.dumps({
        **json.loads(big_scenario(2000)),
        "optimize": {"space": [{"parameter": "target_value", "values": [10, 20]}]}}))
    with mounted_tmpfs(tmp_path / "full", "size=4k") as full:
        r = run_command(["optimize", "o.json", "--out", "full/out", "--quiet", "--threads", "1"],
                        cwd=tmp_path)
        check_write_failure(r, ["full/out", "No space left on device"])
        assert os.listdir(full) == []


def test_full_disk_python_to_files(tmp_path):
    big = asim.simulate(asim.Trace(np.full(4000, 60.0), interval_s=60), ENDPOINT)
    with mounted_tmpfs(tmp_path / "full", "size=64k") as full:
        with pytest.raises(OSError) as info:
            big.to_files(full / "out")
        assert "No space left on device" in str(info.value)
        assert "timeline.csv" in str(info.value)


def test_full_device_as_the_report(tmp_path):
    """--report accepts a file path: /dev/full (through a link, so that a command that replaced
    its target instead of writing to it would replace the link, not the device)."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this machine")
    (tmp_path / "s.json").write_text(scenario())
    (tmp_path / "report.html").symlink_to("/dev/full")
    r = run_command(["simulate", "s.json", "--out", "out", "--report", "report.html", "--force",
                     "--quiet"], cwd=tmp_path)
    check_write_failure(r, ["report.html", "No space left on device"])
    assert (tmp_path / "report.html").is_symlink()
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------------------------
# Signals: a search stopped once it has reported progress keeps what it evaluated

#: 30 days of minutes and 1,500 policies: about a minute of work on one thread.
LONG_SEARCH = json.dumps({
    "version": 1,
    "trace": {"generator": {"kind": "seasonal", "intervals": 43200, "mean_rate_per_s": 3}},
    "endpoint": {"instance_type": {"workers": 1, "service_time_s": 1.0}},
    "scaling": {"policies": [{"type": "target_tracking", "target_value": 30}]},
    "optimize": {"space": [{"parameter": "min_capacity", "low": 1, "high": 3, "step": 1},
                           {"parameter": "target_value", "low": 1, "high": 500, "step": 1}]}})


def stop_after_progress(program: list, folder: pathlib.Path, sig: int, *extra: str):
    """Starts the long search in its own session and sends `sig` to the process started once
    it has printed a progress line; returns (exit code, stderr). Whatever is left of its
    process group (an orphaned command) is killed at the end."""
    (folder / "s.json").write_text(LONG_SEARCH)
    err_path = folder / "stderr.txt"
    with open(err_path, "w") as err:
        p = subprocess.Popen([*program, "optimize", "s.json", "--out", "out", "--threads", "1",
                              *extra], cwd=folder, stdout=subprocess.DEVNULL, stderr=err,
                             start_new_session=True)
    try:
        deadline = time.monotonic() + TIMEOUT
        while "evaluated" not in err_path.read_text() and time.monotonic() < deadline:
            assert p.poll() is None, err_path.read_text()
            time.sleep(0.05)
        p.send_signal(sig)
        code = p.wait(timeout=TIMEOUT)
        time.sleep(0.5)  # anything else of the group finishes its write
        return code, err_path.read_text()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(p.pid, signal.SIGKILL)
        p.wait()


def partial_summary(folder: pathlib.Path) -> dict:
    return json.loads((folder / "summary.json").read_text())


needs_signals = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
#: `python -m autoscalesim` (python/autoscalesim/__main__.py) runs the command as a child with
#: subprocess.call. A terminal's Ctrl-C reaches both (one process group) and usually works, but

@needs_signals
@pytest.mark.parametrize(("sig", "code", "said"), [(signal.SIGINT, 130, "interrupted"),
                                                   (signal.SIGTERM, 143, "terminated (SIGTERM)")])
def test_signal_to_the_command(tmp_path, sig, code, said):
    got, err = stop_after_progress([command()], tmp_path, sig)
    check_stderr(err)
    assert got == code, err
    assert f"autoscalesim: {said}: the search stopped after" in err
    s = partial_summary(tmp_path / "out")
    assert s["stop_reason"] == "cancelled"
    assert 0 < s["evaluated"] < 1500


@needs_signals
def test_ctrl_c_with_force_keeps_the_complete_results(tmp_path):
    (tmp_path / "s.json").write_text(LONG_SEARCH)
    done = subprocess.run([command(), "optimize", "s.json", "--out", "out",
                           "--max-evaluations", "2", "--quiet"], cwd=tmp_path, timeout=TIMEOUT)
    assert done.returncode == 0
    got, err = stop_after_progress([command()], tmp_path, signal.SIGINT, "--force")
    assert got == 130, err
    assert "are kept" in err
    assert partial_summary(tmp_path / "out")["stop_reason"] == "evaluation cap reached"
    assert partial_summary(tmp_path / "out.partial")["stop_reason"] == "cancelled"


@needs_signals
def test_sigterm_to_python_dash_m(tmp_path):
    got, err = stop_after_progress([sys.executable, "-m", "autoscalesim"], tmp_path,
                                   signal.SIGTERM)
    assert got == 143, err
    assert partial_summary(tmp_path / "out")["stop_reason"] == "cancelled"


@needs_signals
def test_sigint_to_python_dash_m_alone(tmp_path):
    got, err = stop_after_progress([sys.executable, "-m", "autoscalesim"], tmp_path,
                                   signal.SIGINT)
    assert got == 130, err
    assert partial_summary(tmp_path / "out")["stop_reason"] == "cancelled"


# ---------------------------------------------------------------------------------------------
# Determinism across thread counts


def _outputs(folder: pathlib.Path, files) -> dict:
    out = {}
    for name in files:
        text = (folder / name).read_text()
        if name.endswith(".json"):
            doc = json.loads(text)
            doc.pop("elapsed_s", None)  # wall time, the one figure that may differ
            text = json.dumps(doc, sort_keys=True)
        out[name] = text
    return out


@pytest.mark.parametrize("method", ["grid", "adaptive"])
def test_optimize_is_the_same_on_1_and_2_threads(tmp_path, method):
    (tmp_path / "o.json").write_text(json.dumps({
        **json.loads(big_scenario(600)),
        "optimize": {"method": method, "max_evaluations": 12, "batch_size": 3,
                     "space": [{"parameter": "target_value", "low": 5, "high": 60, "step": 5},
                               {"parameter": "min_capacity", "values": [1, 2]}]}}))
    runs = []
    for threads in ("1", "2"):
        r = run_command(["optimize", "o.json", "--out", f"t{threads}", "--threads", threads,
                         "--quiet"], cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        runs.append(_outputs(tmp_path / f"t{threads}", ["front.csv", "evaluations.csv",
                                                       "summary.json", "recommended.json"]))
    assert runs[0] == runs[1]
    assert runs[0]["evaluations.csv"].count("\n") == 13


def test_recommend_is_the_same_on_1_and_2_threads(tmp_path):
    (tmp_path / "inv.json").write_text(export(720))
    runs = []
    for threads in ("1", "2"):
        r = run_command(["recommend", "inv.json", "--instance-type", "ml.c5.xlarge", "--p99", "5",
                         "--service-time", "0.5", "--budget", "8", "--threads", threads,
                         "--out", f"t{threads}", "--quiet"], cwd=tmp_path)
        assert r.returncode == 0, r.stderr
        runs.append(_outputs(tmp_path / f"t{threads}", ["front.csv", "evaluations.csv",
                                                       "summary.json", "timeline.csv"]))
    assert runs[0] == runs[1]
