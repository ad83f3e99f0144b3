#pragma once
/// Exception types thrown by autoscalesim. Each derives from the natural standard exception so
/// callers may catch either; the Python bindings map each one to a Python exception.
///
/// Errors are data: config_error and trace_error carry where the problem is (file, line, field
/// path) as members, and their message is rendered from them, so a layer that adds a location
/// (the scenario reader naming the file and the JSON path) builds a new error from the members
/// and never reads another layer's message text.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

namespace autoscalesim {

/// Where a problem is, and what it is.
struct error_location {
    std::string file;       ///< the file, or "" when it is not from a file
    std::uint64_t line = 0; ///< the 1-based line, or 0 when unknown
    std::string field;      ///< the field path (C++ or JSON), or "" when none
};

/// A location that names a field only.
inline error_location in_field(std::string field) {
    error_location w;
    w.field = std::move(field);
    return w;
}

namespace detail {
/// "file:line" (or "file", or "file: field", or "field"): the location as messages name it.
std::string render_location(const error_location& where);
/// "file:line: field: problem", each part present only when known.
std::string render_error(const error_location& where, const std::string& problem);
} // namespace detail

/// What a located error carries besides its message: where, and what without the where.
class located {
public:
    /// Where the problem is (empty parts when unknown).
    const error_location& where() const noexcept { return where_; }
    /// The field path, or "" when the error carries none.
    const std::string& field() const noexcept { return where_.field; }
    /// What is wrong, without the location.
    const std::string& problem() const noexcept { return problem_; }

protected:
    located(error_location where, std::string problem)
        : where_(std::move(where)), problem_(std::move(problem)) {}

private:
    error_location where_;
    std::string problem_;
};

/// A scenario, policy or search-space value is out of range or inconsistent.
class config_error : public std::invalid_argument, public located {
public:
    /// An error whose message names its own location (or needs none).
    explicit config_error(const std::string& message)
        : std::invalid_argument(message), located({}, message) {}
    /// An error at `where`: the message is rendered from the location and the problem.
    config_error(error_location where, const std::string& problem)
        : std::invalid_argument(detail::render_error(where, problem)),
          located(std::move(where), problem) {}
};

/// A traffic trace is malformed: bad number, gap, timestamps out of order, empty file...
class trace_error : public std::runtime_error, public located {
public:
    /// An error whose message names its own location (or needs none).
    explicit trace_error(const std::string& message)
        : std::runtime_error(message), located({}, message) {}
    /// An error at `where` (file and line of the row, or a field of a JSON document).
    trace_error(error_location where, const std::string& problem)
        : std::runtime_error(detail::render_error(where, problem)),
          located(std::move(where), problem) {}
};

/// An input file cannot be opened or read.
class io_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A long computation was stopped by its caller (progress callback or interrupt).
class cancelled_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace autoscalesim
