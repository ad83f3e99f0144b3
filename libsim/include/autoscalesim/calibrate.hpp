#pragma once
/// Does the simulator match an endpoint? Replay what happened (the deployed policy on the
/// observed traffic), measure how far the replay is from the endpoint's own history (scaling
/// activities, instance count, ModelLatency), fit what the history identifies (start-up time,
/// service time and workers, the metric publish delay) and replay again. docs/calibrate.md has
/// the method and the AWS exports it reads; the io layer reads them (io/aws_activities.hpp,
/// io/cloudwatch.hpp), this file sees only the simulator's own types.

#include "autoscalesim/result.hpp"
#include "autoscalesim/scenario.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace autoscalesim::calibration {

inline constexpr double not_measured = std::numeric_limits<double>::quiet_NaN();

/// What the endpoint showed over the trace's window, aligned with the trace.
struct observed {
    /// Its successful scaling activities, in ms from the trace start, as the simulator writes its
    /// own (from, to, start, end: end is when the new instances were in service).
    std::vector<activity> activities;
    int initial_capacity = 1; ///< instances in service at the trace start
    /// From this time (ms from the trace start) on the instances in service are known; before
    /// it (a history that starts after the trace: describe-scaling-activities lists six weeks)
    /// compare() and the service fit leave the intervals out. calibrate() sets it when it finds
    /// such a history.
    time_ms known_from_ms = 0;
    /// Per trace interval: mean ModelLatency in seconds (NaN where none); empty: not observed.
    std::vector<double> latency_s;
    /// Per trace interval: p99 ModelLatency in seconds (NaN where none); empty: not observed.
    std::vector<double> p99_latency_s;
    /// Per trace interval: the share of an instance's workers that are busy, 0..1 (e.g.
    /// GPUUtilization / 100 on a one-GPU instance); NaN where none; empty: not observed.
    std::vector<double> utilization;
};

/// Datapoints (epoch ms, value) as one value per interval of t: the mean of the datapoints whose
/// timestamp falls in the interval, times `scale` (1e-6 for ModelLatency's microseconds, 0.01
/// for a percentage); NaN for an interval without any.
std::vector<double> per_interval(const std::vector<time_ms>& epoch_ms,
                                 const std::vector<double>& values, const trace& t, double scale);

/// Instances in service in the middle of each interval of t, from activities (an activity's
/// `to` counts from its end) and the capacity before the first.
std::vector<double> capacity_per_interval(const std::vector<activity>& activities,
                                          int initial_capacity, const trace& t);

/// An observed activity paired with a simulated one.
struct activity_match {
    std::size_t observed = 0;  ///< index in the observed activities
    std::size_t simulated = 0; ///< index in the replay's activities
    double offset_s = 0;       ///< simulated start - observed start, seconds
};

/// Latency agreement for intervals of one load band (requests per second per instance).
struct load_band {
    double low_per_s = 0;        ///< lowest load of the band
    double high_per_s = 0;       ///< highest load of the band
    std::size_t intervals = 0;   ///< intervals with an observed and a simulated latency
    double observed_mean_s = 0;  ///< their mean observed latency
    double simulated_mean_s = 0; ///< their mean simulated latency
    double mean_abs_error_s = 0; ///< mean |simulated - observed|
};

/// How far a replay is from what happened.
struct replay_error {
    std::size_t observed_activities = 0;   ///< observed activities in the window
    std::size_t simulated_activities = 0;  ///< the replay's activities
    std::size_t matched = 0;               ///< pairs: same direction, starts within the window
    std::size_t missing = 0;               ///< observed activities the replay does not have
    std::size_t extra = 0;                 ///< replay activities the endpoint did not have
    double median_offset_s = not_measured; ///< median |start offset| of the pairs
    double p90_offset_s = not_measured;    ///< 90th percentile |start offset| of the pairs
    double median_signed_offset_s = not_measured; ///< median (simulated - observed) start
    double to_agreement = not_measured;           ///< share of pairs that set the same count
    double from_agreement = not_measured;         ///< share of pairs that start from the same count
    double capacity_mean_abs_error = 0; ///< mean |simulated - observed| instances per interval
    double capacity_exact_share = 0;    ///< share of intervals with exactly the same count
    std::size_t latency_intervals = 0;  ///< intervals with both latencies
    double latency_mean_abs_error_s = not_measured; ///< mean |simulated - observed| latency
    double latency_bias_s = not_measured;           ///< mean (simulated - observed) latency
    double p99_mean_abs_error_s = not_measured;     ///< the same for p99, where observed
    std::vector<load_band> bands;                   ///< latency error by load (quantile bands)
    std::vector<activity_match> matches;            ///< the pairs, by observed start
    std::vector<double> observed_capacity;          ///< per interval (for figures)
    std::vector<double> simulated_capacity;         ///< per interval
};

/// How activities are paired and latency is banded.
struct compare_options {
    double match_window_s = 900; ///< the largest start offset of a pair
    int load_bands = 4;          ///< quantile bands of per-instance load
};

/// Compares a replay of the trace t with what the endpoint showed. Pairs are formed greedily,
/// closest starts first, one to one, in the same direction. Throws config_error when an observed
/// series does not have one value per interval of t.
replay_error compare(const result& replay, const observed& obs, const trace& t,
                     const compare_options& options = {});

/// An estimate with its 90 % bootstrap interval.
struct estimate {
    double value = not_measured; ///< the fit on all the data
    double low = not_measured;   ///< 5th percentile of the bootstrap fits
    double high = not_measured;  ///< 95th percentile of the bootstrap fits
};

/// The start-up time fitted to the durations of scale-out activities.
struct startup_fit {
    startup_distribution distribution; ///< lognormal (median, sigma)
    estimate median_s;                 ///< median start-up, seconds
    estimate sigma;                    ///< standard deviation of its log
    std::size_t activities = 0;        ///< scale-outs used
};

/// Maximum likelihood: a scale-out adding k instances lasts the longest of k start-ups, so each
/// duration has density k F^(k-1) f with F, f lognormal. Uses scale-outs with a known from count
/// and a duration > 0; throws config_error with fewer than 3.
startup_fit fit_startup(const std::vector<activity>& observed, std::uint64_t seed,
                        int resamples = 200);

/// Service time and workers fitted to ModelLatency (and utilization, when observed) against the
/// load per instance.
struct service_fit {
    double service_time_s = 0; ///< mean service time
    double service_cv = 0;     ///< its coefficient of variation
    int workers = 1;           ///< requests one instance serves at once
    estimate service_time;     ///< mean service time with its interval (at the fitted workers)
    estimate cv;               ///< cv with its interval (at the fitted workers)
    /// Root mean square relative error of the best fit with 1, 2, ... workers: how clearly the
    /// data single out the workers.
    std::vector<double> rms_by_workers;
    std::size_t intervals = 0;     ///< intervals used
    bool used_utilization = false; ///< whether utilization took part
    bool used_p99 = false;         ///< whether the p99 latency set the cv
};

/// Least squares on the stationary queue the fluid mode uses (M/M/c+D with the Allen-Cunneen
/// factor; docs/fluid-model.md): per interval, load per instance = arrivals / interval /
/// capacity, predicted mean latency = service + mean wait, predicted utilization = busy workers /
/// workers; relative errors, intervals pooled into load bins. Throws config_error when fewer than
/// 20 intervals have traffic, capacity and an observed latency. `p99_latency_s` (empty: none)
/// is the observed p99 per interval, which sets the cv where given.
service_fit fit_service(const trace& t, const std::vector<double>& capacity,
                        const std::vector<double>& latency_s,
                        const std::vector<double>& utilization, double timeout_s, int max_workers,
                        std::uint64_t seed, int resamples = 100,
                        const std::vector<double>& p99_latency_s = {});

/// The metric publish delay fitted from the start times of the activities. Alarms are evaluated
/// once a metric period P, so every delay in ((m - 1) P, m P] gives the same replay: the fit
/// tries the middle of each class up to 10 P and keeps the one whose replay's activities start
/// closest to the observed ones (the sum of the pairs' |offset|, an unpaired activity counting
/// as the pairing window).
struct delay_fit {
    double publish_delay_s = 0; ///< the fitted delay: the middle of its class
    estimate delay; ///< the class; low and high widened to the classes within 2 % of its cost
    std::size_t matches = 0; ///< pairs used
};

/// What to fit.
struct calibrate_options {
    bool fit_startup = true; ///< from activity durations
    bool fit_service = true; ///< from latency (and utilization)
    bool fit_delay = true;   ///< from activity start offsets
    int max_workers = 16;    ///< the most workers tried
    int resamples = 100;     ///< bootstrap resamples for the intervals
    compare_options compare; ///< pairing and bands
};

/// The replay before and after fitting, and what was fitted.
struct calibration_result {
    replay_error before;                ///< the given scenario's replay against the history
    replay_error after;                 ///< the calibrated scenario's replay
    result before_run;                  ///< the given scenario's replay
    result after_run;                   ///< the calibrated scenario's replay
    scenario calibrated;                ///< the given scenario with the fitted values
    std::optional<startup_fit> startup; ///< when fitted
    std::optional<service_fit> service; ///< when fitted
    std::optional<delay_fit> delay;     ///< when fitted
    /// The replay of the given policy disagrees with the history in a way no fitted parameter
    /// explains (too few activities paired, or they set other counts): the deployed policy
    /// probably differs from the one given.
    bool policy_mismatch = false;
    /// One sentence each: what was not fitted and why, and the mismatch.
    std::vector<std::string> notes;
};

/// Replays `given` (its traffic is the observed traffic; its initial capacity is replaced by
/// obs.initial_capacity), compares, fits what the history identifies in the order start-up,
/// service, delay, replays the calibrated scenario and compares again.
calibration_result calibrate(const scenario& given, const observed& obs,
                             const calibrate_options& options = {});

} // namespace autoscalesim::calibration
