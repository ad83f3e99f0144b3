#include "arguments.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>

namespace autoscalesim::cli {

std::string parsed_args::value(const std::string& name, const std::string& fallback) const {
    const auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
}

namespace {

// The whole number s is, or nothing.
std::optional<std::uint64_t> whole_of(const std::string& s) {
    std::uint64_t v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return v;
}

// The finite number s is, or nothing.
std::optional<double> number_of(const std::string& s) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string shown(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", x);
    return buf;
}

// The number option `name` holds when `accepts` it, fallback when it is absent; a usage error
// "NAME: expected EXPECTED, got "TEXT"" when it is not a finite number or is refused.
template <class Accepts>
double number_option(const parsed_args& a, const std::string& name, double fallback,
                     Accepts accepts, const std::string& expected) {
    const auto it = a.values.find(name);
    if (it == a.values.end()) return fallback;
    const auto v = number_of(it->second);
    if (!v || !accepts(*v)) {
        throw usage_error(name + ": expected " + expected + ", got \"" + it->second + "\"");
    }
    return *v;
}

} // namespace

std::uint64_t parsed_args::unsigned_value(const std::string& name, std::uint64_t fallback) const {
    const auto it = values.find(name);
    if (it == values.end()) return fallback;
    const auto v = whole_of(it->second);
    if (!v) {
        throw usage_error(name + ": expected a whole number in [0, " +
                          std::to_string(std::numeric_limits<std::uint64_t>::max()) + "], got \"" +
                          it->second + "\"");
    }
    return *v;
}

double parsed_args::seconds_value(const std::string& name, double fallback) const {
    return number_option(
        *this, name, fallback, [](double v) { return v >= 0 && v <= max_seconds; },
        "a number of seconds in [0, 1e12]");
}

std::uint64_t parsed_args::whole_in(const std::string& name, std::uint64_t fallback,
                                    std::uint64_t low, std::uint64_t high) const {
    const auto it = values.find(name);
    if (it == values.end()) return fallback;
    const auto v = whole_of(it->second);
    if (!v || *v < low || *v > high) {
        throw usage_error(name + ": expected a whole number in [" + std::to_string(low) + ", " +
                          std::to_string(high) + "], got \"" + it->second + "\"");
    }
    return *v;
}

double parsed_args::number_in(const std::string& name, double fallback, double low, double high,
                              bool high_open) const {
    return number_option(
        *this, name, fallback,
        [&](double v) { return v >= low && v <= high && !(high_open && v == high); },
        "a number in [" + shown(low) + ", " + shown(high) + (high_open ? ")" : "]"));
}

double parsed_args::positive_value(const std::string& name, double fallback, double high) const {
    return number_option(
        *this, name, fallback, [high](double v) { return v > 0 && v <= high; },
        std::isinf(high) ? std::string("a finite number > 0")
                         : "a number in (0, " + shown(high) + "]");
}

std::vector<std::string> split_commas(const std::string& s) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= s.size()) {
        const std::size_t comma = std::min(s.find(',', from), s.size());
        if (comma > from) out.push_back(s.substr(from, comma - from));
        from = comma + 1;
    }
    return out;
}

parsed_args parse_args(const std::vector<std::string>& args, std::size_t first,
                       const std::vector<option_spec>& specs, const std::string& what) {
    parsed_args out;
    bool options_done = false;
    for (std::size_t i = first; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (options_done || a.size() < 2 || a[0] != '-') {
            out.positional.push_back(a); // "-" alone is an operand (conventionally stdin)
            continue;
        }
        if (a == "--") {
            options_done = true;
            continue;
        }
        if (a == "-h" || a == "--help") {
            out.help = true;
            continue;
        }
        const auto eq = a.find('=');
        const std::string name = a.substr(0, eq);
        const option_spec* spec = nullptr;
        for (const auto& s : specs) {
            if (s.name == name) {
                spec = &s;
            }
        }
        if (spec == nullptr) {
            throw usage_error(what + ": unknown option '" + name + "'");
        }
        if (!spec->takes_value) {
            if (eq != std::string::npos) {
                throw usage_error(what + ": option '" + name + "' takes no value");
            }
            out.flags.insert(name);
            continue;
        }
        std::string value;
        if (eq != std::string::npos) {
            value = a.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            throw usage_error(what + ": option '" + name + "' needs a value");
        }
        if (spec->names != nullptr && split_commas(value).empty()) {
            throw usage_error(name + ": expected " + spec->names + ", got \"" + value + "\"");
        }
        // The same option twice with different values is a mistake (an edited command line, a
        // script adding its own), not a choice: the last would silently win.
        const auto [it, inserted] = out.values.emplace(name, value);
        if (!inserted && it->second != value) {
            const auto shown = [](const std::string& v) {
                return "\"" + (v.size() > 60 ? v.substr(0, 60) + "..." : v) + "\"";
            };
            throw usage_error(name + ": given twice (" + shown(it->second) + " and " +
                              shown(value) + "); give it once");
        }
    }
    return out;
}

} // namespace autoscalesim::cli
