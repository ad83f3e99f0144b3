#include "autoscalesim/io/csv_trace.hpp"

#include "autoscalesim/errors.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

namespace autoscalesim::io {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) {
        return {};
    }
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

bool parse_double(const std::string& s, double& out) {
    const char* first = s.data();
    const char* last = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(first, last, out);
    return ec == std::errc() && ptr == last;
}

int digits(const std::string& s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) {
        return -1;
    }
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
long long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<long long>(era) * 146097 + doe - 719468;
}

} // namespace

double parse_iso8601(const std::string& t) {
    // YYYY-MM-DDTHH:MM:SS[.fff](Z|+hh:mm|-hh:mm)
    const int y = digits(t, 0, 4), mo = digits(t, 5, 2), d = digits(t, 8, 2);
    const int h = digits(t, 11, 2), mi = digits(t, 14, 2), s = digits(t, 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
        s < 0 || s > 60 || t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != ' ') ||
        t[13] != ':' || t[16] != ':') {
        throw trace_error("not an ISO-8601 timestamp: \"" + t + "\"");
    }
    std::size_t pos = 19;
    double frac = 0;
    if (pos < t.size() && t[pos] == '.') {
        std::size_t e = pos + 1;
        while (e < t.size() && t[e] >= '0' && t[e] <= '9') {
            ++e;
        }
        frac = std::stod("0" + t.substr(pos, e - pos));
        pos = e;
    }
    double offset = 0;
    if (pos < t.size() && t[pos] == 'Z' && pos + 1 == t.size()) {
        offset = 0;
    } else if (pos + 6 == t.size() && (t[pos] == '+' || t[pos] == '-') && t[pos + 3] == ':' &&
               digits(t, pos + 1, 2) >= 0 && digits(t, pos + 4, 2) >= 0) {
        offset =
            (digits(t, pos + 1, 2) * 3600 + digits(t, pos + 4, 2) * 60) * (t[pos] == '+' ? 1 : -1);
    } else {
        throw trace_error("timestamp \"" + t + "\" has no time zone (add Z or +hh:mm)");
    }
    const double days = static_cast<double>(days_from_civil(y, mo, d));
    return days * 86400.0 + h * 3600.0 + mi * 60.0 + s + frac - offset;
}

trace read_csv_trace(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw io_error(path + ": cannot open file");
    }
    std::string line;
    std::vector<double> times, counts;
    std::size_t lineno = 0;
    bool header_seen = false;
    while (std::getline(in, line)) {
        ++lineno;
        const std::string row = trim(line);
        if (row.empty() || row[0] == '#') {
            continue;
        }
        const auto comma = row.find(',');
        const std::string where = path + ":" + std::to_string(lineno) + ": ";
        if (comma == std::string::npos || row.find(',', comma + 1) != std::string::npos) {
            throw trace_error(where + "expected 2 columns (timestamp,requests), got \"" + row +
                              "\"");
        }
        const std::string ts = trim(row.substr(0, comma));
        const std::string val = trim(row.substr(comma + 1));
        double count = 0;
        if (!header_seen && times.empty() && !parse_double(val, count)) {
            header_seen = true; // a header row
            continue;
        }
        if (!parse_double(val, count)) {
            throw trace_error(where + "requests: not a number: \"" + val + "\"");
        }
        if (!std::isfinite(count) || count < 0) {
            throw trace_error(where + "requests: expected a count >= 0, got \"" + val + "\"");
        }
        double secs = 0;
        if (!parse_double(ts, secs)) {
            try {
                secs = parse_iso8601(ts);
            } catch (const trace_error& e) {
                throw trace_error(where + "timestamp: " + e.what());
            }
        }
        if (!times.empty()) {
            const double step = secs - times.back();
            if (step <= 0) {
                throw trace_error(where + "timestamp " + ts +
                                  (step == 0 ? " repeats the previous row" : " goes backwards"));
            }
            if (times.size() >= 2 && std::abs(step - (times[1] - times[0])) > 1e-6) {
                char buf[160];
                std::snprintf(
                    buf, sizeof buf,
                    "interval of %g s differs from the trace's %g s (a gap or an uneven row)", step,
                    times[1] - times[0]);
                throw trace_error(where + buf);
            }
        }
        times.push_back(secs);
        counts.push_back(count);
    }
    if (counts.empty()) {
        throw trace_error(path + ": no data rows (the file is empty or has only a header)");
    }
    const double interval_s = counts.size() >= 2 ? times[1] - times[0] : 60.0;
    const auto interval = static_cast<time_ms>(std::llround(interval_s * 1000));
    try {
        return trace(std::move(counts), interval,
                     static_cast<time_ms>(std::llround(times[0] * 1000)));
    } catch (const trace_error& e) {
        throw trace_error(path + ": " + e.what());
    }
}

namespace {
std::ofstream open_out(const std::string& path) {
    std::ofstream out(path);
    if (!out) {
        throw io_error(path + ": cannot open for writing");
    }
    out.precision(17);
    return out;
}
} // namespace

void write_timeline_csv(const timeline& s, const std::string& path) {
    auto out = open_out(path);
    out << "time_s,arrivals,served,errors,queued,desired,starting,in_service,metric,utilization,"
           "mean_latency_s,p99_latency_s\n";
    for (std::size_t i = 0; i < s.size(); ++i) {
        out << ms_to_seconds(s.time_ms_col[i]) << ',' << s.arrivals[i] << ',' << s.served[i] << ','
            << s.errors[i] << ',' << s.queued[i] << ',' << s.desired[i] << ',' << s.starting[i]
            << ',' << s.in_service[i] << ',' << s.metric[i] << ',' << s.utilization[i] << ','
            << s.mean_latency_s[i] << ',' << s.p99_latency_s[i] << '\n';
    }
    if (!out) {
        throw io_error(path + ": write failed");
    }
}

void write_activities_csv(const std::vector<activity>& acts, const std::string& path) {
    auto out = open_out(path);
    out << "start_s,end_s,from,to,cause\n";
    for (const auto& a : acts) {
        std::string cause = a.cause;
        for (char& c : cause) {
            if (c == '"') {
                c = '\'';
            }
        }
        out << ms_to_seconds(a.start_ms) << ',' << ms_to_seconds(a.end_ms) << ',' << a.from << ','
            << a.to << ",\"" << cause << "\"\n";
    }
    if (!out) {
        throw io_error(path + ": write failed");
    }
}

} // namespace autoscalesim::io
