#pragma once
// Private to the command: reading a trace named on the command line (trace-stats, recommend) with
// every reader option a real export needs, and the lines that tell a report what was read; and
// the deployed scaling of --policy-from (recommend, calibrate).

#include "arguments.hpp"

#include "autoscalesim/io/aws_policy.hpp"
#include "autoscalesim/io/calibration_report.hpp"
#include "autoscalesim/trace.hpp"

#include <string>
#include <vector>

namespace autoscalesim::cli {

/// The reader options: --format, --gaps, --id, --statistic, --period, --mixed-periods,
/// --max-gap-s, --max-gap-ratio, --interval-s.
std::vector<option_spec> trace_input_options();

/// A trace as read, with what the report should say about it.
struct trace_input {
    trace traffic;                  ///< the trace
    std::string format;             ///< csv, cloudwatch, json or access_log
    std::string names;              ///< the files, comma separated
    std::vector<std::string> notes; ///< periods found, gaps filled, spreading: one line each
};

/// Reads paths (several only for CloudWatch pages or parts) with the options in a. CloudWatch
/// exports fill missing periods with zero unless --gaps says otherwise (CloudWatch writes no
/// datapoint for a period without invocations), refusing one gap longer than default_max_gap_s
/// (0: no limit; --max-gap-s overrides).
trace_input read_trace_input(const std::vector<std::string>& paths, const parsed_args& a,
                             double default_max_gap_s);

/// The scaling of --policy-from (files, comma separated; --resource-id chooses the target). The
/// command models an endpoint variant's instances, so the files must scale its instance count:
/// an inference component's copies or a serverless variant's provisioned concurrency is a
/// config_error naming --policy-from.
io::aws_scaling read_deployed_variant(const parsed_args& a);

/// The window and duration texts every report uses (io/calibration_report.hpp).
using io::duration_text;
using io::window_text;

} // namespace autoscalesim::cli
