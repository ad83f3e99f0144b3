#include "text.hpp"

#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace autoscalesim::io {

const char* to_string(gap_policy policy) noexcept {
    switch (policy) {
    case gap_policy::error:
        return "error";
    case gap_policy::zero:
        return "zero";
    case gap_policy::hold:
        return "hold";
    case gap_policy::interpolate:
        return "interpolate";
    }
    return "?";
}

std::string gap_fill_text(const gap_fill_report& r, std::size_t intervals, time_ms interval_ms,
                          gap_policy gaps, const std::string& what, bool relative) {
    const char* as = gaps == gap_policy::zero   ? "zero traffic"
                     : gaps == gap_policy::hold ? "the count before"
                                                : "interpolated";
    const double share = intervals > 0 ? 100.0 * static_cast<double>(r.filled_intervals) /
                                             static_cast<double>(intervals)
                                       : 0.0;
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.2g", share);
    const auto run_s =
        static_cast<long long>(ms_to_seconds(static_cast<time_ms>(r.longest_run) * interval_ms));
    char run[48];
    std::snprintf(run, sizeof run, "%s%02lld:%02lld:%02lld",
                  run_s >= 86400 ? (std::to_string(run_s / 86400) + " d ").c_str() : "",
                  run_s % 86400 / 3600, run_s % 3600 / 60, run_s % 60);
    return std::to_string(r.filled_intervals) + " " + what + " read as " + as + " (" + pct +
           " % of the trace); longest run " + std::to_string(r.longest_run) + " (" + run +
           ") from " +
           (relative ? detail::format_double(ms_to_seconds(r.longest_run_start_ms)) + " s"
                     : detail::format_iso8601_ms(r.longest_run_start_ms));
}

} // namespace autoscalesim::io

namespace autoscalesim::io::detail {

namespace {

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
long long days_from_civil(int y, int m, int d) noexcept {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<long long>(era) * 146097 + doe - 719468;
}

int days_in_month(int y, int m) noexcept {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

// n decimal digits at s[pos..], -1 if any is missing or not a digit.
int digits(std::string_view s, std::size_t pos, std::size_t n) noexcept {
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

} // namespace

std::string_view trim(std::string_view s) noexcept {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) {
        ++b;
    }
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) {
        --e;
    }
    return s.substr(b, e - b);
}

bool parse_number(std::string_view s, double& out) noexcept {
    if (s.empty()) {
        return false;
    }
    const char* first = s.data();
    const char* last = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(first, last, out);
    return ec == std::errc() && ptr == last;
}

bool parse_epoch_ms(std::string_view s, double scale_to_ms, time_ms& out) noexcept {
    double v = 0;
    if (!parse_number(s, v)) {
        return false;
    }
    const double ms = v * scale_to_ms;
    if (!(std::abs(ms) <= static_cast<double>(max_abs_epoch_ms))) { // also rejects NaN
        return false;
    }
    out = static_cast<time_ms>(std::llround(ms));
    return true;
}

bool parse_iso8601_ms(std::string_view t, bool naive_is_utc, time_ms& out, std::string& why) {
    // YYYY-MM-DD(T| )HH:MM[:SS[.fff]][Z|+hh:mm|+hhmm|+hh]
    const int y = digits(t, 0, 4), mo = digits(t, 5, 2), d = digits(t, 8, 2);
    const int h = digits(t, 11, 2), mi = digits(t, 14, 2);
    if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || t[4] != '-' || t[7] != '-' ||
        (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || t[13] != ':') {
        why = "not an ISO-8601 date-time (expected YYYY-MM-DDTHH:MM:SS with a zone)";
        return false;
    }
    std::size_t pos = 16;
    int s = 0;
    long long frac_ns = 0;
    if (pos < t.size() && t[pos] == ':') {
        s = digits(t, pos + 1, 2);
        if (s < 0) {
            why = "not an ISO-8601 date-time (bad seconds)";
            return false;
        }
        pos += 3;
        if (pos < t.size() && (t[pos] == '.' || t[pos] == ',')) {
            ++pos;
            long long scale = 100'000'000;
            const std::size_t start = pos;
            while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') {
                frac_ns += (t[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == start) {
                why = "not an ISO-8601 date-time (no digits after the decimal point)";
                return false;
            }
        }
    }
    // (second 60 is a leap second, at the end of a minute 59: 23:59 UTC, or a whole-hour zone's
    // hh:59; read as the next minute)
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || s > 60 ||
        (s == 60 && mi != 59)) {
        why = "date or time out of range";
        return false;
    }
    int offset_min = 0;
    const std::string_view zone = t.substr(pos);
    if (zone == "Z" || zone == "z") {
        offset_min = 0;
    } else if (zone.empty()) {
        if (!naive_is_utc) {
            why = "has no time zone (add Z or +hh:mm, or read naive times as UTC)";
            return false;
        }
    } else if (zone[0] == '+' || zone[0] == '-') {
        const int zh = digits(zone, 1, 2);
        int zm = 0;
        if (zone.size() == 6 && zone[3] == ':') {
            zm = digits(zone, 4, 2);
        } else if (zone.size() == 5) {
            zm = digits(zone, 3, 2);
        } else if (zone.size() != 3) {
            zm = -1;
        }
        if (zh < 0 || zm < 0 || zh > 23 || zm > 59) {
            why = "bad time-zone offset " + quoted(zone);
            return false;
        }
        offset_min = (zh * 60 + zm) * (zone[0] == '+' ? 1 : -1);
    } else {
        why = "unexpected text " + quoted(zone) + " after the time";
        return false;
    }
    const long long secs =
        days_from_civil(y, mo, d) * 86400LL + h * 3600LL + mi * 60LL + s - offset_min * 60LL;
    out = secs * 1000 + (frac_ns + 500'000) / 1'000'000;
    return true;
}

bool parse_clf_time_ms(std::string_view t, time_ms& out) noexcept {
    // dd/Mon/yyyy:HH:MM:SS +hhmm
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    if (t.size() != 26 || t[2] != '/' || t[6] != '/' || t[11] != ':' || t[14] != ':' ||
        t[17] != ':' || t[20] != ' ' || (t[21] != '+' && t[21] != '-')) {
        return false;
    }
    int mo = 0;
    for (int i = 0; i < 12; ++i) {
        if (t.substr(3, 3) == months[i]) {
            mo = i + 1;
        }
    }
    const int d = digits(t, 0, 2), y = digits(t, 7, 4), h = digits(t, 12, 2), mi = digits(t, 15, 2),
              s = digits(t, 18, 2), zh = digits(t, 22, 2), zm = digits(t, 24, 2);
    if (mo == 0 || d < 1 || y < 0 || d > days_in_month(y, mo) || h < 0 || h > 23 || mi < 0 ||
        mi > 59 || s < 0 || s > 60 || zh < 0 || zh > 23 || zm < 0 || zm > 59) {
        return false;
    }
    const long long offset_s = (zh * 3600LL + zm * 60LL) * (t[21] == '+' ? 1 : -1);
    out = (days_from_civil(y, mo, d) * 86400LL + h * 3600LL + mi * 60LL + s - offset_s) * 1000;
    return true;
}

std::string format_iso8601_ms(time_ms epoch_ms) {
    // civil_from_days (Howard Hinnant), on floor-divided days.
    time_ms days = epoch_ms / 86'400'000;
    time_ms rem = epoch_ms % 86'400'000;
    if (rem < 0) {
        rem += 86'400'000;
        --days;
    }
    const long long z = days + 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const long long doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const long long d = doy - (153 * mp + 2) / 5 + 1;
    const long long m = mp < 10 ? mp + 3 : mp - 9;
    const long long y = yoe + era * 400 + (m <= 2);
    const long long ms = rem % 1000, s = rem / 1000 % 60, mi = rem / 60'000 % 60,
                    h = rem / 3'600'000;
    char buf[128];
    if (ms == 0) {
        std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ", y, m, d, h, mi,
                      s);
    } else {
        std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", y, m, d,
                      h, mi, s, ms);
    }
    return buf;
}

std::string format_double(double v) {
    char buf[64];
    const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, ec == std::errc() ? ptr : buf);
}

std::string ascii_lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return s;
}

std::string csv_field(std::string_view s, bool always) {
    if (!always && s.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(s);
    }
    std::string out = "\"";
    for (char c : s) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    return out + "\"";
}

bool timestamp_parser::parse(std::string_view s, time_ms& out, std::string& why) {
    const bool detect = format == timestamp_format::auto_detect;
    if (detect) {
        double v = 0;
        if (parse_number(s, v)) {
            format = epoch_scale_to_ms(v) == 1.0 ? timestamp_format::epoch_ms
                                                 : timestamp_format::epoch_s;
        } else {
            format = timestamp_format::iso8601;
        }
        detected = true;
    }
    switch (format) {
    case timestamp_format::epoch_s:
    case timestamp_format::epoch_ms: {
        const bool ms = format == timestamp_format::epoch_ms;
        const std::string unit = ms ? "epoch milliseconds" : "epoch seconds";
        double v = 0;
        if (!parse_number(s, v)) {
            // The format is the first row's (or the one given): say which.
            why = "expected " + unit + (detected ? " (like the first row)" : "") + ", got " +
                  quoted(s);
            return false;
        }
        if (!parse_epoch_ms(s, ms ? 1.0 : 1000.0, out)) {
            // 1e15 ms: some 31,700 years either side of 1970, far beyond any trace.
            why = "time out of range: " + quoted(s) + " " + unit +
                  " is not within +-1e15 ms (some 31,700 years) of 1970";
            return false;
        }
        return true;
    }
    default:
        if (!parse_iso8601_ms(s, naive_is_utc, out, why)) {
            why = "timestamp " + quoted(s) + ": " + why;
            return false;
        }
        return true;
    }
}

namespace {
// A folder opens on some systems and fails only at the first read ("read failed"): say what it is.
void refuse_folder(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        throw io_error(path + ": is a folder, not a file");
    }
    // /dev/zero or /dev/urandom would be read for ever
    if (std::filesystem::is_character_file(path, ec) || std::filesystem::is_block_file(path, ec)) {
        throw io_error(path + ": is a device, not a file");
    }
}
} // namespace

line_reader::line_reader(const std::string& path) : path_(path), buf_(1 << 20) {
    refuse_folder(path);
    file_ = std::fopen(path.c_str(), "rb");
    if (file_ == nullptr) {
        throw io_error(path + ": cannot open file (" + std::strerror(errno) + ")");
    }
}

line_reader::~line_reader() {
    if (file_ != nullptr) {
        std::fclose(file_);
    }
}

bool line_reader::fill() {
    // Move the unread tail to the front, grow when one line fills the whole buffer, then read.
    if (begin_ > 0) {
        std::memmove(buf_.data(), buf_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buf_.size()) {
        buf_.resize(buf_.size() * 2);
    }
    const std::size_t n = std::fread(buf_.data() + end_, 1, buf_.size() - end_, file_);
    if (n == 0) {
        if (std::ferror(file_) != 0) {
            throw io_error(path_ + ": read failed (" + std::strerror(errno) + ")");
        }
        eof_ = true;
        return false;
    }
    end_ += n;
    return true;
}

namespace {

// A UTF-8 byte order mark (Windows tools write one) is no part of the first line's text.
void drop_byte_order_mark(std::string_view& line, std::uint64_t line_number) {
    constexpr std::string_view bom = "\xEF\xBB\xBF";
    if (line_number == 1 && line.substr(0, bom.size()) == bom) line.remove_prefix(bom.size());
}

} // namespace

bool line_reader::next(std::string_view& line) {
    std::size_t scanned = begin_;
    for (;;) {
        const void* nl = std::memchr(buf_.data() + scanned, '\n', end_ - scanned);
        if (nl != nullptr) {
            const auto at = static_cast<std::size_t>(static_cast<const char*>(nl) - buf_.data());
            line = std::string_view(buf_.data() + begin_, at - begin_);
            begin_ = at + 1;
            drop_byte_order_mark(line, ++line_number_);
            return true;
        }
        if (eof_) {
            if (begin_ == end_) {
                return false;
            }
            line = std::string_view(buf_.data() + begin_, end_ - begin_);
            begin_ = end_;
            drop_byte_order_mark(line, ++line_number_);
            return true;
        }
        const std::size_t unread = end_ - begin_;
        fill();
        scanned = unread; // after fill the unread part starts at 0
    }
}

bool text_lines::next(std::string_view& line) {
    if (pos_ >= text_.size()) {
        return false;
    }
    const std::size_t nl = text_.find('\n', pos_);
    const std::size_t end = nl == std::string_view::npos ? text_.size() : nl;
    line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    drop_byte_order_mark(line, ++line_number_);
    return true;
}

std::string_view utf8_prefix(std::string_view s, std::size_t most) noexcept {
    if (s.size() <= most) return s;
    std::size_t n = most;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) {
        --n; // s[n] continues the character before it
    }
    return s.substr(0, n);
}

std::string quoted(std::string_view s) {
    constexpr std::size_t most = 60;
    // Control bytes are written as \xNN: a NUL would end the message where it is printed (C
    // strings), and others would move the cursor or ring the terminal.
    std::string out = "\"";
    for (const char ch : utf8_prefix(s, most)) {
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
        } else {
            out += ch;
        }
    }
    if (s.size() <= most) return out + "\"";
    return out + "...\" (" + std::to_string(s.size()) + " characters)";
}

std::string json_problem(const char* what) {
    std::string w(what);
    const auto bracket = w.find("] ");
    if (w.rfind("[json.exception.", 0) == 0 && bracket != std::string::npos)
        w.erase(0, bracket + 2);
    return w;
}

std::string parse_problem(const char* what) {
    std::string w(what);
    const auto colon = w.find(": ");
    return colon == std::string::npos ? json_problem(what) : w.substr(colon + 2);
}

std::string line_column(std::string_view text, std::size_t byte) {
    std::size_t line = 1, col = 1;
    const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return std::to_string(line) + ":" + std::to_string(col);
}

std::string read_file(const std::string& path) {
    refuse_folder(path);
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
        throw io_error(path + ": cannot open file (" + std::strerror(errno) + ")");
    }
    std::string out;
    char buf[1 << 16];
    std::size_t n = 0;
    constexpr std::size_t limit = std::size_t{1} << 30; // JSON read whole: a few MB in practice
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        out.append(buf, n);
        if (out.size() > limit) {
            std::fclose(f);
            throw io_error(path + ": larger than 1 GiB, too large to read whole (a JSON "
                                  "export or scenario is a few MB)");
        }
    }
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) {
        throw io_error(path + ": read failed (" + std::strerror(errno) + ")");
    }
    return out;
}

} // namespace autoscalesim::io::detail
