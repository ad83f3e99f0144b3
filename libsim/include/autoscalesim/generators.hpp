#pragma once
/// Synthetic traffic: expected-rate shapes (seasonality, trend, flash crowds, steps, load tests)
/// and seeded count noise (Poisson or negative binomial). Shapes are deterministic; only add_noise
/// draws.

#include "autoscalesim/time.hpp"
#include "autoscalesim/trace.hpp"

#include <cstddef>
#include <cstdint>

namespace autoscalesim {

/// Daily and weekly seasonality with a linear trend: the expected rate, before noise.
struct seasonal_options {
    double mean_rate_per_s =
        10; ///< mean rate over whole days and weeks at the start (before trend)
    double daily_amplitude = 0.5;    ///< relative swing of the daily cycle, in [0, 1]
    double daily_peak_hour_utc = 15; ///< hour of the daily peak (UTC), in [0, 24)
    double weekly_amplitude = 0;     ///< relative swing of the weekly cycle, in [0, 1]
    double weekly_peak_day = 2;      ///< day of the weekly peak (0 = Monday 00:00 UTC), in [0, 7)
    double trend_per_day =
        0; ///< linear growth of the mean per day since the start (0.01 = +1 %/day)
};

/// Expected counts of a seasonal rate, evaluated at each interval's midpoint:
/// rate(t) = mean * (1 + trend*days) * (1 + a_d cos(2 pi (hour - peak_hour)/24))
///                                   * (1 + a_w cos(2 pi (day - peak_day)/7)).
/// A falling trend that takes the rate to 0 within the trace is an error (config_error).
trace generate_seasonal(const seasonal_options& options, time_ms interval_ms, std::size_t intervals,
                        time_ms start_epoch_ms = 0);

/// A flash crowd: extra traffic that rises linearly to a peak and decays exponentially.
struct flash_crowd_options {
    time_ms onset_ms = 0;             ///< start of the rise, from the start of the trace
    double extra_peak_rate_per_s = 0; ///< extra rate at the top of the spike, requests per second
    double rise_s = 0;                ///< duration of the linear rise (0 = a sudden jump)
    double decay_s = 600; ///< time constant of the exponential decay after the peak (> 0)
};

/// base plus a flash crowd, integrated exactly over each interval.
trace add_flash_crowd(const trace& base, const flash_crowd_options& options);

/// base with every count from at_ms (from the start of the trace) on multiplied by factor (>= 0);
/// the interval that contains at_ms is changed in proportion to the part after at_ms.
trace add_step_change(const trace& base, time_ms at_ms, double factor);

/// The shape of a load test: users ramp linearly from 0 to N, then hold.
struct load_test_options {
    double users = 100;   ///< concurrent users at the plateau (N)
    double ramp_s = 600;  ///< duration of the ramp from 0 to N users (T)
    double hold_s = 1800; ///< duration of the plateau (H)
    double requests_per_user_per_s =
        1; ///< each user's request rate, 1 / (think time + response time)
};

/// Expected counts of a load test, integrated exactly over each interval; ceil((T + H) / interval)
/// intervals (the last one may be partly after the end, which counts as no traffic).
trace generate_load_test(const load_test_options& options, time_ms interval_ms,
                         time_ms start_epoch_ms = 0);

/// Distribution of the count in an interval around its expected value.
enum class noise_model {
    poisson,           ///< variance = mean
    negative_binomial, ///< overdispersed: variance = mean + mean^2 / dispersion (gamma-Poisson
                       ///< mixture)
};

/// How add_noise draws counts.
struct noise_options {
    noise_model model = noise_model::poisson; ///< the count distribution
    double dispersion = 10; ///< negative binomial size r (> 0); smaller is burstier
};

/// Whole counts drawn around expected's counts; the same seed always gives the same counts.
trace add_noise(const trace& expected, const noise_options& options, std::uint64_t seed);

} // namespace autoscalesim
