#pragma once
/// The `autoscalesim` command as a function, so that tests drive it in-process.

#include <atomic>
#include <ostream>
#include <string>
#include <vector>

namespace autoscalesim::cli {

/// What the command returns to the shell.
enum exit_code : int {
    exit_ok = 0,        ///< success
    exit_bad_input = 1, ///< an unreadable or invalid scenario or trace, an output folder problem
    exit_usage = 2,     ///< unknown command or option, missing or malformed argument
    exit_policy_mismatch = 3, ///< calibrate: the history does not follow the policy given
    exit_interrupted = 130,   ///< stopped by SIGINT (128 + 2, as shells report it)
    exit_terminated = 143     ///< stopped by SIGTERM (128 + 15): a scheduler's or `timeout`'s stop
};

/// Runs the command with args (without the program name); normal output goes to out, progress
/// and errors to err. Returns an exit_code.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// Set by the SIGINT handler while a search runs (and by tests to simulate Ctrl-C); the search
/// reads it as its cancel flag. run_cli clears it after reporting an interrupted search.
std::atomic<bool>& interrupt_flag();

} // namespace autoscalesim::cli
