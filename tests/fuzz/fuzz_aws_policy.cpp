// Fuzzes the AWS CLI reader (describe outputs and --cli-input-json files) and, when a text reads,
// the writer: what it writes must read back to the same policies.
#include "fuzz_common.hpp"

#include <autoscalesim/io/aws_policy.hpp>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace {

bool close(double a, double b) {
    return a == b || std::abs(a - b) <= 1e-12 * std::max(std::abs(a), std::abs(b));
}

// The policies AWS can express survive a write and a read.
void check_round_trip(const autoscalesim::io::aws_scaling& first) {
    namespace aio = autoscalesim::io;
    std::vector<std::pair<std::string, std::string>> docs;
    for (const auto& f : aio::aws_cli_inputs(first.scaling, first.resource_id)) {
        if (f.name != "apply.sh") docs.emplace_back(f.name, f.text);
    }
    const auto& a = first.scaling;
    const auto b = aio::parse_aws_scaling(docs).scaling;
    fuzz::require(a.min_capacity == b.min_capacity && a.max_capacity == b.max_capacity);
    fuzz::require(a.target_tracking.size() == b.target_tracking.size());
    for (std::size_t i = 0; i < a.target_tracking.size(); ++i) {
        const auto &x = a.target_tracking[i], &y = b.target_tracking[i];
        fuzz::require(x.name == y.name && x.metric == y.metric &&
                      close(x.target_value, y.target_value) && x.period_s == y.period_s &&
                      x.scale_out_cooldown_s == y.scale_out_cooldown_s &&
                      x.scale_in_cooldown_s == y.scale_in_cooldown_s &&
                      x.disable_scale_in == y.disable_scale_in);
    }
    fuzz::require(a.step_scaling.size() == b.step_scaling.size());
    for (std::size_t i = 0; i < a.step_scaling.size(); ++i) {
        const auto &x = a.step_scaling[i], &y = b.step_scaling[i];
        fuzz::require(x.name == y.name && x.metric == y.metric && close(x.threshold, y.threshold) &&
                      x.alarm_comparison == y.alarm_comparison &&
                      x.evaluation_periods == y.evaluation_periods &&
                      x.datapoints_to_alarm == y.datapoints_to_alarm && x.period_s == y.period_s &&
                      x.adjustment == y.adjustment && x.steps.size() == y.steps.size() &&
                      x.min_adjustment_magnitude == y.min_adjustment_magnitude &&
                      x.aggregation == y.aggregation && x.cooldown_s == y.cooldown_s);
        for (std::size_t k = 0; k < x.steps.size(); ++k) {
            fuzz::require(close(x.steps[k].lower_bound, y.steps[k].lower_bound) &&
                          close(x.steps[k].upper_bound, y.steps[k].upper_bound) &&
                          x.steps[k].adjustment == y.steps[k].adjustment);
        }
    }
    fuzz::require(a.scheduled.size() == b.scheduled.size());
    for (std::size_t i = 0; i < a.scheduled.size(); ++i) {
        const auto &x = a.scheduled[i], &y = b.scheduled[i];
        fuzz::require(x.name == y.name && x.cron == y.cron && x.at_epoch_ms == y.at_epoch_ms &&
                      x.min_capacity == y.min_capacity && x.max_capacity == y.max_capacity);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace aio = autoscalesim::io;
    const auto in = fuzz::split(data, size);
    // Bit 0 picks the resource; bit 1 splits the text in two files at its middle line.
    const std::string resource = (in.bits & 1) != 0 ? "endpoint/ep/variant/v" : "";
    const auto docs = fuzz::one_or_two_files(in);
    fuzz::expect_only_library_errors([&] {
        const auto r = aio::parse_aws_scaling(docs, resource);
        // The writer may refuse what the reader took (a file-name clash, a scheduled action's
        // name AWS does not take): only its library errors are expected, and what it writes
        // reads back.
        check_round_trip(r);
    });
    return 0;
}
