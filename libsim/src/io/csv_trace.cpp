#include "autoscalesim/io/csv_trace.hpp"

#include "detail/grid.hpp"
#include "detail/text.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/io/results.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <initializer_list>
#include <sstream>
#include <tuple>
#include <utility>
#include <vector>

namespace autoscalesim::io {

namespace {

using detail::point;

// Splits row on delim into fields (trimmed, quotes removed); false with why on a bad quote.
bool split_fields(std::string_view row, char delim, std::vector<std::string_view>& fields,
                  std::string& why) {
    fields.clear();
    std::size_t pos = 0;
    for (;;) {
        while (pos < row.size() && (row[pos] == ' ' || row[pos] == '\t') && row[pos] != delim) {
            ++pos;
        }
        if (pos < row.size() && row[pos] == '"') {
            std::size_t end = pos + 1;
            for (;;) {
                end = row.find('"', end);
                if (end == std::string_view::npos) {
                    why = "unterminated quote in field " + std::to_string(fields.size() + 1);
                    return false;
                }
                if (end + 1 < row.size() && row[end + 1] == '"') {
                    end += 2; // "" inside quotes
                    continue;
                }
                break;
            }
            fields.push_back(row.substr(pos + 1, end - pos - 1));
            std::size_t after = end + 1;
            while (after < row.size() && (row[after] == ' ' || row[after] == '\t') &&
                   row[after] != delim) {
                ++after;
            }
            if (after == row.size()) {
                return true;
            }
            if (row[after] != delim) {
                why = "text after the closing quote of field " + std::to_string(fields.size());
                return false;
            }
            pos = after + 1;
            continue;
        }
        const std::size_t end = row.find(delim, pos);
        if (end == std::string_view::npos) {
            fields.push_back(detail::trim(row.substr(pos)));
            return true;
        }
        fields.push_back(detail::trim(row.substr(pos, end - pos)));
        pos = end + 1;
    }
}

bool looks_like_header(std::string_view field) {
    if (field.empty()) {
        return true;
    }
    const char c = field[0];
    return !((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.');
}

// A header name (case aside) that is one of `names`: whole names, not words within a name.
bool named_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    const std::string n = detail::ascii_lower(std::string(name));
    return std::find(names.begin(), names.end(), n) != names.end();
}

// A header name that can only mean the times ("runtime" or "Updates" do not).
bool time_name(std::string_view name) {
    return named_one_of(name, {"t",           "ts",
                               "time",        "timestamp",
                               "date",        "datetime",
                               "date_time",   "epoch",
                               "time_s",      "time_ms",
                               "timestamp_s", "timestamp_ms",
                               "epoch_s",     "epoch_ms",
                               "time (utc)",  "timestamp (utc)",
                               "date (utc)",  "datetime (utc)",
                               "time_utc",    "timestamp_utc"});
}

// A header name that can only mean the counts.
bool count_name(std::string_view name) {
    return named_one_of(name, {"n", "count", "counts", "requests", "request_count", "invocations",
                               "value", "values", "hits", "calls", "total", "sum", "rate",
                               "requests_per_second", "rps"});
}

std::string column_list(const std::vector<std::string_view>& fields) {
    std::string s;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        s += (i ? ", \"" : "\"") + std::string(fields[i]) + "\"";
    }
    return s;
}

template <class Lines>
trace read_csv(Lines& lines, const csv_options& o, const std::string& name,
               gap_fill_report* report) {
    auto where = [&name](std::uint64_t line) { return error_location{name, line, ""}; };
    if ((!o.time_column.empty() || !o.value_column.empty()) && o.header == header_mode::absent) {
        throw config_error(
            "csv options: columns are chosen by name but the header is declared absent");
    }
    check_csv_columns(o);
    detail::timestamp_parser times{o.time_format, o.naive_times_are_utc};
    detail::point_list pts;
    std::vector<std::string_view> fields;
    std::string why;
    bool first_row_done = false;
    std::size_t ncols = 0, tcol = o.time_column_index, vcol = o.value_column_index;
    std::uint64_t first_line = 0;
    time_ms interval_hint = 0;
    std::string_view line;
    while (lines.next(line)) {
        const std::string_view row = detail::trim(line);
        const std::uint64_t ln = lines.line_number();
        if (row.empty()) {
            continue;
        }
        if (row.find('\0') != std::string_view::npos) {
            throw trace_error(where(ln), detail::nul_byte_problem);
        }
        // A carriage return inside a line: lines that end with CR alone (classic Mac OS) read
        // as one line, and then as a header without data.
        if (row.find('\r') != std::string_view::npos) {
            throw trace_error(where(ln),
                              "holds a carriage return inside the line: are the lines ended by "
                              "CR alone (classic Mac OS)? Save the file with LF or CRLF line "
                              "ends");
        }
        if (row[0] == '#') {
            // "# interval_ms=N" (what write_csv_trace writes for a one-row trace); a comment
            // that starts so but does not give N before the data is refused, not read as text.
            const std::string_view text = detail::trim(row.substr(1));
            constexpr std::string_view hint = "interval_ms";
            if (text.substr(0, hint.size()) != hint) continue;
            std::string_view rest = detail::trim(text.substr(hint.size()));
            const bool assigns = !rest.empty() && rest[0] == '=';
            if (assigns) rest = detail::trim(rest.substr(1));
            double v = 0;
            if (!assigns || !detail::parse_number(rest, v) || !(v >= 1 && v <= 1e9) ||
                v != std::floor(v)) {
                throw trace_error(where(ln), "a \"# interval_ms=N\" line needs N, a whole number "
                                             "of milliseconds in [1, 1e9], got " +
                                                 detail::quoted(row));
            }
            if (pts.size() != 0) {
                throw trace_error(where(ln), "\"# interval_ms=N\" comes after a data row; give "
                                             "it before the data");
            }
            if (interval_hint != 0 && interval_hint != static_cast<time_ms>(v)) {
                throw trace_error(where(ln), "a second \"# interval_ms=N\" line says " +
                                                 std::string(rest) + ", the first " +
                                                 std::to_string(interval_hint) + "; keep one");
            }
            interval_hint = static_cast<time_ms>(v);
            continue;
        }
        if (!split_fields(row, o.delimiter, fields, why)) {
            throw trace_error(where(ln), why);
        }
        if (!first_row_done) {
            first_row_done = true;
            first_line = ln;
            ncols = fields.size();
            const bool by_name = !o.time_column.empty() || !o.value_column.empty();
            const bool header =
                o.header == header_mode::present ||
                (o.header == header_mode::auto_detect &&
                 (by_name ||
                  looks_like_header(fields[std::min(o.time_column_index, fields.size() - 1)])));
            auto find = [&](const std::string& col, std::size_t& out) {
                if (col.empty()) {
                    return;
                }
                for (std::size_t i = 0; i < fields.size(); ++i) {
                    if (fields[i] == col) {
                        out = i;
                        return;
                    }
                }
                throw trace_error(where(ln), "unknown column name \"" + col +
                                                 "\" (the header has " + column_list(fields) + ")");
            };
            find(o.time_column, tcol);
            find(o.value_column, vcol);
            if (tcol >= ncols || vcol >= ncols) {
                // A row of one field holding another common separator: say which to give.
                std::string hint;
                for (const auto& [sep, shown] : {std::pair<char, const char*>{';', "\";\""},
                                                 {'\t', "\"\\t\" (a tab)"},
                                                 {'|', "\"|\""},
                                                 {',', "\",\""}}) {
                    if (ncols == 1 && sep != o.delimiter && row.find(sep) != row.npos) {
                        hint = std::string("; the row holds ") + shown +
                               ": give it as the delimiter (a scenario's \"trace\": "
                               "{\"delimiter\": ...}, the command's --delimiter, Python's "
                               "Trace.from_csv(path, delimiter=...))";
                        break;
                    }
                }
                throw trace_error(where(ln),
                                  "expected at least " + std::to_string(std::max(tcol, vcol) + 1) +
                                      " columns (time in column " + std::to_string(tcol + 1) +
                                      ", value in column " + std::to_string(vcol + 1) + "), got " +
                                      std::to_string(ncols) + hint);
            }
            if (tcol == vcol) {
                throw config_error("csv options: the time and value columns are both column " +
                                   std::to_string(tcol + 1));
            }
            const csv_options defaults{};
            if (header && !by_name && o.time_column_index == defaults.time_column_index &&
                o.value_column_index == defaults.value_column_index && count_name(fields[tcol]) &&
                !time_name(fields[tcol])) {
                // The header says the first column holds counts and names another the time
                // ("count,time"): read by the names with two columns; with more, ask for them
                // rather than read counts as times.
                std::vector<std::size_t> named;
                for (std::size_t i = 0; i < ncols; ++i) {
                    if (time_name(fields[i])) named.push_back(i);
                }
                if (named.size() == 1 && ncols == 2) {
                    tcol = named.front();
                    vcol = 1 - tcol;
                } else if (!named.empty()) {
                    throw trace_error(
                        where(ln),
                        "the header calls column " + std::to_string(named.front() + 1) + " \"" +
                            std::string(fields[named.front()]) + "\", but column " +
                            std::to_string(tcol + 1) + " (\"" + std::string(fields[tcol]) +
                            "\") would be read as the time: give the columns by name (a "
                            "scenario's \"trace\": {\"time_column\": ..., \"value_column\": "
                            "...}, Python's Trace.from_csv(path, time_column=..., "
                            "value_column=...)) or, for the command, put the time first");
                }
            }
            if (header) {
                // A unit suffix on the time column's name settles seconds versus milliseconds.
                const std::string_view tname = fields[tcol];
                if (times.format == timestamp_format::auto_detect) {
                    if (tname.ends_with("_ms")) {
                        times.format = timestamp_format::epoch_ms;
                    } else if (tname.ends_with("_s")) {
                        times.format = timestamp_format::epoch_s;
                    }
                }
                continue;
            }
        }
        if (fields.size() != ncols) {
            throw trace_error(where(ln), "wrong column count: expected " + std::to_string(ncols) +
                                             " (like line " + std::to_string(first_line) +
                                             "), got " + std::to_string(fields.size()));
        }
        point p{0, 0, ln};
        if (!times.parse(fields[tcol], p.t_ms, why)) {
            throw trace_error(where(ln), why);
        }
        if (!detail::parse_number(fields[vcol], p.value)) {
            throw trace_error(where(ln), "value is not a number: " + detail::quoted(fields[vcol]));
        }
        if (!std::isfinite(p.value) || p.value < 0) {
            throw trace_error(where(ln), "expected a count >= 0, got " + std::string(fields[vcol]));
        }
        p.value += 0.0; // -0 reads as 0
        pts.push_back(p);
    }
    if (!first_row_done) {
        throw trace_error(name + ": empty file (no header, no data rows)");
    }
    detail::grid_options g;
    g.interval_ms = o.interval_ms > 0 ? o.interval_ms : interval_hint;
    g.gaps = o.gaps;
    g.values = o.values;
    g.max_intervals = o.max_intervals;
    g.max_gap_ratio = o.max_gap_ratio;
    g.report = report;
    return detail::build_trace(std::move(pts), g, where, name);
}

} // namespace

std::vector<std::string> read_csv_header(const std::string& path, const csv_options& options) {
    detail::line_reader lines(path);
    std::vector<std::string_view> fields;
    std::string why;
    std::string_view line;
    while (lines.next(line)) {
        const std::string_view row = detail::trim(line);
        if (row.empty() || row[0] == '#') {
            continue;
        }
        if (!split_fields(row, options.delimiter, fields, why)) {
            throw trace_error(error_location{path, lines.line_number(), ""}, why);
        }
        return {fields.begin(), fields.end()};
    }
    throw trace_error(path + ": empty file (no header row)");
}

trace read_csv_trace(const std::string& path) {
    return read_csv_trace(path, csv_options{});
}

trace read_csv_trace(const std::string& path, const csv_options& options, gap_fill_report* report) {
    detail::line_reader lines(path);
    // A .tsv file is tab-separated unless a delimiter other than the default is given.
    if (options.delimiter == ',' &&
        detail::ascii_lower(std::filesystem::path(path).extension().string()) == ".tsv") {
        csv_options tabs = options;
        tabs.delimiter = '\t';
        return read_csv(lines, tabs, path, report);
    }
    return read_csv(lines, options, path, report);
}

std::string csv_gap_text(const gap_fill_report& report, const trace& t, gap_policy gaps) {
    if (report.filled_intervals == 0) return {};
    return gap_fill_text(report, t.size(), t.interval_ms(), gaps, "intervals without a row",
                         t.start_epoch_ms() == 0);
}

trace parse_csv_trace(std::string_view text, const csv_options& options, const std::string& name) {
    detail::text_lines lines(text);
    return read_csv(lines, options, name, nullptr);
}

double parse_iso8601(const std::string& text) {
    time_ms ms = 0;
    std::string why;
    if (!detail::parse_iso8601_ms(text, false, ms, why)) {
        throw trace_error("timestamp " + detail::quoted(text) + ": " + why);
    }
    return ms_to_seconds(ms);
}

void check_csv_columns(const csv_options& o, const std::string& prefix) {
    // A column given by name and by index: the index was ignored without a word.
    for (const auto& [column, index, fallback, field] :
         {std::tuple{&o.time_column, o.time_column_index, csv_options{}.time_column_index,
                     "time_column_index"},
          std::tuple{&o.value_column, o.value_column_index, csv_options{}.value_column_index,
                     "value_column_index"}}) {
        if (!column->empty() && index != fallback) {
            throw config_error(in_field(prefix + field), "give the column by name (" +
                                                             detail::quoted(*column) +
                                                             ") or by index, not both");
        }
    }
}

std::string format_iso8601(time_ms epoch_ms) {
    return detail::format_iso8601_ms(epoch_ms);
}

std::string format_csv_trace(const trace& t, const csv_write_options& options) {
    std::string out;
    out.reserve(32 * t.size() + 64);
    if (t.size() < 2) {
        out += "# interval_ms=" + std::to_string(t.interval_ms()) + "\n";
    }
    out += options.time_format == timestamp_format::epoch_ms  ? "timestamp_ms,requests\n"
           : options.time_format == timestamp_format::epoch_s ? "timestamp_s,requests\n"
                                                              : "timestamp,requests\n";
    char buf[64];
    for (std::size_t i = 0; i < t.size(); ++i) {
        const time_ms at = t.start_epoch_ms() + static_cast<time_ms>(i) * t.interval_ms();
        switch (options.time_format) {
        case timestamp_format::epoch_ms:
            out += std::to_string(at);
            break;
        case timestamp_format::epoch_s: {
            // Exact decimal seconds from integer ms (no floating-point rounding).
            const time_ms whole = at / 1000, frac = at % 1000;
            if (frac == 0) {
                out += std::to_string(whole);
            } else {
                std::snprintf(buf, sizeof buf, "%s%lld.%03lld", at < 0 && whole == 0 ? "-" : "",
                              static_cast<long long>(whole),
                              static_cast<long long>(frac < 0 ? -frac : frac));
                std::string s = buf;
                while (s.back() == '0') {
                    s.pop_back();
                }
                out += s;
            }
            break;
        }
        default:
            out += detail::format_iso8601_ms(at);
            break;
        }
        out += ',';
        out += detail::format_double(t.counts()[i]);
        out += '\n';
    }
    return out;
}

void write_csv_trace(const trace& t, const std::string& path, const csv_write_options& options) {
    write_text_file_atomic(path, format_csv_trace(t, options));
}

namespace {
// The text is built in memory and written in one atomic step, so a reader (or a crash) never
// leaves half a timeline at path.
std::ostringstream open_out() {
    std::ostringstream out;
    out.precision(17);
    return out;
}

// A single-precision column's value as the shortest text that reads back to it ("nan" as the
// stream writes a double NaN), not the float widened to 17 digits.
struct float_cell {
    float v;
};
std::ostream& operator<<(std::ostream& out, float_cell c) {
    std::array<char, 32> buf{};
    const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), c.v);
    return out.write(buf.data(), r.ptr - buf.data());
}
} // namespace

void write_timeline_csv(const timeline& s, const std::string& path) {
    auto out = open_out();
    out << "time_s,arrivals,served,errors,queued,desired,starting,in_service,metric,utilization,"
           "mean_latency_s,p99_latency_s\n";
    for (std::size_t i = 0; i < s.size(); ++i) {
        out << ms_to_seconds(s.time_ms_col[i]) << ',' << s.arrivals[i] << ',' << s.served[i] << ','
            << s.errors[i] << ',' << float_cell{s.queued[i]} << ',' << s.desired[i] << ','
            << s.starting[i] << ',' << float_cell{s.in_service[i]} << ',' << float_cell{s.metric[i]}
            << ',' << float_cell{s.utilization[i]} << ',' << float_cell{s.mean_latency_s[i]} << ','
            << float_cell{s.p99_latency_s[i]} << '\n';
    }
    write_text_file_atomic(path, std::move(out).str());
}

void write_activities_csv(const std::vector<activity>& acts, const std::string& path) {
    auto out = open_out();
    out << "start_s,end_s,from,to,cause\n";
    for (const auto& a : acts) {
        // Quoted as RFC 4180 says (a quote doubled), so a policy's name reads back as given.
        out << ms_to_seconds(a.start_ms) << ',' << ms_to_seconds(a.end_ms) << ',' << a.from << ','
            << a.to << ',' << detail::csv_field(a.cause, true) << '\n';
    }
    write_text_file_atomic(path, std::move(out).str());
}

} // namespace autoscalesim::io
