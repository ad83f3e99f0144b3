#pragma once
/// Exception types thrown by autoscalesim. Each derives from the natural standard exception so
/// callers may catch either; the Python bindings map each one to a Python exception.

#include <stdexcept>
#include <string>

namespace autoscalesim {

/// A scenario, policy or search-space value is out of range or inconsistent.
class config_error : public std::invalid_argument {
public:
    using std::invalid_argument::invalid_argument;
};

/// A traffic trace is malformed: bad number, gap, timestamps out of order, empty file...
class trace_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
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
