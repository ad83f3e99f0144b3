#pragma once
/// The request-level data plane: every request an event, routed to an instance, queued FIFO,
/// served by one of its workers, timed out, drained on scale-in.

#include "autoscalesim/fleet.hpp"
#include "autoscalesim/random.hpp"
#include "autoscalesim/scenario.hpp"
#include "autoscalesim/serving/fluid_plane.hpp"
#include "autoscalesim/serving/latency_histogram.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <boost/random/uniform_int_distribution.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <unordered_map>
#include <vector>

namespace autoscalesim {

/// Simulated time inside the request plane: integer nanoseconds since the start of the trace.
using time_ns = std::int64_t;

/// Figures of a request plane since it started (every request counted once, when it leaves).
struct request_totals {
    std::uint64_t arrivals = 0;           ///< requests that arrived
    std::uint64_t served = 0;             ///< completed within the invocation timeout
    std::uint64_t late = 0;               ///< completed after the invocation timeout (errors)
    std::uint64_t timed_out = 0;          ///< left the queue at the invocation timeout (errors)
    std::uint64_t throttled = 0;          ///< rejected at once by a full instance queue (errors)
    std::uint64_t rejected = 0;           ///< arrived while no instance was in service (errors)
    std::uint64_t retries = 0;            ///< client retry attempts (refused attempts retried)
    std::uint64_t within_slo = 0;         ///< served within the SLO latency
    std::uint64_t started = 0;            ///< requests that began service
    std::uint64_t started_after_wait = 0; ///< of those, the ones that waited (wait > 0)
    double wait_sum_s = 0;                ///< summed waits of the requests that began service
    double latency_sum_s = 0;             ///< summed latency of the served requests
    double sojourn_sum_s = 0;             ///< summed time in the system of every request that left
    double area_request_s = 0; ///< integral over time of the requests in the system (L x T)
    /// Serverless: requests that waited for a new container (a cold start)
    std::uint64_t cold_starts = 0;
    /// Serverless: service seconds of the requests run on demand (what is billed by duration)
    double on_demand_compute_s = 0;
    /// Serverless: service seconds of the requests run on provisioned concurrency
    double provisioned_compute_s = 0;
    /// Multi-model: requests that began service with their model loaded (ModelCacheHit)
    std::uint64_t cache_hits = 0;
    std::uint64_t model_loads = 0; ///< multi-model: models loaded into an instance
    std::uint64_t load_waited = 0; ///< multi-model: requests that waited for a model to load
    double load_wait_sum_s = 0;    ///< multi-model: their summed waits (ModelLoadingWaitTime)

    /// Requests that failed: late + timed out + throttled + rejected.
    std::uint64_t errors() const noexcept { return late + timed_out + throttled + rejected; }
};

/// The requests in the system at one instant (taken every request_plane::concurrency_period_ms).
struct concurrency_sample {
    time_ms at_ms = 0;  ///< when
    int in_system = 0;  ///< requests queued or in service, on every instance (draining included)
    int in_service = 0; ///< instances receiving requests
};

namespace detail {

/// Draws service times of one service-time distribution, in nanoseconds.
class service_sampler {
public:
    /// A sampler for the instance type's distribution.
    explicit service_sampler(const instance_type& type);
    /// One service time, nanoseconds.
    time_ns operator()(rng_engine& engine);

private:
    service_family family_;
    double mean_ns_;
    double shift_ns_ = 0, p1_ = 1, scale1_ns_ = 0, scale2_ns_ = 0; // fitted
    boost::random::exponential_distribution<double> unit_exp_{1.0};
    boost::random::uniform_01<double> unit_;
    boost::random::lognormal_distribution<double> lognormal_;
    boost::random::gamma_distribution<double> gamma_;
    boost::random::uniform_int_distribution<std::size_t> pick_;
    std::vector<time_ns> samples_ns_;
};

/// Generates the arrival times of the scenario's arrival process, one at a time, in order.
class arrival_source {
public:
    /// A source for the scenario's traffic, arrival process and log.
    explicit arrival_source(const scenario& sc);
    /// The next arrival time, or never when there are no more.
    time_ns next();

    /// A time after every event.
    static constexpr time_ns never = std::numeric_limits<time_ns>::max();

private:
    // Where request number k falls in an interval, in requests from its start, when the
    // intervals before it hold `before` requests; it belongs to the first interval where this is
    // below the interval's count.
    static double place_in_interval(double k, double before);
    // The requests of the current interval (count c) under that rule.
    std::uint64_t uniform_count(double c) const;

    arrival_process process_;
    const std::vector<double>* counts_;
    const std::vector<time_ms>* log_;
    time_ns interval_ns_;
    std::size_t interval_ = 0; // current interval (all but log)
    time_ns position_ = 0;     // poisson: last arrival or interval start
    double before_ = 0;        // *_counts: requests of the intervals before this one
    double emitted_ = 0;       // *_counts: requests emitted (poisson_counts: counted) so far
    bool counted_ = false;     // poisson_counts: the current interval's count is known
    std::uint64_t left_ = 0;   // poisson_counts: arrivals still to come in the interval
    double fraction_ = 0;      // poisson_counts: last arrival's place in the interval, [0, 1)
    std::size_t next_log_ = 0; // log: next timestamp
    rng_engine engine_;
    boost::random::exponential_distribution<double> unit_exp_{1.0};
};

/// A client's retry of a refused request, due at `at`.
struct retry_attempt {
    time_ns at = 0;          ///< when the client tries again
    std::uint64_t id = 0;    ///< the request's arrival number (breaks ties)
    time_ns origin = 0;      ///< its first attempt, where its latency starts
    int attempt = 2;         ///< this attempt's number (the first is 1)
    std::uint16_t model = 0; ///< multi-model: the model it asks for
};

/// A request waiting in a queue.
struct waiting {
    time_ns arrival = 0;     ///< when it arrived
    std::uint64_t id = 0;    ///< its arrival number (unique, increasing)
    std::uint16_t model = 0; ///< multi-model: the model it asks for
};

/// A model in an instance's memory (multi-model endpoints).
struct cached_model {
    std::uint16_t model = 0; ///< which
    int users = 0;           ///< requests in service with it (it is not evicted meanwhile)
    time_ns ready_at = 0;    ///< when its load completes
    time_ns last_used = 0;   ///< when a request last began or ended with it (LRU)
};

/// A request waiting, in the plane-wide arrival-order list used to find the next timeout.
struct waiting_ref {
    time_ns arrival = 0;    ///< when it arrived
    std::uint64_t id = 0;   ///< its arrival number
    std::uint32_t slot = 0; ///< the server it waits at
};

/// A first-in first-out ring buffer that grows by doubling and never shrinks.
template <class T> class ring {
public:
    /// True when empty.
    bool empty() const noexcept { return size_ == 0; }
    /// Elements held.
    std::size_t size() const noexcept { return size_; }
    /// The oldest element.
    const T& front() const noexcept { return data_[head_]; }
    /// Removes the oldest element.
    void pop_front() noexcept {
        head_ = (head_ + 1) & (data_.size() - 1);
        --size_;
    }
    /// Appends an element.
    void push_back(const T& v) {
        if (size_ == data_.size()) {
            grow();
        }
        data_[(head_ + size_) & (data_.size() - 1)] = v;
        ++size_;
    }
    /// Removes every element, keeping the storage.
    void clear() noexcept { head_ = size_ = 0; }

private:
    void grow() {
        std::vector<T> bigger(data_.empty() ? 16 : 2 * data_.size());
        for (std::size_t i = 0; i < size_; ++i) {
            bigger[i] = data_[(head_ + i) & (data_.size() - 1)];
        }
        data_.swap(bigger);
        head_ = 0;
    }
    std::vector<T> data_;
    std::size_t head_ = 0;
    std::size_t size_ = 0;
};

/// One instance as the request plane sees it.
struct server {
    ring<waiting> queue;               ///< requests waiting, FIFO
    int busy = 0;                      ///< workers serving a request
    std::size_t fleet_index = 0;       ///< its index in fleet::instances()
    bool draining = false;             ///< receives no new request
    bool live = false;                 ///< the slot holds an instance
    instance_load load{};              ///< its figures so far (when the plane keeps them)
    time_ns settled = 0;               ///< load's time integrals run to here
    std::vector<cached_model> models;  ///< multi-model: the models in its memory
    double used_gb = 0;                ///< multi-model: their memory
    std::vector<cached_model> on_disk; ///< multi-model: the models on its volume (model, last_used)
    double disk_gb = 0;                ///< multi-model: their size
};

/// A request in service, to complete at `at`.
struct completion {
    time_ns at = 0;          ///< completion time
    std::uint64_t id = 0;    ///< arrival number (breaks ties)
    time_ns arrival = 0;     ///< arrival time
    std::uint32_t slot = 0;  ///< server
    std::uint16_t model = 0; ///< multi-model: the model it runs
    bool failed = false;     ///< asynchronous: stopped at the processing timeout (an error)
};

} // namespace detail

/// The exact data plane. Each request is an event: it arrives (Poisson, evenly spaced counts or a
/// log), goes to an in-service instance (random or least-outstanding-requests), starts on a free
/// worker or waits FIFO (throttled when the queue is full), leaves the queue as an error at the
/// invocation timeout, and is an error if it completes after it. An asynchronous endpoint instead
/// holds one FIFO queue in front of the instances, kept at zero instances too: a request starts
/// on a free worker of any instance in service or waits there, expires after the request TTL,
/// and fails when its processing reaches the processing timeout. Starting instances get nothing;
/// draining instances get nothing new, finish what they hold and are then reported gone to the
/// fleet. A serverless endpoint's instances are its provisioned containers: a request takes a
/// free one, or else runs on demand, in the most recently used warm idle container or after a
/// cold start, unless max_concurrency requests already run (throttled). A multi-model request
/// asks for one model (drawn by the models' shares): it goes to the instance holding the model
/// with the fewest requests when that one has a free worker, else to a free worker elsewhere
/// (which loads the model), else queues at the holder (or a routed instance); a model not in
/// memory when its request begins service is loaded first, evicting the least recently used
/// idle model when memory is full. Events at one instant
/// run in the order completion, timeout, arrival, sample, ties by arrival number, so a seed
/// fixes the run. Memory is O(instances + requests in the system).
class request_plane {
public:
    /// Interval of the concurrency samples (ConcurrentRequestsPerModel at high resolution).
    static constexpr time_ms concurrency_period_ms = 10'000;

    /// The most requests the plane holds waiting at once. Each waiting request takes about 50
    /// bytes (twice that while its queue grows), so a fleet far behind its traffic would
    /// otherwise fill the machine's memory: past this many, advance() throws config_error.
    static constexpr std::uint64_t default_max_waiting = 20'000'000;

    /// A plane for the scenario (traffic, arrival process, endpoint, SLO, seed); nothing in it.
    /// With `keep_loads`, each instance's own figures go to its instance_load in the fleet at
    /// the end of every span and when it leaves. The scenario must outlive the plane.
    explicit request_plane(const scenario& sc, bool keep_loads = false,
                           std::uint64_t max_waiting = default_max_waiting);

    /// Runs every event in [t0_ms, t1_ms) with the fleet as it is at t0_ms (the caller cuts spans
    /// at every fleet change). Calls fleet.finish_draining() for each instance that drains.
    span_outcome advance(time_ms t0_ms, time_ms t1_ms, fleet& instances);

    /// Requests in the system now (queued + in service, draining instances included).
    double in_system() const noexcept { return static_cast<double>(in_system_); }
    /// Requests waiting now.
    std::uint64_t queued() const noexcept { return queued_; }
    /// Figures since the start.
    const request_totals& totals() const noexcept { return totals_; }
    /// Latencies of every served request.
    const latency_histogram& latency() const noexcept { return run_latency_; }
    /// Latencies of the served requests since the caller last cleared it (per timeline step).
    latency_histogram& step_latency() noexcept { return step_latency_; }
    /// Requests in the system every concurrency_period_ms, from time 0.
    const std::vector<concurrency_sample>& concurrency() const noexcept { return samples_; }

private:
    void sync(fleet& instances, time_ns now);
    void clock_to(time_ns t) noexcept;
    void arrive(time_ns t);
    bool interval_cdf(time_ns t);
    void admit(time_ns t, std::uint64_t id, time_ns origin, int attempt, std::uint16_t model);
    // Counts one more waiting request; throws past max_waiting_.
    void count_waiting(time_ns t);
    bool refuse(time_ns t, std::uint64_t id, time_ns origin, int attempt, std::uint16_t model);
    void retry();
    time_ns origin_of(std::uint64_t id, time_ns attempt); // and forgets it
    void complete(time_ns t);
    void finish_request(const detail::completion& c, time_ns t, detail::server* s);
    void time_out();
    void expire();
    std::uint32_t free_server();
    void pull_from_queue(time_ns now);
    void take_from_queue(std::uint32_t slot, time_ns now);    // the endpoint queue's oldest
    void note_routed(std::uint32_t slot, time_ns t) noexcept; // its load counts one more
    void start_service(std::uint32_t slot, time_ns arrival, std::uint64_t id, time_ns now,
                       std::uint16_t model = 0);
    std::uint32_t route_model(std::uint16_t model); // multi-model routing
    time_ns from_volume(std::uint32_t slot, std::uint16_t m, time_ns now);
    time_ns acquire_model(std::uint32_t slot, std::uint16_t m, time_ns now); // its load wait
    void release_model(std::uint32_t slot, std::uint16_t m, time_ns now);
    void forget_models(std::uint32_t slot); // the instance leaves service: routing forgets it
    void drop_model(std::uint32_t slot, std::size_t index);
    void unhold(std::uint16_t m, std::uint32_t slot);
    void start_on_demand(time_ns t, std::uint64_t id); // serverless: beyond the provisioned
    std::uint32_t route();
    void count_outstanding(std::uint32_t slot, int delta) noexcept {
        if (least_outstanding_ && position_[slot] >= 0) {
            auto& load = active_load_[static_cast<std::size_t>(position_[slot])];
            load = static_cast<std::uint32_t>(static_cast<int>(load) + delta);
        }
    }
    void index_active();
    void leave_server(std::uint32_t slot, time_ns now);
    void settle(detail::server& s, time_ns now) noexcept;
    void push_completion(const detail::completion& c);
    detail::completion pop_completion();

    int workers_;
    time_ns timeout_ns_;
    time_ns slo_ns_;
    std::optional<int> max_queue_; ///< waiting requests per instance that throttle; none: no limit
    std::uint64_t max_waiting_;    ///< waiting requests the plane holds at most (then throws)
    bool least_outstanding_;
    bool keep_loads_;
    bool async_;            ///< one queue in front of the instances
    time_ns processing_ns_; ///< asynchronous: processing timeout
    int max_attempts_;      ///< a client's attempts for a refused request
    double backoff_base_s_, max_backoff_s_;
    bool serverless_;      ///< provisioned containers, then on-demand ones
    int max_concurrency_;  ///< serverless: requests running at once
    time_ns keep_warm_ns_; ///< serverless: an idle on-demand container's warm time
    startup_distribution cold_start_;
    bool multi_model_;                  ///< models loaded on demand
    std::vector<double> model_cdf_;     ///< multi-model: cumulative shares, the last 1
    const std::vector<int>* model_log_; ///< multi-model: each logged request's model, or empty
    /// multi-model: per model, its count in each interval (empty: the shares of model_cdf_)
    const std::vector<std::vector<double>>* model_counts_;
    time_ns interval_ns_;                  ///< the trace's interval
    std::vector<double> interval_cdf_;     ///< cumulative counts of interval cdf_interval_
    std::int64_t cdf_interval_ = -1;       ///< which interval interval_cdf_ holds (-1: none)
    double memory_gb_;                     ///< multi-model: an instance's memory for models
    std::vector<double> model_gb_;         ///< multi-model: each model's size
    std::vector<time_ns> model_load_ns_;   ///< multi-model: each model's load time
    std::vector<time_ns> model_reload_ns_; ///< multi-model: its load time from the volume
    double disk_cap_gb_ = 0;               ///< multi-model: the volume's room (0: every model)
    bool caching_;                         ///< multi-model: keep idle models loaded
    detail::arrival_source source_;
    detail::service_sampler service_;
    rng_engine service_engine_;
    rng_engine routing_engine_;
    rng_engine retry_engine_;
    rng_engine cold_engine_;
    rng_engine model_engine_;
    std::vector<std::vector<std::uint32_t>> holders_; // multi-model: model -> active slots
    std::int64_t loaded_total_ = 0;   // multi-model: models loaded on the instances in service
    std::int64_t on_demand_busy_ = 0; // serverless: on-demand containers running a request
    std::vector<time_ns> warm_;       // serverless: idle on-demand containers, idle since (sorted)
    std::vector<detail::retry_attempt> retries_;         // min-heap on (at, id)
    std::unordered_map<std::uint64_t, time_ns> origins_; // retried requests: id -> first attempt

    std::vector<detail::server> servers_; // slots, reused
    std::vector<std::uint32_t> free_slots_;
    std::vector<std::uint32_t> active_;         // slots receiving requests, launch order
    std::vector<std::uint32_t> active_load_;    // least-outstanding: requests held, as active_
    std::vector<std::int32_t> position_;        // slot -> index in active_, -1 when not there
    std::vector<std::int32_t> slot_of_;         // fleet index -> slot (-1 none yet, -2 gone)
    std::vector<detail::completion> heap_;      // requests in service, min-heap on (at, id)
    detail::ring<detail::waiting_ref> waiting_; // queued requests, arrival order (some stale)
    detail::ring<detail::waiting> central_;     // asynchronous: the endpoint's queue
    fleet* fleet_ = nullptr;
    std::size_t rotate_ = 0;
    int draining_ = 0; // draining instances this plane holds

    time_ns now_ = 0;
    time_ns next_arrival_ = 0;
    time_ns next_sample_ = 0;
    std::uint64_t next_id_ = 0;
    std::int64_t in_system_ = 0;
    std::int64_t busy_ = 0;
    std::uint64_t queued_ = 0;
    std::int64_t worker_slots_ = 0; // workers of active and draining instances

    // accumulators of the current span
    double span_area_system_ = 0, span_area_busy_ = 0, span_area_workers_ = 0;
    double span_latency_s_ = 0, span_held_ = 0;
    double span_attempt_latency_s_ = 0; // served requests' last attempts (ModelLatency)
    double span_area_loaded_ = 0, span_load_wait_s_ = 0; // multi-model
    std::uint64_t span_hits_ = 0, span_starts_ = 0, span_load_waited_ = 0;
    std::uint64_t span_arrivals_ = 0, span_served_ = 0, span_errors_ = 0, span_retries_ = 0;

    request_totals totals_;
    latency_histogram run_latency_;
    latency_histogram step_latency_;
    std::vector<concurrency_sample> samples_;
};

} // namespace autoscalesim
