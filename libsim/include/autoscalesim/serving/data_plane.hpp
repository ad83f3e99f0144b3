#pragma once
/// The data plane as the simulator sees it: one interface, a fluid or a request-level plane
/// behind it, chosen by the scenario's mode.

#include "autoscalesim/fleet.hpp"
#include "autoscalesim/scenario.hpp"
#include "autoscalesim/serving/span_outcome.hpp"
#include "autoscalesim/time.hpp"

#include <memory>

namespace autoscalesim {

/// What a serverless endpoint used so far: what its bill and its cold starts are counted from.
struct serverless_usage {
    double cold_starts = 0;           ///< requests that waited for a new container
    double on_demand_compute_s = 0;   ///< service seconds run on demand
    double provisioned_compute_s = 0; ///< service seconds run on provisioned concurrency
};

/// What a multi-model endpoint's cache did so far.
struct model_cache_usage {
    double starts = 0;     ///< requests that began service
    double hits = 0;       ///< of them, with their model loaded
    double loads = 0;      ///< models loaded
    double waited = 0;     ///< requests that waited for a load
    double wait_sum_s = 0; ///< their summed waits
};

/// Turns arrivals and in-service capacity into served requests, queueing, latency and errors,
/// one span of constant capacity at a time, and keeps the latency figures of the run. The
/// simulator calls it once per span (between control events), so an implementation may be
/// virtual without cost; what is per request or per step stays inside it.
class data_plane {
public:
    virtual ~data_plane() = default;

    /// Runs the span [t0_ms, t1_ms) with the fleet as it is at t0_ms (the caller cuts spans at
    /// every fleet change). `arrivals` is the trace's count for the span, which a plane that
    /// generates its own arrival times ignores. May tell the fleet that draining instances are
    /// gone.
    virtual span_outcome advance(time_ms t0_ms, time_ms t1_ms, double arrivals,
                                 fleet& instances) = 0;

    /// True if instances taken out of service finish the requests they hold (draining); false
    /// if they leave at once.
    virtual bool drains_on_scale_in() const noexcept = 0;
    /// Requests in the system now (queued + in service).
    virtual double in_system() const noexcept = 0;

    /// The p99 latency (seconds) of the requests served since the last call, NaN if none; starts
    /// the next step's record.
    virtual double take_step_p99() = 0;
    /// The p-quantile latency (seconds) of every request served so far.
    virtual double latency_quantile(double p) const = 0;
    /// Requests served so far within the SLO latency.
    virtual double served_within_slo() const = 0;
    /// Requests rejected so far by a full instance queue (or, serverless, beyond MaxConcurrency).
    virtual double throttled() const noexcept = 0;
    /// A serverless endpoint's usage so far; zeros for the other kinds.
    virtual serverless_usage serverless() const noexcept { return {}; }
    /// A multi-model endpoint's cache figures so far; zeros for the other kinds.
    virtual model_cache_usage model_cache() const noexcept { return {}; }
};

/// True when a policy of the scenario reads per-instance figures: a Kubernetes HPA with a Pods
/// metric (its replica calculation averages each ready pod's own sample).
bool needs_instance_loads(const scenario& sc);

/// The plane for the scenario's mode: plane_mode::fluid gives the fluid plane (fluid_plane.hpp),
/// plane_mode::request the request-level plane (request_plane.hpp). When needs_instance_loads(sc),
/// the plane keeps every instance's instance_load in the fleet (the fluid plane gives each
/// instance in service an equal share of each span; the request plane counts each instance's own
/// requests). The scenario must outlive the plane.
std::unique_ptr<data_plane> make_data_plane(const scenario& sc);

} // namespace autoscalesim
