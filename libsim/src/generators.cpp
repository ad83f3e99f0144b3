#include "autoscalesim/generators.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/random.hpp"

#include <boost/random/gamma_distribution.hpp>
#include <boost/random/poisson_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

namespace autoscalesim {

namespace {

void require(bool ok, const std::string& what) {
    if (!ok) {
        throw config_error(what);
    }
}

void check_interval(time_ms interval_ms, std::size_t intervals) {
    require(interval_ms >= ms_per_second && interval_ms <= ms_per_hour,
            "generator: interval must be between 1 s and 1 h, got " + std::to_string(interval_ms) +
                " ms");
    require(intervals <= max_trace_intervals, "generator: " + std::to_string(intervals) +
                                                  " intervals is more than the limit of " +
                                                  std::to_string(max_trace_intervals));
}

bool in_range(double v, double lo, double hi) {
    return v >= lo && v <= hi;
}

// Stream index for synthetic traffic under rng_stream::arrivals, so it never shares a sequence with
// request-mode arrival sampling (index 0..) of the same scenario seed.
constexpr std::uint64_t noise_stream_index = 0x7472616365ULL; // "trace"

} // namespace

trace generate_seasonal(const seasonal_options& o, time_ms interval_ms, std::size_t intervals,
                        time_ms start_epoch_ms) {
    check_interval(interval_ms, intervals);
    require(std::isfinite(o.mean_rate_per_s) && o.mean_rate_per_s >= 0,
            "seasonal: mean_rate_per_s must be >= 0, got " + std::to_string(o.mean_rate_per_s));
    require(in_range(o.daily_amplitude, 0, 1), "seasonal: daily_amplitude must be in [0, 1], got " +
                                                   std::to_string(o.daily_amplitude));
    require(in_range(o.weekly_amplitude, 0, 1),
            "seasonal: weekly_amplitude must be in [0, 1], got " +
                std::to_string(o.weekly_amplitude));
    require(o.daily_peak_hour_utc >= 0 && o.daily_peak_hour_utc < 24,
            "seasonal: daily_peak_hour_utc must be in [0, 24), got " +
                std::to_string(o.daily_peak_hour_utc));
    require(o.weekly_peak_day >= 0 && o.weekly_peak_day < 7,
            "seasonal: weekly_peak_day must be in [0, 7), got " +
                std::to_string(o.weekly_peak_day));
    require(std::isfinite(o.trend_per_day),
            "seasonal: trend_per_day must be finite, got " + std::to_string(o.trend_per_day));
    // A falling trend must not reach 0 within the trace: the rate would be clipped to no traffic,
    // which passes for a quiet endpoint.
    const double days = static_cast<double>(intervals) * ms_to_seconds(interval_ms) / 86'400;
    require(1 + o.trend_per_day * days > 0,
            "seasonal: trend_per_day " + std::to_string(o.trend_per_day) +
                " takes the rate to 0 within the trace's " + std::to_string(days) +
                " days (it must be > " + std::to_string(-1 / days) + ")");
    constexpr double two_pi = 2 * std::numbers::pi;
    constexpr double ms_per_day = 86'400'000.0;
    const double interval_s = ms_to_seconds(interval_ms);
    std::vector<double> counts(intervals);
    for (std::size_t i = 0; i < intervals; ++i) {
        // Midpoint of the interval, as wall-clock ms and as days since the trace start.
        const double mid_ms = static_cast<double>(start_epoch_ms) +
                              (static_cast<double>(i) + 0.5) * static_cast<double>(interval_ms);
        const double since_start_days =
            (static_cast<double>(i) + 0.5) * static_cast<double>(interval_ms) / ms_per_day;
        const double epoch_days = mid_ms / ms_per_day;
        const double hour = (epoch_days - std::floor(epoch_days)) * 24.0;
        // 1970-01-01 was a Thursday: day 3 when Monday is 0.
        const double week_day = std::fmod(std::fmod(epoch_days + 3.0, 7.0) + 7.0, 7.0);
        const double trend = 1.0 + o.trend_per_day * since_start_days;
        const double daily =
            1.0 + o.daily_amplitude * std::cos(two_pi * (hour - o.daily_peak_hour_utc) / 24.0);
        const double weekly =
            1.0 + o.weekly_amplitude * std::cos(two_pi * (week_day - o.weekly_peak_day) / 7.0);
        counts[i] = o.mean_rate_per_s * trend * daily * weekly * interval_s;
    }
    return trace(std::move(counts), interval_ms, start_epoch_ms);
}

trace add_flash_crowd(const trace& base, const flash_crowd_options& o) {
    require(std::isfinite(o.extra_peak_rate_per_s) && o.extra_peak_rate_per_s >= 0,
            "flash crowd: extra_peak_rate_per_s must be >= 0, got " +
                std::to_string(o.extra_peak_rate_per_s));
    require(std::isfinite(o.rise_s) && o.rise_s >= 0,
            "flash crowd: rise_s must be >= 0, got " + std::to_string(o.rise_s));
    require(std::isfinite(o.decay_s) && o.decay_s > 0,
            "flash crowd: decay_s must be > 0, got " + std::to_string(o.decay_s));
    const double peak = o.extra_peak_rate_per_s;
    // Requests of the spike in [0, x] seconds after onset (x may be negative).
    auto cumulative = [&](double x) {
        if (x <= 0) {
            return 0.0;
        }
        const double up = std::min(x, o.rise_s);
        double n = o.rise_s > 0 ? peak * up * up / (2 * o.rise_s) : 0.0;
        if (x > o.rise_s) {
            n += peak * o.decay_s * -std::expm1(-(x - o.rise_s) / o.decay_s);
        }
        return n;
    };
    std::vector<double> counts = base.counts();
    const double interval_s = ms_to_seconds(base.interval_ms());
    const double onset_s = ms_to_seconds(o.onset_ms);
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const double a = static_cast<double>(i) * interval_s - onset_s;
        counts[i] += cumulative(a + interval_s) - cumulative(a);
    }
    return trace(std::move(counts), base.interval_ms(), base.start_epoch_ms());
}

trace add_step_change(const trace& base, time_ms at_ms, double factor) {
    require(std::isfinite(factor) && factor >= 0,
            "step change: factor must be >= 0, got " + std::to_string(factor));
    std::vector<double> counts = base.counts();
    const time_ms iv = base.interval_ms();
    for (std::size_t i = 0; i < counts.size(); ++i) {
        const time_ms a = static_cast<time_ms>(i) * iv;
        const time_ms after_ms = std::clamp(a + iv - at_ms, time_ms{0}, iv);
        const double frac_after = static_cast<double>(after_ms) / static_cast<double>(iv);
        counts[i] *= (1.0 - frac_after) + frac_after * factor;
    }
    return trace(std::move(counts), iv, base.start_epoch_ms());
}

trace generate_load_test(const load_test_options& o, time_ms interval_ms, time_ms start_epoch_ms) {
    require(std::isfinite(o.users) && o.users >= 0,
            "load test: users must be >= 0, got " + std::to_string(o.users));
    require(std::isfinite(o.ramp_s) && o.ramp_s >= 0,
            "load test: ramp_s must be >= 0, got " + std::to_string(o.ramp_s));
    require(std::isfinite(o.hold_s) && o.hold_s >= 0,
            "load test: hold_s must be >= 0, got " + std::to_string(o.hold_s));
    require(std::isfinite(o.requests_per_user_per_s) && o.requests_per_user_per_s >= 0,
            "load test: requests_per_user_per_s must be >= 0, got " +
                std::to_string(o.requests_per_user_per_s));
    require(o.ramp_s + o.hold_s > 0, "load test: ramp_s + hold_s must be > 0");
    require(interval_ms >= ms_per_second && interval_ms <= ms_per_hour,
            "load test: interval must be between 1 s and 1 h, got " + std::to_string(interval_ms) +
                " ms");
    const double interval_s = ms_to_seconds(interval_ms);
    const double end_s = o.ramp_s + o.hold_s;
    const double n_real = std::ceil(end_s / interval_s);
    require(n_real <= static_cast<double>(max_trace_intervals), "load test: too many intervals");
    const auto n = static_cast<std::size_t>(n_real);
    check_interval(interval_ms, n);
    const double rate = o.users * o.requests_per_user_per_s;
    // Requests in [0, x] seconds: the area under the user curve times the per-user rate.
    auto cumulative = [&](double x) {
        x = std::clamp(x, 0.0, end_s);
        const double up = std::min(x, o.ramp_s);
        double n_req = o.ramp_s > 0 ? rate * up * up / (2 * o.ramp_s) : 0.0;
        if (x > o.ramp_s) {
            n_req += rate * (x - o.ramp_s);
        }
        return n_req;
    };
    std::vector<double> counts(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double a = static_cast<double>(i) * interval_s;
        counts[i] = cumulative(a + interval_s) - cumulative(a);
    }
    return trace(std::move(counts), interval_ms, start_epoch_ms);
}

trace add_noise(const trace& expected, const noise_options& o, std::uint64_t seed) {
    const bool nb = o.model == noise_model::negative_binomial;
    require(!nb || (std::isfinite(o.dispersion) && o.dispersion > 0),
            "noise: dispersion must be > 0, got " + std::to_string(o.dispersion));
    rng_engine eng = make_engine(seed, rng_stream::arrivals, noise_stream_index);
    std::vector<double> counts(expected.size());
    for (std::size_t i = 0; i < counts.size(); ++i) {
        double mean = expected.counts()[i];
        require(mean <= 1e15, "noise: expected count " + std::to_string(mean) + " at interval " +
                                  std::to_string(i) + " is too large to sample");
        if (nb && mean > 0) {
            // Gamma(r, mean/r) mixing gives a negative binomial with variance mean + mean^2/r.
            boost::random::gamma_distribution<double> gamma(o.dispersion, mean / o.dispersion);
            mean = gamma(eng);
        }
        if (mean > 0) {
            boost::random::poisson_distribution<std::int64_t, double> poisson(mean);
            counts[i] = static_cast<double>(poisson(eng));
        }
    }
    return trace(std::move(counts), expected.interval_ms(), expected.start_epoch_ms());
}

} // namespace autoscalesim
