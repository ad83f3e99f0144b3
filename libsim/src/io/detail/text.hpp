#pragma once
// Private helpers of the io readers: line iteration without holding the file, field splitting,
// number and timestamp parsing that never throws (callers add file:line to the message).

#include "autoscalesim/io/trace_options.hpp"
#include "autoscalesim/time.hpp"
#include "autoscalesim/trace.hpp"

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace autoscalesim::io::detail {

/// Strips spaces, tabs and a trailing carriage return.
std::string_view trim(std::string_view s) noexcept;

/// A whole-string number (no leading '+', no trailing text); false on anything else.
bool parse_number(std::string_view s, double& out) noexcept;

/// Milliseconds since the epoch of an ISO-8601 date-time; on failure false with why set.
bool parse_iso8601_ms(std::string_view s, bool naive_is_utc, time_ms& out, std::string& why);

/// The unit of an epoch time given as a number, in ms: 1 (milliseconds) from 1e11 on, else 1000
/// (seconds). 1e11 s is the year 5138 and 1e11 ms is 1973. The CSV and CloudWatch readers decide
/// the same way.
inline double epoch_scale_to_ms(double v) noexcept {
    return (v < 0 ? -v : v) >= 1e11 ? 1.0 : 1000.0;
}

/// The farthest from 1970 a time a reader takes may be: the trace's own bound (trace.hpp).
using autoscalesim::max_abs_epoch_ms;

/// A number of seconds (scale 1000) or milliseconds (scale 1) as integer ms; false when not a
/// number or outside +-max_abs_epoch_ms.
bool parse_epoch_ms(std::string_view s, double scale_to_ms, time_ms& out) noexcept;

/// `01/Jul/1995:00:00:01 -0400` (the bracketed time of the Common Log Format) as ms since the
/// epoch.
bool parse_clf_time_ms(std::string_view s, time_ms& out) noexcept;

/// `1995-07-01T04:00:00Z`, with `.mmm` when the time is not a whole second.
std::string format_iso8601_ms(time_ms epoch_ms);

/// `s` with ASCII letters in lower case (file extensions, names compared without case).
std::string ascii_lower(std::string s);
/// The shortest decimal text that reads back as the same double.
std::string format_double(double v);
/// A CSV field (RFC 4180): in double quotes, a quote doubled, when it holds a comma, a quote or a
/// line break, or when `always`; else as it is.
std::string csv_field(std::string_view s, bool always = false);
/// `s` in double quotes as a message echoes it: at most 60 characters, longer text cut with
/// "... (N characters)" so that a 5 MB field does not fill the terminal; control bytes (NUL,
/// escape...) written as \xNN.
std::string quoted(std::string_view s);
/// The first `most` bytes of `s` or fewer, never cutting a UTF-8 character in two (a message
/// holding half of one is not valid UTF-8, which Python refuses to decode).
std::string_view utf8_prefix(std::string_view s, std::size_t most) noexcept;
/// What a line holding a NUL byte is: never text a trace reader can read (UTF-16, binary).
inline constexpr const char* nul_byte_problem =
    "holds a NUL byte: not UTF-8 text (a file saved as UTF-16, or a binary file?); save it as "
    "UTF-8";
/// nlohmann's exception text without its "[json.exception.parse_error.101] " prefix.
std::string json_problem(const char* what);
/// A parse error's explanation alone, without nlohmann's prefix and its position ("[json.exception.
/// parse_error.101] parse error at line L, column C: "), which counts from where parsing began.
std::string parse_problem(const char* what);
/// "line:column" of the character before byte offset `byte` of `text` (nlohmann's parse errors
/// report one past the offending character).
std::string line_column(std::string_view text, std::size_t byte);

/// A timestamp parser fixed by the first row of a file.
struct timestamp_parser {
    timestamp_format format = timestamp_format::auto_detect; ///< resolved after the first call
    bool naive_is_utc = false; ///< accept ISO times without a zone as UTC

    /// Parses s, resolving auto_detect on the first call; on failure false with why set.
    bool parse(std::string_view s, time_ms& out, std::string& why);

    bool detected = false; ///< set when the first call resolved auto_detect (the first row's)
};

/// Reads a file in 1 MiB chunks and calls f(line, line_number) for each line (without its newline);
/// f returns false to stop. Throws io_error when the file cannot be opened or read.
class line_reader {
public:
    explicit line_reader(const std::string& path);
    ~line_reader();
    line_reader(const line_reader&) = delete;
    line_reader& operator=(const line_reader&) = delete;

    /// The next line, false at the end of the file.
    bool next(std::string_view& line);
    /// 1-based number of the line last returned.
    std::uint64_t line_number() const noexcept { return line_number_; }

private:
    bool fill();
    std::string path_;
    std::FILE* file_ = nullptr;
    std::vector<char> buf_;
    std::size_t begin_ = 0, end_ = 0;
    bool eof_ = false;
    std::uint64_t line_number_ = 0;
};

/// The same interface over text already in memory (fuzzing, tests, strings from Python).
class text_lines {
public:
    /// Iterates over text, which must outlive this object.
    explicit text_lines(std::string_view text) : text_(text) {}
    /// The next line, false at the end.
    bool next(std::string_view& line);
    /// 1-based number of the line last returned.
    std::uint64_t line_number() const noexcept { return line_number_; }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::uint64_t line_number_ = 0;
};

/// Reads a whole (small) file, e.g. JSON; throws io_error.
std::string read_file(const std::string& path);

} // namespace autoscalesim::io::detail
