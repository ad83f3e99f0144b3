#pragma once
/// Predictive scaling: a seasonal forecast of the hourly load from the trace's own past.

#include "autoscalesim/policy/policy.hpp"
#include "autoscalesim/result.hpp"
#include "autoscalesim/scenario.hpp"

#include <vector>

namespace autoscalesim {

/// Predictive scaling in the EC2 Auto Scaling model (also Application Auto Scaling's, for ECS
/// services). SageMaker variants do not offer it: it is here to compare, not to plan a SageMaker
/// policy.
///
/// - The policy sees the requests that arrived (observe), binned into UTC hours.
/// - At every refresh time (UTC multiples of refresh_period_s) with at least min_history_s of
///   history, it forecasts the next 48 hours: each hour's mean requests per minute is the mean of
///   the same hour one season ago, two seasons ago, ... (seasons_averaged of them, only hours
///   already complete). Weekly seasonality falls back to daily until a week of history exists.
/// - scheduling_buffer_s before each hour it proposes a scale-out to the hour's forecast capacity,
///   ceil(load / target_per_instance); it never scales in. With IncreaseMaxCapacity the target's
///   MaxCapacity is raised for that hour to ceil(capacity x (1 + buffer / 100)) when that is
///   above it.
class predictive_policy : public policy {
public:
    /// A policy for the configuration (validated by the caller).
    explicit predictive_policy(const predictive_config& config);

    /// The configuration.
    const predictive_config& config() const noexcept { return config_; }
    /// Aligns hours and refreshes with the trace's wall clock.
    void start(time_ms start_epoch_ms, time_ms duration_ms) override;
    /// Refresh times and hour starts (minus the scheduling buffer).
    time_ms next_evaluation_ms(time_ms after) const override;
    /// Refreshes the forecast and, before an hour, proposes its capacity.
    proposal decide(time_ms now, const policy_view& view) override;
    /// Bins the arrivals into hours.
    void observe(time_ms t0, time_ms t1, const span_outcome& outcome, int in_service) override;
    /// Predictive scaling never scales in.
    bool scales_in() const noexcept override { return false; }
    /// An hour's capacity is asked for once (a scheduled raise), so it is kept through an
    /// activity in progress.
    bool asks_again() const noexcept override { return false; }

    /// The forecast used for each hour so far (one point per hour that had a forecast).
    const std::vector<forecast_point>& forecast() const noexcept { return used_; }
    /// The MaxCapacity in effect for an hour: max_capacity, or with IncreaseMaxCapacity
    /// max(max_capacity, ceil(forecast_capacity x (1 + buffer_percent / 100))).
    static int effective_max(int forecast_capacity, int max_capacity, max_capacity_breach breach,
                             double buffer_percent);

private:
    struct hour_bin {
        double arrivals = 0;
        time_ms covered_ms = 0;
    };
    struct hour_forecast {
        bool valid = false;
        double load_per_minute = 0;
        time_ms made_ms = 0;
    };
    std::int64_t hour_index(time_ms t) const noexcept; // hour containing t
    time_ms hour_start(std::int64_t k) const noexcept;
    void refresh(time_ms now);

    predictive_config config_;
    time_ms hour_origin_ = 0;    // trace time of the UTC hour boundary at or before the start
    time_ms refresh_origin_ = 0; // trace time of a UTC-aligned refresh at or before the start
    std::vector<hour_bin> bins_;
    std::vector<hour_forecast> forecast_; // by hour index
    std::vector<forecast_point> used_;
};

} // namespace autoscalesim
