#pragma once
/// From a trace and an endpoint to a target-tracking policy to apply: a search space read off the
/// trace and the endpoint's queueing capacity, the search on the trace's first part, and the
/// choice checked on the held-out rest beside AWS's rule of thumb and the policy deployed today.

#include "autoscalesim/optimize/search.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace autoscalesim::optimize {

/// How recommend chooses.
struct recommend_options {
    double max_p99_latency_s = 1; ///< the SLO: p99 latency at most this on the training part
    double max_error_rate = 1e-3; ///< and the error rate at most this
    double test_fraction = 0.25;  ///< the trace's tail held out to check the choice (0: none)
    std::size_t budget = 200;     ///< most policies evaluated (a smaller space is searched whole)
    /// Multi-fidelity (search_options::fidelity): a first search on the training part's busiest
    /// slice_fraction, in [0, 1), whose front seeds the search on the whole training part. 0:
    /// one stage. Ignored when the space is searched whole.
    double slice_fraction = 0;
    /// Levels searched; empty: read off the trace (MinCapacity from the troughs, MaxCapacity from
    /// the peak with headroom, TargetValue around the load one instance sustains within the SLO).
    std::vector<double> min_capacity{}, max_capacity{}, target_value{};
    std::uint64_t seed = 1;                    ///< the adaptive search's stream
    unsigned threads = 0;                      ///< 0: every core; results never depend on it
    progress_callback on_progress{};           ///< progress and cancellation
    const std::atomic<bool>* cancel = nullptr; ///< stops the search from another thread
};

/// One policy run on the training part and on the held-out part.
struct policy_check {
    std::string label;              ///< "recommended", "rule of thumb", "current"
    scaling_config scaling;         ///< the policy as run
    summary train{};                ///< on the training part
    std::optional<summary> test;    ///< on the held-out part (none when nothing is held out)
    bool meets_train = false;       ///< p99 and error rate within the SLO on the training part
    std::optional<bool> meets_test; ///< the same on the held-out part
};

/// What recommend found.
struct recommendation {
    problem tuned;                        ///< the search: the training part, space, constraints
    search_result search;                 ///< every policy evaluated, the front
    std::vector<std::string> space_notes; ///< how each searched range was chosen
    double sustainable_rate_per_s = 0;    ///< requests/s one instance serves within the p99 SLO
    double max_rate_per_s = 0;            ///< one instance's throughput: workers / service time
    trace train;                          ///< the trace's first part, searched on
    trace test;                           ///< the held-out tail (empty when none)
    /// The cheapest policy meeting the SLO on the training part; empty when none does.
    std::optional<policy_check> recommended;
    /// AWS's rule of thumb: TargetValue = max RPS x 0.5 x 60 (max RPS: one instance's
    /// throughput), with the recommended policy's Min and Max (the space's when none).
    policy_check rule_of_thumb;
    std::optional<policy_check> current; ///< the scaling deployed today, when given
};

/// Recommends a target-tracking policy on InvocationsPerInstance for base.traffic and
/// base.endpoint. base.scaling's first target-tracking policy (one on InvocationsPerInstance is
/// added when it has none) gives every setting not searched (cooldowns, alarms); base.slo is set
/// to the p99 SLO (latency_s = max_p99_latency_s, target 0.99). `current`, when given, is run
/// on both parts for comparison. Throws config_error for an SLO no instance can meet (the
/// service time's own tail is longer), a bad level list or a trace too short to split.
recommendation recommend(const scenario& base, const recommend_options& options,
                         const scaling_config* current = nullptr);

} // namespace autoscalesim::optimize
