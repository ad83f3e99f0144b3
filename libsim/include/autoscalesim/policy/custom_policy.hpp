#pragma once
/// Custom policies: user code that sets the desired capacity at each evaluation.

#include "autoscalesim/scenario.hpp"
#include "autoscalesim/time.hpp"

#include <memory>
#include <optional>
#include <string>

namespace autoscalesim {

/// What a custom policy sees at one evaluation: the fleet now and the period that just ended.
/// Figures of the period are exact (no CloudWatch publish delay); a policy may add its own lag.
struct policy_observation {
    double now_s = 0;            ///< evaluation time, seconds from the start of the trace
    double period_s = 0;         ///< length of the period that just ended, seconds
    int desired = 0;             ///< current desired capacity
    int in_service = 0;          ///< instances in service now
    int starting = 0;            ///< instances launched and not yet in service
    int min_capacity = 0;        ///< MinCapacity
    int max_capacity = 0;        ///< MaxCapacity
    bool activity_in_progress{}; ///< a scale-out is waiting for instances to enter service
    double arrivals = 0;         ///< requests that arrived in the period
    double served = 0;           ///< requests served in the period
    double errors = 0;           ///< requests that failed in the period
    double mean_in_service = 0;  ///< instances in service, time-weighted mean over the period
    double invocations_per_instance = 0; ///< arrivals / mean_in_service (NaN with no instance)
    double utilization = 0;              ///< busy workers / workers, mean over the period (0..1)
    double mean_latency_s = 0;           ///< mean latency of the period's served requests (NaN)
    double queued = 0;                   ///< requests waiting for a worker now
};

/// A scaling policy written by the user as one decision per period (in C++ or, through the
/// bindings, in Python). For full control (own metric streams, evaluation times, cooldowns)
/// derive from autoscalesim::policy instead.
///
/// The simulator calls decide() every period_s seconds with the period that just ended. The
/// answer is clamped to [MinCapacity, MaxCapacity]; a larger one scales out (waiting for an
/// activity in progress, as target tracking does), a smaller one scales in on its own (an
/// independent policy: not while an activity is in progress). A custom policy has no cooldown of
/// its own: it keeps whatever state it needs.
class custom_policy {
public:
    /// Virtual: custom policies are owned through pointers to this base.
    virtual ~custom_policy() = default;

    /// The desired capacity the policy asks for (>= 0), or no value to leave it unchanged. A
    /// negative capacity is a config_error.
    virtual std::optional<int> decide(const policy_observation& observation) = 0;

    std::string name = "custom"; ///< name used in the activity log
    double period_s = 60;        ///< evaluation period, whole seconds in [1, 86400]
};

/// A policy factory for scaling_config::custom: each run gets an adapter that sums every span
/// into a policy_observation and asks `p` once per period. `p` itself is shared between runs.
/// Throws config_error if `p` is null.
policy_factory custom_policy_factory(std::shared_ptr<custom_policy> p);

} // namespace autoscalesim
