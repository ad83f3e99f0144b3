#pragma once
// Private to the command: small SVG charts (a browser shows them; no plotting library needed) of a
// search's cost/latency front and of a run's traffic and capacity.

#include "autoscalesim/optimize/search.hpp"
#include "autoscalesim/result.hpp"
#include "autoscalesim/trace.hpp"

#include <optional>
#include <string>
#include <vector>

namespace autoscalesim::cli {

/// Text made safe inside XML and HTML (&, <, >, ").
std::string xml_escape(const std::string& text);

/// Cost against p99 latency of every evaluation (grey: feasible, light: infeasible), the front
/// (a line) and the chosen policy (a red star), with the p99 target as a dashed line (none when
/// max_p99_s <= 0); the p99 axis stops at 4 times the target, and the policies above it are
/// triangles on its top edge, counted in the legend. `cost_label` names the x axis (what the
/// cost is over). The search must have cost_usd and p99_latency_s among its summary fields
/// (every search has).
std::string pareto_svg(const optimize::search_result& r,
                       const std::optional<optimize::evaluation>& chosen, double max_p99_s,
                       const std::string& title, const std::string& cost_label);

/// Two panels over time: requests per second, and capacity in service and desired, counted in
/// `capacity_unit` ("instances"; "copies" for an inference component).
std::string timeline_svg(const trace& traffic, const timeline& steps, const std::string& title,
                         const std::string& capacity_unit = "instances");

/// One series of a calibration picture: per trace interval (NaN: none), a color and a label.
struct series {
    const std::vector<double>* values;
    const char* color;
    std::string label;
};

/// Two panels over time, each a set of series drawn on the same axes, e.g. observed, given and
/// calibrated instances, then latency (bucket means; the first series is drawn on top and the
/// latency axis stops at the 99th percentile of the first series, so that a replay stuck at the
/// timeout does not flatten the rest).
std::string comparison_svg(const trace& traffic, const std::vector<series>& instances,
                           const std::vector<series>& latency, const std::string& title);

/// One deployment of a comparison: its monthly cost, with a Savings Plan when priced, whether it
/// meets the SLO, its p99 latency and error rate.
struct deployment_bar {
    std::string label;
    double cost_per_month = 0;
    std::optional<double> with_plan_per_month{};
    bool feasible = true;
    double p99_s = 0;
    double error_rate = 0;
};

/// Horizontal bars of each deployment's monthly cost (hatched grey: misses the SLO), the cost
/// with the Savings Plan inside it when priced, and its p99 and errors beside it.
std::string deployments_svg(const std::vector<deployment_bar>& rows, const std::string& title);

} // namespace autoscalesim::cli
