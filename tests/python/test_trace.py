"""Trace: construction from numpy and pandas, views, splits, pickling."""

import pathlib
import pickle

import numpy as np
import pandas as pd
import pytest

import autoscalesim as asim


def test_constructor_and_from_numpy_agree():
    a = asim.Trace([120, 180, 90], interval_s=60, start_epoch_s=3600)
    b = asim.Trace.from_numpy(np.array([120, 180, 90]), 60, 3600)
    assert a.counts.tobytes() == b.counts.tobytes()
    assert (len(a), a.interval_s, a.start_epoch_s, a.duration_s) == (3, 60.0, 3600.0, 180.0)


def test_counts_is_a_read_only_view():
    trace = asim.Trace(np.arange(5.0), 60)
    a, b = trace.counts, trace.counts
    assert not a.flags.owndata and not a.flags.writeable
    assert np.shares_memory(a, b)
    with pytest.raises(ValueError):
        a[0] = 1


def test_pandas_round_trip():
    index = pd.date_range("2024-05-01T10:00:00Z", periods=4, freq="5min")
    series = pd.Series([1.0, 2.0, 3.0, 4.0], index=index)
    trace = asim.Trace.from_pandas(series)
    assert trace.interval_s == 300
    back = trace.to_pandas()
    assert back.index.equals(index)
    assert back.to_numpy().tolist() == [1.0, 2.0, 3.0, 4.0]


def test_from_pandas_needs_a_regular_index():
    index = pd.DatetimeIndex(["2024-05-01 10:00", "2024-05-01 10:01", "2024-05-01 10:03"])
    # the row off the step is named, with the step and how to make it regular
    with pytest.raises(asim.TraceError, match=r"not regular: row 2 \(2024-05-01 10:03:00\) "
                       r"comes 0 days 00:02:00 after row 1, where the first step is 0 days "
                       r"00:01:00 .*resample\('60s'\)"):
        asim.Trace.from_pandas(pd.Series([1.0, 2.0, 3.0], index=index))
    with pytest.raises(asim.TraceError, match="missing time \\(NaT\\) at row 1"):
        asim.Trace.from_pandas(pd.Series([1.0, 2.0], index=pd.DatetimeIndex(
            ["2024-05-01 10:00", None])))


def test_a_one_row_series_or_csv_takes_its_interval_from_freq_or_interval_s(tmp_path):
    one = pd.Series([7.0], index=pd.date_range("2024-05-01", periods=1, freq="min"))
    assert asim.Trace.from_pandas(one).interval_s == 60
    with pytest.raises(asim.TraceError, match="interval_s 300 differs from the index's freq, 60"):
        asim.Trace.from_pandas(one, interval_s=300)
    bare = pd.Series([7.0], index=pd.DatetimeIndex(["2024-05-01"]))
    with pytest.raises(asim.TraceError, match="one row and no interval: give interval_s"):
        asim.Trace.from_pandas(bare)
    assert asim.Trace.from_pandas(bare, interval_s=300).interval_s == 300
    two = pd.Series([1.0, 2.0], index=pd.date_range("2024-05-01", periods=2, freq="min"))
    with pytest.raises(asim.TraceError, match="interval_s 300 differs from the index's step, 60"):
        asim.Trace.from_pandas(two, interval_s=300)
    path = tmp_path / "one.csv"
    path.write_text("timestamp,requests\n2024-05-01T10:00:00Z,7\n")
    with pytest.raises(asim.TraceError, match="Python's interval_s= for a CSV"):
        asim.Trace.from_csv(path)
    trace = asim.Trace.from_csv(path, interval_s=60)
    assert (len(trace), trace.interval_s, trace.counts[0]) == (1, 60.0, 7.0)


def test_a_masked_array_is_refused_naming_its_first_masked_entry():
    masked = np.ma.masked_array([1.0, 2.0, 3.0], mask=[0, 1, 0])
    with pytest.raises(asim.TraceError, match=r"1 masked entries \(the first counts\[1\]\)"):
        asim.Trace(masked, 60)
    # nothing masked: its values
    assert asim.Trace(np.ma.masked_array([1.0, 2.0], mask=[0, 0]), 60).counts.tolist() == [1, 2]


def test_times_are_exact_to_the_millisecond():
    # a start at a fraction of a second: the index is the trace's own, so it joins
    index = pd.date_range("2024-05-01 10:03:17.123", periods=5, freq="s", tz="UTC")
    series = pd.Series([1.0, 2.0, 3.0, 4.0, 5.0], index=index)
    trace = asim.Trace.from_pandas(series)
    assert trace.start_epoch_ms == 1714557797123
    assert trace.to_pandas().index.equals(index)
    r = asim.simulate(series, asim.Endpoint(), [], min_capacity=1, max_capacity=1)
    assert r.timeline.index.equals(index)
    assert r.timeline.join(series.rename("given"))["given"].tolist() == series.tolist()


def test_split_is_in_time_order():
    trace = asim.Trace(np.arange(100.0), 60, start_epoch_s=0)
    train, test = trace.split(0.75)
    assert (len(train), len(test)) == (75, 25)
    assert test.start_epoch_s == 75 * 60
    assert test.counts[0] == 75
    with pytest.raises(asim.ConfigError, match="fraction"):
        trace.split(1.0)


def test_pickle_round_trip():
    trace = asim.Trace(np.arange(10.0), 30, start_epoch_s=1e9)
    back = pickle.loads(pickle.dumps(trace))
    assert back.counts.tobytes() == trace.counts.tobytes()
    assert (back.interval_s, back.start_epoch_s) == (30.0, 1e9)


DATA = pathlib.Path(__file__).resolve().parents[1] / "data"


def test_from_cloudwatch_json_orders_datapoints():
    # get-metric-statistics prints datapoints in any order: 10:02 130, 10:00 120, 10:03 0, 10:01 95.
    trace = asim.Trace.from_cloudwatch_json(DATA / "cloudwatch" / "get_metric_statistics.json")
    assert list(trace.counts) == [120.0, 95.0, 130.0, 0.0]
    assert trace.interval_s == 60
    assert str(trace.to_pandas().index[0]) == "2024-05-01 10:00:00+00:00"


def test_from_cloudwatch_json_reads_the_metric_asked_for(tmp_path):
    # The command's --metric: Invocations by default, another count by name, "" any label.
    errors = tmp_path / "4xx.json"
    errors.write_text('{"Label": "Invocation4XXErrors", "Datapoints": ['
                      '{"Timestamp": "2024-05-01T10:00:00Z", "Sum": 3, "Unit": "None"},'
                      '{"Timestamp": "2024-05-01T10:01:00Z", "Sum": 5, "Unit": "None"}]}')
    with pytest.raises(asim.TraceError, match=r'4xx\.json: /Label: "Invocation4XXErrors": the '
                       r"export is of Invocation4XXErrors, not Invocations"):
        asim.Trace.from_cloudwatch_json(errors)
    named = asim.Trace.from_cloudwatch_json(errors, metric="Invocation4XXErrors")
    assert list(named.counts) == [3.0, 5.0]
    assert list(asim.Trace.from_cloudwatch_json(errors, metric="").counts) == [3.0, 5.0]
    with pytest.raises(asim.TraceError, match="not ModelSetupTime"):
        asim.Trace.from_cloudwatch_json(errors, metric="ModelSetupTime")
    # the Invocations export next to it reads as before
    invocations = DATA / "cloudwatch" / "get_metric_statistics.json"
    assert len(asim.Trace.from_cloudwatch_json(invocations, metric="Invocations").counts) == 4


def test_from_cloudwatch_json_reads_a_rate_as_the_scenario_file_does(tmp_path):
    # An Average of requests per second, as values="rate_per_s" (a scenario's trace.values):
    # 2.5/s over 60-s periods is 150 requests, 0.5/s 30; as counts it is refused, naming the way.
    rates = tmp_path / "rate.json"
    unit = '"Unit": "Count/Second"'
    rates.write_text('{"Label": "Invocations", "Datapoints": ['
                     '{"Timestamp": "2024-05-01T10:00:00Z", "Average": 2.5, ' + unit + '},'
                     '{"Timestamp": "2024-05-01T10:01:00Z", "Average": 0.5, ' + unit + '}]}')
    t = asim.Trace.from_cloudwatch_json(rates, statistic="Average", values="rate_per_s")
    assert list(t.counts) == [150.0, 30.0]
    # read as counts: a rate's unit is refused; so is a mean in any unit, naming the option
    with pytest.raises(asim.TraceError, match='"Count/Second": a trace counts requests'):
        asim.Trace.from_cloudwatch_json(rates, statistic="Average")
    plain = tmp_path / "plain.json"
    plain.write_text(rates.read_text().replace('"Count/Second"', '"None"'))
    with pytest.raises(asim.TraceError, match=r'values="rate_per_s"'):
        asim.Trace.from_cloudwatch_json(plain, statistic="Average")
    assert list(asim.Trace.from_cloudwatch_json(plain, statistic="Average",
                                                values="rate_per_s").counts) == [150.0, 30.0]
    with pytest.raises(asim.ConfigError, match="values"):
        asim.Trace.from_cloudwatch_json(rates, statistic="Average", values="per_hour")


def test_from_cloudwatch_json_rejects_what_is_not_an_export():
    with pytest.raises(asim.TraceError, match="not_an_export.json"):
        asim.Trace.from_cloudwatch_json(DATA / "cloudwatch" / "not_an_export.json")
    with pytest.raises(asim.ConfigError, match="gaps: expected"):
        asim.Trace.from_cloudwatch_json(DATA / "cloudwatch" / "get_metric_statistics.json",
                                        gaps="fill")


def test_from_cloudwatch_json_notes_gaps_and_spreads_mixed_periods(tmp_path):
    # 10:00 = 4, 10:01 and 10:02 missing, 10:03 = 10, 10:04 = 1
    gap = asim.Trace.from_cloudwatch_json(DATA / "cloudwatch" / "statistics_gap.json",
                                          gaps="zero")
    assert list(gap.counts) == [4, 0, 0, 10, 1]
    assert gap.notes[-1] == ("gaps: 2 periods without a datapoint read as zero traffic (40 % of "
                             "the trace); longest run 2 (00:02:00) from 2024-05-01T10:01:00Z")
    with pytest.raises(asim.TraceError, match="no datapoint for 120 s"):
        asim.Trace.from_cloudwatch_json(DATA / "cloudwatch" / "statistics_gap.json",
                                        gaps="zero", max_gap_s=60)
    older, recent = tmp_path / "older.json", tmp_path / "recent.json"
    older.write_text('{"Datapoints": [{"Timestamp": "2024-05-01T10:00:00Z", "Sum": 300},'
                     '{"Timestamp": "2024-05-01T10:05:00Z", "Sum": 150}]}')
    recent.write_text('{"Datapoints": [{"Timestamp": "2024-05-01T10:10:00Z", "Sum": 7},'
                      '{"Timestamp": "2024-05-01T10:11:00Z", "Sum": 8}]}')
    with pytest.raises(asim.TraceError, match=r"mixes periods: .*older.json \(300 s\)"):
        asim.Trace.from_cloudwatch_json([older, recent])
    spread = asim.Trace.from_cloudwatch_json([older, recent], mixed_periods="spread")
    assert list(spread.counts) == [60] * 5 + [30] * 5 + [7, 8]
    assert spread.notes[0] == f"periods: {older} 300 s x 2, {recent} 60 s x 2"
    assert spread.notes[1].startswith("spread: coarser datapoints split evenly over 60 s")
    assert pickle.loads(pickle.dumps(spread)).notes == spread.notes
    assert spread.slice(0, 3).notes == ()
    with pytest.raises(asim.ConfigError, match="mixed_periods"):
        asim.Trace.from_cloudwatch_json([older, recent], mixed_periods="average")


def test_from_access_log_counts_requests_per_interval():
    # 15 NASA log lines, all between 00:00:01 and 00:00:15 (-0400): one minute of 15 requests.
    trace = asim.Trace.from_access_log(DATA / "access_log" / "nasa_sample.log", interval_s=60)
    assert list(trace.counts) == [15.0]
    assert str(trace.to_pandas().index[0]) == "1995-07-01 04:00:00+00:00"


def test_from_csv_says_what_its_gap_policy_filled(tmp_path):
    # Rows at 0, 60, 240 and 300 s: two missing minutes of six, as the command says them.
    path = tmp_path / "g.csv"
    path.write_text("time,n\n0,5\n60,6\n240,7\n300,8\n")
    trace = asim.Trace.from_csv(path, gaps="zero")
    assert list(trace.counts) == [5, 6, 0, 0, 7, 8]
    assert trace.notes == ("gaps: 2 intervals without a row read as zero traffic (33 % of the "
                           "trace); longest run 2 (00:02:00) from 120 s",)
    held = asim.Trace.from_csv(path, gaps="hold")
    assert list(held.counts) == [5, 6, 6, 6, 7, 8]
    assert held.notes[0].startswith("gaps: 2 intervals without a row read as the count before ")
    # none filled: nothing said
    path.write_text("time,n\n0,5\n60,6\n")
    assert asim.Trace.from_csv(path, gaps="zero").notes == ()


def test_a_gap_that_dwarfs_the_data_is_refused_unless_allowed(tmp_path):
    # A day of minutes, then one row 180 years later (2204 typed for 2024).
    rows = [f"{1714557600 + 60 * m},1" for m in range(1440)] + ["7394557620,1"]
    path = tmp_path / "typo.csv"
    path.write_text("timestamp,requests\n" + "\n".join(rows) + "\n")
    with pytest.raises(asim.TraceError, match="leaves a gap of") as info:
        asim.Trace.from_csv(path, gaps="zero")
    assert info.value.lineno == 1442  # the header is line 1
    with pytest.raises(asim.TraceError, match="gap of"):  # gaps are errors by default
        asim.Trace.from_csv(path)
    with pytest.raises(asim.ConfigError, match="max_gap_ratio: expected a number >= 0"):
        asim.Trace.from_csv(path, gaps="zero", max_gap_ratio=-1)
    with pytest.raises(asim.ConfigError, match='gaps: expected one of "error", "zero", "hold" or '
                       '"interpolate", got "fill"'):
        asim.Trace.from_csv(path, gaps="fill")


def test_csv_layouts_other_than_timestamp_comma_requests(tmp_path):
    # A semicolon export with the count in the third column, naive local-less times and rates:
    # 0.5/s over a minute is 30 requests, 2/s is 120.
    path = tmp_path / "export.csv"
    path.write_text("host;time;rate_per_s\nweb1;2024-05-01 10:00:00;0.5\n"
                    "web1;2024-05-01 10:01:00;2\n")
    t = asim.Trace.from_csv(path, delimiter=";", time_column="time", value_column="rate_per_s",
                            values="rate_per_s", naive_times_are_utc=True)
    assert list(t.counts) == [30.0, 120.0]
    assert t.start_epoch_s == 1714557600
    # Without the delimiter the one-field row names the separator it holds.
    with pytest.raises(asim.TraceError, match=r'the row holds ";": give it as the delimiter'):
        asim.Trace.from_csv(path)
    # Without naive_times_are_utc a time without a zone is an error, as before.
    with pytest.raises(asim.TraceError):
        asim.Trace.from_csv(path, delimiter=";", time_column="time", value_column="rate_per_s")
    # A .tsv file is read with tabs.
    tsv = tmp_path / "counts.tsv"
    tsv.write_text("timestamp\trequests\n1714557600\t5\n1714557660\t7\n")
    assert list(asim.Trace.from_csv(tsv).counts) == [5.0, 7.0]
    with pytest.raises(asim.ConfigError, match='delimiter: expected one character, got ";;"'):
        asim.Trace.from_csv(path, delimiter=";;")
    with pytest.raises(asim.ConfigError, match='time_format: expected .*"epoch_ms".*got "unix"'):
        asim.Trace.from_csv(path, time_format="unix")
    with pytest.raises(TypeError, match="naive_times_are_utc: expected True or False"):
        asim.Trace.from_csv(path, naive_times_are_utc=1)


def test_datasets_are_the_bundled_traces_with_their_provenance(nasa_trace_path):
    nasa = asim.datasets.nasa_july_1995()
    assert np.array_equal(nasa.counts, asim.Trace.from_csv(nasa_trace_path).counts)
    assert nasa.stats()["peak_rate_per_s"] == 6.75
    assert str(nasa.to_pandas().index[0]) == "1995-07-01 04:00:00+00:00"
    azure = asim.datasets.azure_llm_conversation_2023()
    assert (len(azure), azure.interval_s, azure.stats()["total"]) == (3503, 1.0, 19366)
    text = asim.datasets.provenance()
    assert "NASA_access_log_Jul95" in text and "Azure" in text
    with pytest.raises(asim.ConfigError, match="name: expected one of"):
        asim.datasets.path("nasa.csv")


def test_counts_of_any_real_number_type_are_accepted_as_they_are():
    # the neighbours of the refused dtypes (complex, strings, bytes, bool, objects): every
    # integer and float dtype, pandas' nullable ones, and Python numbers numpy keeps as objects
    import fractions

    want = [1.0, 2.0, 3.0]
    for counts in ([1, 2, 3], np.array(want, dtype=np.float32), np.array([1, 2, 3], np.uint8),
                   np.array([1, 2, 3], dtype=object), pd.Series([1, 2, 3], dtype="Int64"),
                   [fractions.Fraction(2, 2), 2, 3.0]):
        assert asim.Trace(counts, interval_s=60).counts.tolist() == want, counts
    assert len(asim.Trace(np.array([], dtype=object), interval_s=60)) == 0
    assert asim.Trace.from_model_counts(np.array([[1, 2]], np.int16)).counts.tolist() == [3.0]


def test_intervals_from_1_s_to_1_h_are_accepted():
    for interval_s, want in ((1, 1.0), (3600, 3600.0), (np.float32(60), 60.0), (1.001, 1.001),
                             (2.5, 2.5)):
        assert asim.Trace([1, 2], interval_s).interval_s == want
    # the core holds whole milliseconds: a fraction of one was rounded away without a word
    for interval_s in (0.9995, 60.0004):
        with pytest.raises(asim.TraceError, match=r"interval_s: expected a whole number of "
                                                  r"milliseconds .* got " + str(interval_s)):
            asim.Trace([1, 2], interval_s)
    assert asim.Trace.from_arrivals([0.5, 3599.0], interval_s=3600).counts.tolist() == [2.0]
    with pytest.raises(asim.TraceError, match=r"interval_s: .* got 0\.999$"):
        asim.Trace([1, 2], 0.999)
    with pytest.raises(asim.TraceError, match=r"interval_s: .* got 3600\.001$"):
        asim.Trace([1, 2], 3600.001)


def test_from_arrivals_reads_every_kind_of_time_alike():
    # An hour of one arrival a minute from 2024-01-01T00:00Z, however the times are given: each
    # is 60 intervals of one request starting then (pandas 3 keeps some of these in
    # microseconds or seconds, not nanoseconds).
    index = pd.date_range("2024-01-01", periods=60, freq="min", tz="UTC")
    start = index[0].timestamp()
    for name, times in [
            ("seconds", np.array([t.timestamp() for t in index])),
            ("naive datetime64", index.tz_localize(None).to_numpy()),
            ("aware DatetimeIndex", index),
            ("aware in microseconds", index.as_unit("us")),
            ("aware Series", pd.Series(index)),
            ("other zone", index.tz_convert("America/New_York")),
            ("ISO strings with zone", [t.isoformat() for t in index]),
            ("ISO strings without zone", [t.strftime("%Y-%m-%dT%H:%M:%S") for t in index]),
            ("datetimes", list(index.to_pydatetime()))]:
        t = asim.Trace.from_arrivals(times, interval_s=60)
        assert t.start_epoch_s == start, name
        assert t.counts.tolist() == [1.0] * 60, name


def test_from_pandas_takes_an_increasing_index_and_nullable_counts():
    index = pd.date_range("2024-05-01T10:00:00Z", periods=3, freq="min")
    trace = asim.Trace.from_pandas(pd.Series([1, 2, 3], index=index, dtype="Int64"))
    assert trace.counts.tolist() == [1.0, 2.0, 3.0] and trace.interval_s == 60
    # a missing count is named by the trace, as a NaN count is
    with pytest.raises(asim.TraceError, match="interval 1"):
        asim.Trace.from_pandas(pd.Series([1, None, 3], index=index, dtype="Int64"))
    hourly = pd.date_range("2024-05-01", periods=2, freq="h")
    assert asim.Trace.from_pandas(pd.Series([1.0, 2.0], index=hourly)).interval_s == 3600
    # a DataFrame of one column is its Series
    frame = pd.DataFrame({"requests": [4.0, 5.0]}, index=hourly)
    assert asim.Trace.from_pandas(frame).counts.tolist() == [4.0, 5.0]


def test_from_arrivals_names_a_missing_time_and_refuses_booleans():
    # NaT is int64's least value: it read as a span of 292 million years (MemoryError).
    for times in (pd.DatetimeIndex(["2024-01-01", None]),
                  np.array(["2024-01-01", "NaT"], dtype="datetime64[ns]"),
                  ["2024-01-01T00:00:00Z", None]):
        with pytest.raises(asim.TraceError, match=r"times\[1\]: a missing time \(NaT\)"):
            asim.Trace.from_arrivals(times)
    with pytest.raises(TypeError, match="times: .* got booleans"):
        asim.Trace.from_arrivals([False, True], 1)


def test_from_model_counts_refuses_an_interval_or_start_its_index_contradicts():
    df = pd.DataFrame({"a": [1, 2], "b": [0, 1]},
                      index=pd.date_range("2024-01-01", periods=2, freq="min"))
    t = asim.Trace.from_model_counts(df)
    assert (t.interval_s, t.start_epoch_s) == (60.0, 1704067200.0)
    assert asim.Trace.from_model_counts(df, 60, start_s=1704067200).interval_s == 60
    with pytest.raises(asim.TraceError, match="interval_s 30 differs from the DataFrame index"):
        asim.Trace.from_model_counts(df, interval_s=30)
    with pytest.raises(asim.TraceError, match="start_s 0 differs from the DataFrame index"):
        asim.Trace.from_model_counts(df, start_s=0)
    # without an index: 60 s from 0 unless given
    plain = asim.Trace.from_model_counts(np.array([[1, 0], [0, 2]]))
    assert (plain.interval_s, plain.start_epoch_s) == (60.0, 0.0)


def test_to_pandas_is_a_writable_copy_and_far_starts_show():
    t = asim.Trace([1.0, 2.0, 3.0], 60)
    s = t.to_pandas()
    s.iloc[0] = 0  # a copy: the trace keeps its counts
    assert list(t.counts) == [1.0, 2.0, 3.0]
    # the documented bound, 9.2e9 s (the year 2261), has nanosecond stamps
    assert asim.Trace([1.0], 60, 9.2e9).to_pandas().index[0].year == 2261
