#pragma once
// Small builders shared by the tests: a scenario with a given per-minute traffic profile.
#include <autoscalesim/autoscalesim.hpp>

#include <vector>

namespace asim_test {

namespace asim = autoscalesim;

/// Requests per minute: `minutes` intervals of `per_minute` each.
inline std::vector<double> constant(int minutes, double per_minute) {
    return std::vector<double>(static_cast<std::size_t>(minutes), per_minute);
}

/// Appends `minutes` intervals of `per_minute` to v.
inline void then(std::vector<double>& v, int minutes, double per_minute) {
    v.insert(v.end(), static_cast<std::size_t>(minutes), per_minute);
}

/// A scenario whose latency never matters for scaling: 8 workers of 10 ms each per instance
/// (800 requests/s capacity), one target-tracking policy on InvocationsPerInstance.
inline asim::scenario scaling_scenario(std::vector<double> per_minute, int initial, double target,
                                       int min_cap = 1, int max_cap = 50, double startup_s = 300) {
    asim::scenario sc;
    sc.traffic = asim::trace(std::move(per_minute), asim::ms_per_minute);
    sc.endpoint.type = {.name = "test",
                        .price_per_hour = 1.0,
                        .workers = 8,
                        .service_time_s = 0.01,
                        .service_cv = 1.0};
    sc.endpoint.initial_capacity = initial;
    sc.endpoint.startup = asim::startup_distribution::fixed(startup_s);
    sc.scaling.min_capacity = min_cap;
    sc.scaling.max_capacity = max_cap;
    asim::target_tracking_config tt;
    tt.target_value = target;
    sc.scaling.target_tracking.push_back(tt);
    return sc;
}

} // namespace asim_test
