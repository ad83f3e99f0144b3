#pragma once
/// What a data plane reports for one span of constant arrival rate and capacity.

#include <limits>

namespace autoscalesim {

/// The share of a run's (or an interval's) requests below which it served none: the fluid mode's
/// counts are continuous, and when every request fails (a service time past the timeout) what
/// is left as served is rounding; its latencies are then unknown (NaN), not its mean.
constexpr double nothing_served = 1e-12;

/// What happened in one span of constant arrival rate and capacity.
struct span_outcome {
    double arrivals = 0;      ///< requests that arrived
    double served = 0;        ///< requests served
    double errors = 0;        ///< requests that timed out or found no capacity
    double throttled = 0;     ///< fluid: of the errors, those refused by max_queue 0
    double in_system = 0;     ///< mean requests in the system (queued + in service)
    double busy = 0;          ///< mean busy workers
    double workers = 0;       ///< workers in service
    double latency_sum_s = 0; ///< summed latency of the served requests
    /// Request mode: the same over each served request's last attempt only, from its arrival at
    /// the endpoint (ModelLatency's view; a client's back-off and refused attempts are not in
    /// it); negative: the same as latency_sum_s (no request was retried).
    double attempt_latency_sum_s = -1;
    double queued_end = 0; ///< requests waiting at the end of the span
    /// Requests that began service at once (fluid: including the few that then complete after
    /// the timeout, which `served` leaves out; the latency mixture conditions on completing
    /// in time)
    double served_no_wait = 0;
    double served_waited = 0; ///< requests that began service after a wait (likewise)
    double theta = 0;         ///< decay rate of their wait density, 1/s (see queueing::mmcd_state)
    /// Of those (less backlog_waited), the share whose wait decays at theta_fast instead: for
    /// hyperexponential service, and negative for a constant or shifted one below capacity (see
    /// queueing::served_wait_phases)
    double fast_share = 0;
    double theta_fast = 0; ///< (see fast_share)
    /// Fluid, when asked for: the p99 latency of the span's requests served in time, as if no
    /// other span's requests were counted with them (NaN otherwise).
    double p99_s = std::numeric_limits<double>::quiet_NaN();
    /// Fluid: of served_waited, the requests that waited behind a backlog, first come first
    /// served: their waits spread evenly over [backlog_wait_lo_s, backlog_wait_hi_s].
    double backlog_waited = 0;
    double backlog_wait_lo_s = 0; ///< (see backlog_waited)
    double backlog_wait_hi_s = 0; ///< (see backlog_waited)
    /// Share of the span with at least one request in the system (fluid: min(1, in_system), an
    /// upper bound since P(N > 0) <= E[N]).
    double held_share = 0;
    /// Request mode: retry attempts made in the span by clients whose request was refused at
    /// once (each an invocation; `arrivals` counts every request once).
    double retries = 0;
    /// Multi-model: requests that began service in the span, and of those the ones whose model
    /// was loaded (ModelCacheHit) and the ones that waited for it to load, with their summed
    /// waits (ModelLoadingWaitTime); the models loaded on the instances in service, time-mean.
    double model_starts = 0;
    double model_hits = 0;       ///< (see model_starts)
    double model_waited = 0;     ///< (see model_starts)
    double model_wait_sum_s = 0; ///< (see model_starts)
    double models_loaded = 0;    ///< (see model_starts)
};

} // namespace autoscalesim
