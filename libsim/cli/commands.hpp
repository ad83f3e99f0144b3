#pragma once
// Private to the command: the subcommands, their options and their help, and printf-style
// formatting for their reports.

#include "arguments.hpp"

#include "autoscalesim/scenario.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace autoscalesim::cli {

/// printf into a std::string (the reports are columns of numbers, which printf formats best).
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
std::string
strprintf(const char* format, ...);

/// A policy's searched parameters as "name value, name value" (%g), as many as both lists hold.
std::string parameters_text(const std::vector<std::string>& names,
                            const std::vector<double>& values);

/// The price per hour of the instance type named by --instance-type (default `fallback_type`):
/// --price-per-hour when given, else the catalogue's; a bad input naming both options when the
/// type is not in the catalogue.
double instance_price(const parsed_args& a, const std::string& fallback_type);

/// Options of `simulate` (also accepted by `optimize`).
const std::vector<option_spec>& simulate_options();
/// Options of `optimize`.
const std::vector<option_spec>& optimize_options();
/// Options of `recommend`.
const std::vector<option_spec>& recommend_options();
/// Options of `calibrate`.
const std::vector<option_spec>& calibrate_options();
/// Options of `compare`.
const std::vector<option_spec>& compare_options();
/// Options of `trace-stats`.
const std::vector<option_spec>& trace_stats_options();

/// `autoscalesim simulate`: returns an exit code; throws usage_error and the library's errors.
int run_simulate(const parsed_args& a, std::ostream& out, std::ostream& err);
/// What the command says before a request-mode run of more than 1e8 requests ("" otherwise):
/// that mode simulates each request, some millions a second, so the run takes a while.
std::string request_mode_notice(const scenario& sc);
/// `autoscalesim optimize`: returns an exit code; throws usage_error and the library's errors.
int run_optimize(const parsed_args& a, std::ostream& out, std::ostream& err, bool err_is_tty);
/// `autoscalesim recommend`: returns an exit code; throws usage_error and the library's errors.
int run_recommend(const parsed_args& a, std::ostream& out, std::ostream& err);
/// `autoscalesim calibrate`: returns an exit code; throws usage_error and the library's errors.
int run_calibrate(const parsed_args& a, std::ostream& out, std::ostream& err);
/// `autoscalesim compare`: returns an exit code; throws usage_error and the library's errors.
int run_compare(const parsed_args& a, std::ostream& out, std::ostream& err);
/// `autoscalesim trace-stats`: returns an exit code; throws usage_error and the library's errors.
int run_trace_stats(const parsed_args& a, std::ostream& out);

} // namespace autoscalesim::cli
