#pragma once
// Private to the command: a small option parser (GNU style: `--out DIR` or `--out=DIR`, `--`
// ends options) whose errors are usage errors (exit code 2).

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace autoscalesim::cli {

/// A command-line mistake: unknown option, missing value or argument, malformed number.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What an option_spec's value names, for its message when empty.
inline constexpr const char* file_name = "a file name";
inline constexpr const char* file_names = "file names (FILE[,FILE...])";
inline constexpr const char* folder_name = "a folder name";

/// One option a subcommand accepts.
struct option_spec {
    std::string name;         ///< with its dashes, e.g. "--out"
    bool takes_value = false; ///< `--out DIR` rather than a flag like `--force`
    /// What the value names when it names files ("a file name", "a folder name", "file names
    /// (FILE[,FILE...])"): an empty value (an unset shell variable) is then a usage error, not
    /// "the default"; nullptr for other options.
    const char* names = nullptr;
};

/// The parsed command line of one subcommand.
struct parsed_args {
    std::vector<std::string> positional;       ///< operands in order
    std::map<std::string, std::string> values; ///< options with a value, by name
    std::set<std::string> flags;               ///< flags given
    bool help = false;                         ///< -h or --help was given

    /// True when the flag was given.
    bool has(const std::string& flag) const { return flags.count(flag) != 0; }
    /// The option's value, or fallback when absent.
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    /// The option's value as an unsigned integer; throws usage_error when malformed.
    std::uint64_t unsigned_value(const std::string& name, std::uint64_t fallback) const;
    /// Seconds at most: some 31,700 years, past any trace or setting, and far within what
    /// milliseconds in 64 bits hold (a larger number would wrap around when converted).
    static constexpr double max_seconds = 1e12;
    /// The option's value as a number of seconds in [0, max_seconds]; throws usage_error when
    /// malformed or out of that range.
    double seconds_value(const std::string& name, double fallback) const;
    /// A whole-number option within [low, high], or fallback; a usage error naming the option
    /// and the range otherwise.
    std::uint64_t whole_in(const std::string& name, std::uint64_t fallback, std::uint64_t low,
                           std::uint64_t high) const;
    /// A number option within [low, high] (high excluded when high_open), or fallback; a usage
    /// error naming the option and the range otherwise.
    double number_in(const std::string& name, double fallback, double low, double high,
                     bool high_open = false) const;
    /// A number > 0 (and at most `high`, when given), or fallback; a usage error naming the
    /// option otherwise.
    double positive_value(const std::string& name, double fallback,
                          double high = std::numeric_limits<double>::infinity()) const;
};

/// "a.json,b.json" as ["a.json", "b.json"] (empty parts dropped): an option naming files.
std::vector<std::string> split_commas(const std::string& s);

/// Parses args[first..] against specs; throws usage_error for an unknown option or a missing
/// value. `what` names the subcommand in messages.
parsed_args parse_args(const std::vector<std::string>& args, std::size_t first,
                       const std::vector<option_spec>& specs, const std::string& what);

} // namespace autoscalesim::cli
