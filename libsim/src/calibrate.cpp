#include "autoscalesim/calibrate.hpp"

#include "quantile.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/random.hpp"
#include "autoscalesim/serving/latency_mixture.hpp"
#include "autoscalesim/serving/queueing.hpp"
#include "autoscalesim/simulator.hpp"

#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <numeric>

namespace autoscalesim::calibration {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

int direction(const activity& a) {
    return a.to > a.from ? 1 : a.to < a.from ? -1 : 0;
}

void check_length(const std::vector<double>& series, const trace& t, const char* name) {
    if (!series.empty() && series.size() != t.size()) {
        throw config_error(in_field(std::string("observed.") + name),
                           std::to_string(series.size()) + " values for a trace of " +
                               std::to_string(t.size()) + " intervals (give one per interval)");
    }
}

// Nelder-Mead on f over R^N from x0 with initial steps `step`; returns the best point found.
template <std::size_t N>
std::array<double, N> minimise(const std::function<double(const std::array<double, N>&)>& f,
                               std::array<double, N> x0, const std::array<double, N>& step,
                               int iterations = 400) {
    std::array<std::array<double, N>, N + 1> p{};
    std::array<double, N + 1> y{};
    p[0] = x0;
    for (std::size_t i = 0; i < N; ++i) {
        p[i + 1] = x0;
        p[i + 1][i] += step[i];
    }
    for (std::size_t i = 0; i <= N; ++i)
        y[i] = f(p[i]);
    const auto along = [&](const std::array<double, N>& c, const std::array<double, N>& worst,
                           double t) {
        std::array<double, N> r{};
        for (std::size_t k = 0; k < N; ++k)
            r[k] = c[k] + t * (worst[k] - c[k]);
        return r;
    };
    for (int it = 0; it < iterations; ++it) {
        std::array<std::size_t, N + 1> order{};
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return y[a] < y[b] || (y[a] == y[b] && a < b);
        });
        const std::size_t best = order[0], worst = order[N], second = order[N - 1];
        if (std::abs(y[worst] - y[best]) <= 1e-12 * (1 + std::abs(y[best]))) break;
        std::array<double, N> c{};
        for (std::size_t i = 0; i <= N; ++i) {
            if (i == worst) continue;
            for (std::size_t k = 0; k < N; ++k)
                c[k] += p[i][k] / static_cast<double>(N);
        }
        const auto xr = along(c, p[worst], -1.0);
        const double yr = f(xr);
        if (yr < y[best]) {
            const auto xe = along(c, p[worst], -2.0);
            const double ye = f(xe);
            if (ye < yr) {
                p[worst] = xe, y[worst] = ye;
            } else {
                p[worst] = xr, y[worst] = yr;
            }
        } else if (yr < y[second]) {
            p[worst] = xr, y[worst] = yr;
        } else {
            const auto xc = along(c, p[worst], yr < y[worst] ? -0.5 : 0.5);
            const double yc = f(xc);
            if (yc < std::min(yr, y[worst])) {
                p[worst] = xc, y[worst] = yc;
            } else { // shrink towards the best
                for (std::size_t i = 0; i <= N; ++i) {
                    if (i == best) continue;
                    for (std::size_t k = 0; k < N; ++k) {
                        p[i][k] = p[best][k] + 0.5 * (p[i][k] - p[best][k]);
                    }
                    y[i] = f(p[i]);
                }
            }
        }
    }
    std::size_t best = 0;
    for (std::size_t i = 1; i <= N; ++i) {
        if (y[i] < y[best]) best = i;
    }
    return p[best];
}

// The 5th and 95th percentiles of fit(resample) over `resamples` bootstrap resamples of n items.
template <class Fit>
std::pair<double, double> bootstrap(std::size_t n, int resamples, std::uint64_t seed,
                                    std::uint64_t index, Fit&& fit) {
    if (resamples <= 0 || n == 0) return {nan, nan};
    rng_engine engine = make_engine(seed, rng_stream::calibration, index);
    boost::random::uniform_int_distribution<std::size_t> pick(0, n - 1);
    std::vector<double> values;
    std::vector<std::size_t> idx(n);
    for (int r = 0; r < resamples; ++r) {
        for (auto& i : idx)
            i = pick(engine);
        const double v = fit(idx);
        if (std::isfinite(v)) values.push_back(v);
    }
    return {detail::quantile(values, 0.05, nan), detail::quantile(values, 0.95, nan)};
}

// ---------------------------------------------------------------------------------------------
// Start-up time.

struct duration_obs {
    double log_s = 0; // log of the duration in seconds
    int k = 1;        // instances added
};

double log_phi(double z) {
    return std::log(std::max(0.5 * std::erfc(-z / std::sqrt(2.0)), 1e-300));
}

// Negative log-likelihood of the max-of-k lognormal (the log x Jacobian is constant).
double startup_nll(const std::vector<duration_obs>& d, const std::vector<std::size_t>* pick,
                   double mu, double sigma) {
    double nll = 0;
    const auto one = [&](const duration_obs& o) {
        const double z = (o.log_s - mu) / sigma;
        nll -= std::log(static_cast<double>(o.k)) + (o.k - 1) * log_phi(z) - 0.5 * z * z -
               std::log(sigma);
    };
    if (pick != nullptr) {
        for (const std::size_t i : *pick)
            one(d[i]);
    } else {
        for (const auto& o : d)
            one(o);
    }
    return nll;
}

std::pair<double, double> fit_lognormal_max(const std::vector<duration_obs>& d,
                                            const std::vector<std::size_t>* pick) {
    double m = 0, m2 = 0, count = 0;
    const auto add = [&](const duration_obs& o) { m += o.log_s, m2 += o.log_s * o.log_s, ++count; };
    if (pick != nullptr) {
        for (const std::size_t i : *pick)
            add(d[i]);
    } else {
        for (const auto& o : d)
            add(o);
    }
    m /= count;
    const double sd = std::sqrt(std::max(m2 / count - m * m, 1e-6));
    // sigma within (0, 3], the bound a scenario's startup.sigma has.
    const auto sigma_of = [](double log_sigma) {
        constexpr double most = 3;
        return std::min(std::exp(std::clamp(log_sigma, -12.0, std::log(most))), most);
    };
    const auto x = minimise<2>(
        [&](const std::array<double, 2>& p) { return startup_nll(d, pick, p[0], sigma_of(p[1])); },
        {m - 0.5 * sd, std::log(std::max(sd, 1e-3))}, {0.2, 0.5});
    return {x[0], sigma_of(x[1])};
}

// ---------------------------------------------------------------------------------------------
// Service time and workers.

struct load_point {
    double lambda = 0;  // requests per second per instance
    double latency = 0; // observed mean latency, s
    double util = nan;  // observed busy share, or NaN
    double p99 = nan;   // observed p99 latency, or NaN
};

struct bin {
    double lambda = 0, latency = 0, util = nan, p99 = nan, weight = 0;
};

// Load bins of equal count; each bin's latency and utilization are the medians of its intervals
// (a mean would be pulled up by the minutes of a transient overload, which the stationary queue
// does not describe).
std::vector<bin> make_bins(std::vector<load_point> pts) {
    std::sort(pts.begin(), pts.end(),
              [](const load_point& a, const load_point& b) { return a.lambda < b.lambda; });
    const std::size_t nbins = std::clamp<std::size_t>(pts.size() / 10, 1, 200);
    std::vector<bin> bins;
    std::vector<double> lat, util, p99;
    for (std::size_t b = 0; b < nbins; ++b) {
        const std::size_t lo = b * pts.size() / nbins, hi = (b + 1) * pts.size() / nbins;
        if (hi <= lo) continue;
        bin x;
        lat.clear();
        util.clear();
        p99.clear();
        for (std::size_t i = lo; i < hi; ++i) {
            x.lambda += pts[i].lambda;
            lat.push_back(pts[i].latency);
            if (std::isfinite(pts[i].util)) util.push_back(pts[i].util);
            if (std::isfinite(pts[i].p99)) p99.push_back(pts[i].p99);
        }
        x.weight = static_cast<double>(hi - lo);
        x.lambda /= x.weight;
        x.latency = detail::quantile(lat, 0.5, nan);
        x.util = detail::quantile(util, 0.5, nan);
        x.p99 = detail::quantile(p99, 0.5, nan);
        bins.push_back(x);
    }
    return bins;
}

// Mean square relative error of the queue's prediction over the bins.
double service_objective(const std::vector<bin>& bins, int c, double s, double cv,
                         double timeout_s) {
    double sum = 0, w = 0;
    const double k = (1 + cv * cv) / 2;
    for (const auto& b : bins) {
        const auto q = queueing::mmcd(c, b.lambda, 1 / s, timeout_s, k);
        const double lat = s + q.mean_wait_served_s;
        double e = (lat / b.latency - 1) * (lat / b.latency - 1);
        if (std::isfinite(b.util)) {
            const double u = q.mean_busy / c;
            const double du = (u - b.util) / std::max(b.util, 0.1);
            e += du * du;
        }
        sum += b.weight * e;
        w += b.weight;
    }
    return sum / w;
}

struct service_point {
    double s = 0, cv = 0, objective = 0;
};

service_point fit_at_workers(const std::vector<bin>& bins, int c, double timeout_s, double s0,
                             double cv0) {
    const auto f = [&](const std::array<double, 2>& p) {
        const double s = std::exp(std::clamp(p[0], -15.0, 8.0));
        const double cv = std::clamp(p[1], 0.0, 5.0);
        return service_objective(bins, c, s, cv, timeout_s) + (cv - p[1]) * (cv - p[1]);
    };
    auto x = minimise<2>(f, {std::log(s0), cv0}, {0.1, 0.3});
    x = minimise<2>(f, x, {0.03, 0.1}); // restart: Nelder-Mead may stall on a ridge
    const double s = std::exp(std::clamp(x[0], -15.0, 8.0));
    const double cv = std::clamp(x[1], 0.0, 5.0);
    return {s, cv, service_objective(bins, c, s, cv, timeout_s)};
}

// The cv whose predicted p99 latency (the stationary queue's response-time distribution: served
// at once with the service time, or after a truncated-exponential wait) best matches the bins'
// p99, at c workers and service time s: golden-section search on the mean square relative error
// over [0, 4]. NaN when no bin has a p99.
double fit_cv_to_p99(const std::vector<bin>& bins, int c, double s, double timeout_s) {
    bool any = false;
    for (const auto& b : bins)
        any = any || std::isfinite(b.p99);
    if (!any) return nan;
    const auto err = [&](double cv) {
        const auto shape = queueing::fit_service(s, cv);
        const double k = (1 + cv * cv) / 2;
        double sum = 0, w = 0;
        for (const auto& b : bins) {
            if (!std::isfinite(b.p99) || !(b.p99 > 0)) continue;
            const auto q = queueing::mmcd(c, b.lambda, 1 / s, timeout_s, k);
            latency_mixture mix(shape, timeout_s);
            mix.add(q.p_no_wait, q.p_wait,
                    queueing::served_wait_phases(shape, c, b.lambda, q.theta, timeout_s));
            const double e = mix.quantile(0.99, 1e-4) / b.p99 - 1;
            sum += b.weight * e * e;
            w += b.weight;
        }
        return sum / w;
    };
    double lo = 0, hi = 4;
    const double g = (std::sqrt(5.0) - 1) / 2;
    double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
    double f1 = err(x1), f2 = err(x2);
    for (int it = 0; it < 25; ++it) { // the bracket shrinks to 4 x 0.618^25 = 2e-5
        if (f1 < f2) {
            hi = x2, x2 = x1, f2 = f1;
            x1 = hi - g * (hi - lo);
            f1 = err(x1);
        } else {
            lo = x1, x1 = x2, f1 = f2;
            x2 = lo + g * (hi - lo);
            f2 = err(x2);
        }
    }
    return (lo + hi) / 2;
}

// ---------------------------------------------------------------------------------------------

void greedy_pairs(const std::vector<activity>& obs, const std::vector<activity>& sim,
                  double window_s, std::vector<activity_match>& out) {
    struct cand {
        double abs_s;
        std::size_t i, j;
        double off_s;
    };
    std::vector<cand> cands;
    const auto window_ms = static_cast<time_ms>(window_s * 1000.0);
    for (std::size_t i = 0; i < obs.size(); ++i) {
        const int dir = direction(obs[i]);
        if (dir == 0) continue;
        const auto first =
            std::lower_bound(sim.begin(), sim.end(), obs[i].start_ms - window_ms,
                             [](const activity& a, time_ms t) { return a.start_ms < t; });
        for (auto it = first; it != sim.end() && it->start_ms <= obs[i].start_ms + window_ms;
             ++it) {
            if (direction(*it) != dir) continue;
            const double off = ms_to_seconds(it->start_ms - obs[i].start_ms);
            cands.push_back({std::abs(off), i, static_cast<std::size_t>(it - sim.begin()), off});
        }
    }
    std::stable_sort(cands.begin(), cands.end(), [](const cand& a, const cand& b) {
        return a.abs_s < b.abs_s ||
               (a.abs_s == b.abs_s && (a.i < b.i || (a.i == b.i && a.j < b.j)));
    });
    std::vector<char> used_o(obs.size(), 0), used_s(sim.size(), 0);
    for (const auto& c : cands) {
        if (used_o[c.i] != 0 || used_s[c.j] != 0) continue;
        used_o[c.i] = used_s[c.j] = 1;
        out.push_back({c.i, c.j, c.off_s});
    }
    std::sort(out.begin(), out.end(), [](const activity_match& a, const activity_match& b) {
        return a.observed < b.observed;
    });
}

// The CloudWatch policies' publish delay (the first one's), or NaN when there is none.
double publish_delay(const scaling_config& s) {
    if (!s.target_tracking.empty()) return s.target_tracking.front().publish_delay_s;
    if (!s.step_scaling.empty()) return s.step_scaling.front().publish_delay_s;
    return nan;
}

void set_publish_delay(scaling_config& s, double d) {
    for (auto& p : s.target_tracking)
        p.publish_delay_s = d;
    for (auto& p : s.step_scaling)
        p.publish_delay_s = d;
}

std::string fmt(double v, int digits = 3) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

} // namespace

std::vector<double> per_interval(const std::vector<time_ms>& epoch_ms,
                                 const std::vector<double>& values, const trace& t, double scale) {
    if (epoch_ms.size() != values.size()) {
        throw config_error("per_interval: " + std::to_string(epoch_ms.size()) + " timestamps but " +
                           std::to_string(values.size()) + " values");
    }
    std::vector<double> sum(t.size(), 0.0), count(t.size(), 0.0);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const time_ms off = epoch_ms[i] - t.start_epoch_ms();
        if (off < 0 || off >= t.duration_ms()) continue;
        const auto k = static_cast<std::size_t>(off / t.interval_ms());
        sum[k] += values[i];
        count[k] += 1;
    }
    for (std::size_t k = 0; k < sum.size(); ++k) {
        sum[k] = count[k] > 0 ? sum[k] / count[k] * scale : nan;
    }
    return sum;
}

namespace {
// The middle of interval k of t, ms from its start: where an interval's count is read.
time_ms interval_middle_ms(const trace& t, std::size_t k) {
    return static_cast<time_ms>(k) * t.interval_ms() + t.interval_ms() / 2;
}
} // namespace

std::vector<double> capacity_per_interval(const std::vector<activity>& activities,
                                          int initial_capacity, const trace& t) {
    std::vector<activity> by_end = activities;
    std::stable_sort(by_end.begin(), by_end.end(),
                     [](const activity& a, const activity& b) { return a.end_ms < b.end_ms; });
    std::vector<double> out(t.size());
    std::size_t next = 0;
    int current = initial_capacity;
    for (std::size_t k = 0; k < t.size(); ++k) {
        const time_ms mid = interval_middle_ms(t, k);
        while (next < by_end.size() && by_end[next].end_ms <= mid)
            current = by_end[next++].to;
        out[k] = current;
    }
    return out;
}

replay_error compare(const result& replay, const observed& obs, const trace& t,
                     const compare_options& options) {
    check_length(obs.latency_s, t, "latency_s");
    check_length(obs.p99_latency_s, t, "p99_latency_s");
    check_length(obs.utilization, t, "utilization");
    replay_error e;
    e.observed_activities = obs.activities.size();
    e.simulated_activities = replay.activities.size();
    greedy_pairs(obs.activities, replay.activities, options.match_window_s, e.matches);
    e.matched = e.matches.size();
    e.missing = e.observed_activities - e.matched;
    e.extra = e.simulated_activities - e.matched;
    if (!e.matches.empty()) {
        std::vector<double> abs_off, off;
        double to_same = 0, from_same = 0;
        for (const auto& m : e.matches) {
            abs_off.push_back(std::abs(m.offset_s));
            off.push_back(m.offset_s);
            to_same += obs.activities[m.observed].to == replay.activities[m.simulated].to;
            from_same += obs.activities[m.observed].from == replay.activities[m.simulated].from;
        }
        e.median_offset_s = detail::quantile(abs_off, 0.5, nan);
        e.p90_offset_s = detail::quantile(abs_off, 0.9, nan);
        e.median_signed_offset_s = detail::quantile(off, 0.5, nan);
        e.to_agreement = to_same / static_cast<double>(e.matched);
        e.from_agreement = from_same / static_cast<double>(e.matched);
    }
    e.observed_capacity = capacity_per_interval(obs.activities, obs.initial_capacity, t);
    e.simulated_capacity = capacity_per_interval(replay.activities, obs.initial_capacity, t);
    // (intervals whose middle is before obs.known_from_ms are not compared: the observed count
    // is not known there)
    const auto known = [&](std::size_t k) { return interval_middle_ms(t, k) >= obs.known_from_ms; };
    double abs_sum = 0, exact = 0, compared = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        if (!known(k)) continue;
        const double d = e.simulated_capacity[k] - e.observed_capacity[k];
        abs_sum += std::abs(d);
        exact += d == 0;
        ++compared;
    }
    if (compared > 0) {
        e.capacity_mean_abs_error = abs_sum / compared;
        e.capacity_exact_share = exact / compared;
    }
    if (obs.latency_s.empty() && obs.p99_latency_s.empty()) return e;
    if (replay.steps.size() != t.size()) {
        throw config_error("compare: the replay has no timeline to compare latency with "
                           "(simulate with record_timeline)");
    }
    const double interval_s = ms_to_seconds(t.interval_ms());
    struct row {
        double load, obs, sim;
    };
    std::vector<row> rows;
    for (std::size_t k = 0; k < t.size() && !obs.latency_s.empty(); ++k) {
        const double o = obs.latency_s[k], s = replay.steps.mean_latency_s[k];
        if (!std::isfinite(o) || !std::isfinite(s) || e.observed_capacity[k] <= 0 || !known(k))
            continue;
        rows.push_back({t.counts()[k] / interval_s / e.observed_capacity[k], o, s});
    }
    if (!rows.empty()) {
        double abs_err = 0, bias = 0;
        for (const auto& r : rows)
            abs_err += std::abs(r.sim - r.obs), bias += r.sim - r.obs;
        e.latency_intervals = rows.size();
        e.latency_mean_abs_error_s = abs_err / static_cast<double>(rows.size());
        e.latency_bias_s = bias / static_cast<double>(rows.size());
        std::stable_sort(rows.begin(), rows.end(),
                         [](const row& a, const row& b) { return a.load < b.load; });
        const auto nb = static_cast<std::size_t>(std::max(1, options.load_bands));
        for (std::size_t b = 0; b < nb; ++b) {
            const std::size_t lo = b * rows.size() / nb, hi = (b + 1) * rows.size() / nb;
            if (hi <= lo) continue;
            load_band band;
            band.low_per_s = rows[lo].load;
            band.high_per_s = rows[hi - 1].load;
            band.intervals = hi - lo;
            for (std::size_t i = lo; i < hi; ++i) {
                band.observed_mean_s += rows[i].obs;
                band.simulated_mean_s += rows[i].sim;
                band.mean_abs_error_s += std::abs(rows[i].sim - rows[i].obs);
            }
            const auto n = static_cast<double>(band.intervals);
            band.observed_mean_s /= n;
            band.simulated_mean_s /= n;
            band.mean_abs_error_s /= n;
            e.bands.push_back(band);
        }
    }
    if (!obs.p99_latency_s.empty()) {
        double abs_err = 0, n = 0;
        for (std::size_t k = 0; k < t.size(); ++k) {
            const double o = obs.p99_latency_s[k], s = replay.steps.p99_latency_s[k];
            if (std::isfinite(o) && std::isfinite(s) && known(k)) abs_err += std::abs(s - o), ++n;
        }
        if (n > 0) e.p99_mean_abs_error_s = abs_err / n;
    }
    return e;
}

startup_fit fit_startup(const std::vector<activity>& observed, std::uint64_t seed, int resamples) {
    std::vector<duration_obs> d;
    for (const auto& a : observed) {
        if (a.to > a.from && a.from >= 0 && a.end_ms > a.start_ms) {
            d.push_back({std::log(ms_to_seconds(a.end_ms - a.start_ms)), a.to - a.from});
        }
    }
    if (d.size() < 3) {
        throw config_error("fit_startup: " + std::to_string(d.size()) +
                           " scale-outs with a duration; at least 3 are needed to fit a start-up "
                           "time");
    }
    startup_fit out;
    out.activities = d.size();
    const auto [mu, sigma] = fit_lognormal_max(d, nullptr);
    out.median_s.value = std::exp(mu);
    out.sigma.value = sigma;
    std::vector<double> med, sig;
    bootstrap(d.size(), resamples, seed, 1, [&](const std::vector<std::size_t>& pick) {
        const auto [m, s] = fit_lognormal_max(d, &pick);
        med.push_back(std::exp(m));
        sig.push_back(s);
        return 0.0;
    });
    out.median_s.low = detail::quantile(med, 0.05, nan);
    out.median_s.high = detail::quantile(med, 0.95, nan);
    out.sigma.low = detail::quantile(sig, 0.05, nan);
    out.sigma.high = detail::quantile(sig, 0.95, nan);
    out.distribution = startup_distribution::lognormal(out.median_s.value, out.sigma.value);
    return out;
}

service_fit fit_service(const trace& t, const std::vector<double>& capacity,
                        const std::vector<double>& latency_s,
                        const std::vector<double>& utilization, double timeout_s, int max_workers,
                        std::uint64_t seed, int resamples,
                        const std::vector<double>& p99_latency_s) {
    check_length(capacity, t, "capacity");
    check_length(latency_s, t, "latency_s");
    check_length(utilization, t, "utilization");
    check_length(p99_latency_s, t, "p99_latency_s");
    if (max_workers < 1) throw config_error(in_field("max_workers"), "expected >= 1");
    const double interval_s = ms_to_seconds(t.interval_ms());
    service_fit out;
    std::vector<load_point> pts;
    bool any_util = false;
    for (std::size_t k = 0; k < t.size() && !latency_s.empty(); ++k) {
        if (!(capacity[k] > 0) || !(t.counts()[k] > 0) || !std::isfinite(latency_s[k]) ||
            !(latency_s[k] > 0)) {
            continue;
        }
        load_point p{t.counts()[k] / interval_s / capacity[k], latency_s[k], nan, nan};
        if (!utilization.empty() && std::isfinite(utilization[k])) {
            p.util = utilization[k];
            any_util = true;
        }
        if (!p99_latency_s.empty() && std::isfinite(p99_latency_s[k])) {
            p.p99 = p99_latency_s[k];
            out.used_p99 = true;
        }
        pts.push_back(p);
    }
    if (pts.size() < 20) {
        throw config_error("fit_service: " + std::to_string(pts.size()) +
                           " intervals with traffic, instances and a latency; at least 20 are "
                           "needed to fit the service time");
    }
    // Intervals of a transient overload or of its backlog draining (a latency above twice the
    // quietest tenth's, or workers over 70 % busy where utilization is observed) are left out:
    // their latency is set by how long the overload lasted, not by the stationary queue.
    std::vector<load_point> by_load = pts;
    std::sort(by_load.begin(), by_load.end(),
              [](const load_point& a, const load_point& b) { return a.lambda < b.lambda; });
    std::vector<double> quiet;
    for (std::size_t i = 0; i < std::max<std::size_t>(1, by_load.size() / 10); ++i) {
        quiet.push_back(by_load[i].latency);
    }
    const double s0 =
        detail::quantile(quiet, 0.5, nan); // nearly the service time: the starting point
    std::erase_if(pts, [&](const load_point& p) {
        return p.latency > 2 * s0 || (std::isfinite(p.util) && p.util > 0.7);
    });
    if (pts.size() < 20) {
        throw config_error("fit_service: " + std::to_string(pts.size()) +
                           " intervals outside transient overloads; at least 20 are needed to fit "
                           "the service time");
    }
    const std::vector<bin> bins = make_bins(pts);
    out.intervals = pts.size();
    out.used_utilization = any_util;
    service_point best{};
    best.objective = std::numeric_limits<double>::infinity();
    for (int c = 1; c <= max_workers; ++c) {
        const service_point p = fit_at_workers(bins, c, timeout_s, s0, 1.0);
        out.rms_by_workers.push_back(std::sqrt(p.objective));
        if (p.objective < best.objective) {
            best = p;
            out.workers = c;
        }
    }
    // The p99, where observed, says more about the service time's spread than the mean does.
    const double p99_cv = fit_cv_to_p99(bins, out.workers, best.s, timeout_s);
    if (std::isfinite(p99_cv)) best.cv = p99_cv;
    if (!(best.s >= 1e-6)) {
        char text[200];
        std::snprintf(text, sizeof text,
                      "fit_service: the observed latencies (quietest tenth's median %.3g s) fit a "
                      "service time of %.3g s, below a microsecond: check the latency export "
                      "(ModelLatency is in microseconds)",
                      s0, best.s);
        throw config_error(text);
    }
    out.service_time_s = best.s;
    out.service_cv = best.cv;
    out.service_time.value = best.s;
    out.cv.value = best.cv;
    std::vector<double> ss, cvs;
    bootstrap(pts.size(), resamples, seed, 2, [&](const std::vector<std::size_t>& pick) {
        std::vector<load_point> sample;
        sample.reserve(pick.size());
        for (const std::size_t i : pick)
            sample.push_back(pts[i]);
        const auto sample_bins = make_bins(std::move(sample));
        const service_point p =
            fit_at_workers(sample_bins, out.workers, timeout_s, best.s, best.cv);
        ss.push_back(p.s);
        cvs.push_back(
            std::isfinite(p99_cv) ? fit_cv_to_p99(sample_bins, out.workers, p.s, timeout_s) : p.cv);
        return 0.0;
    });
    out.service_time.low = detail::quantile(ss, 0.05, nan);
    out.service_time.high = detail::quantile(ss, 0.95, nan);
    out.cv.low = detail::quantile(cvs, 0.05, nan);
    out.cv.high = detail::quantile(cvs, 0.95, nan);
    return out;
}

calibration_result calibrate(const scenario& given, const observed& listed,
                             const calibrate_options& options) {
    const trace& t = given.traffic;
    calibration_result out;
    scenario sc = given;
    sc.endpoint.initial_capacity = listed.initial_capacity;
    sc.record_timeline = true;
    sc.validate();
    out.before_run = simulate(sc);
    // A history that starts after the trace (describe-scaling-activities lists six weeks; a
    // CloudWatch export can be longer): the given policy's replay scales before the first
    // observed activity, beyond the pairing window, where nothing was listed. The instances in
    // service before that activity are then unknown (the first's `from` is --initial-capacity),
    // so the comparison and the service fit start at it, and the replay's activities before it
    // are not held against the policy. (The mirror of a history that ends early, below.)
    observed obs = listed;
    const time_ms window_ms = seconds_to_ms(options.compare.match_window_s);
    time_ms first_observed = -1;
    for (const auto& o : obs.activities) {
        first_observed = first_observed < 0 ? o.start_ms : std::min(first_observed, o.start_ms);
    }
    const auto before_first = [&](const result& r) {
        std::size_t n = 0;
        for (const auto& a : r.activities) {
            n += first_observed >= 0 && a.start_ms < first_observed - window_ms ? 1 : 0;
        }
        return n;
    };
    // (three at least: a stray one before a history that starts with the trace is not a sign)
    if (const std::size_t early = before_first(out.before_run);
        early >= 3 && out.before_run.activities.size() > obs.activities.size() &&
        std::max(obs.activities.size(), out.before_run.activities.size() - early) >= 5) {
        obs.known_from_ms = first_observed;
        out.notes.push_back(
            "the observed history starts at " + fmt(ms_to_seconds(first_observed), 6) +
            " s of the trace (its first activity), " +
            fmt(ms_to_seconds(first_observed) / 3600, 3) +
            " hours after the trace starts, and the given policy's replay has " +
            std::to_string(early) +
            " activities before it with no counterpart: the history looks cut off at its "
            "start (describe-scaling-activities lists the last six weeks; export the traffic "
            "over the same window), or the endpoint did not scale then; the instances before "
            "it are unknown, so the comparison and the fit start at it, and the replay's "
            "activities before it are not counted against the policy");
    }
    out.before = compare(out.before_run, obs, t, options.compare);
    // Application Auto Scaling keeps the capacity within [MinCapacity, MaxCapacity]
    // (RegisterScalableTarget): a history that leaves the given range is another target's, or
    // its range changed within the history. (Scheduled actions move the range: not checked.)
    if (given.scaling.scheduled.empty()) {
        const int lo = given.scaling.min_capacity, hi = given.scaling.max_capacity;
        std::size_t outside = 0;
        const activity* first = nullptr;
        for (const auto& a : obs.activities) {
            if (a.to < lo || a.to > hi) {
                ++outside;
                if (first == nullptr) first = &a;
            }
        }
        if (first != nullptr) {
            out.policy_mismatch = true;
            out.notes.push_back(
                std::to_string(outside) + " of " + std::to_string(obs.activities.size()) +
                " observed activities set a count outside the given [MinCapacity, MaxCapacity] = "
                "[" +
                std::to_string(lo) + ", " + std::to_string(hi) + "] (the first at " +
                fmt(ms_to_seconds(first->start_ms), 6) + " s of the trace, " +
                std::to_string(first->from) + " to " + std::to_string(first->to) +
                "): the history does not follow the given capacity range (another scalable "
                "target's history, or a range changed within it); the fitted values are not to "
                "be trusted");
        }
    }

    if (options.fit_startup) {
        try {
            out.startup = fit_startup(obs.activities, given.seed, options.resamples);
            sc.endpoint.startup = out.startup->distribution;
        } catch (const config_error& e) {
            out.notes.push_back("start-up not fitted: " + e.problem());
        }
    }
    if (options.fit_service) {
        if (obs.latency_s.empty()) {
            out.notes.emplace_back("service time not fitted: no ModelLatency given");
        } else {
            try {
                auto cap = capacity_per_interval(obs.activities, obs.initial_capacity, t);
                for (std::size_t k = 0; k < cap.size(); ++k) { // (not known before it)
                    if (interval_middle_ms(t, k) < obs.known_from_ms) cap[k] = nan;
                }
                out.service = fit_service(t, cap, obs.latency_s, obs.utilization,
                                          sc.endpoint.invocation_timeout_s, options.max_workers,
                                          given.seed, options.resamples, obs.p99_latency_s);
                auto& type = sc.endpoint.type;
                if (type.service == service_family::empirical ||
                    type.service == service_family::exponential ||
                    type.service == service_family::deterministic) {
                    type.service = service_family::fitted;
                    type.service_samples_s.clear();
                }
                type.service_time_s = out.service->service_time_s;
                type.service_cv = out.service->service_cv;
                type.workers = out.service->workers;
                const auto& r = out.service->rms_by_workers;
                const double best_rms = r[static_cast<std::size_t>(out.service->workers - 1)];
                std::string close;
                for (std::size_t c = 0; c < r.size(); ++c) {
                    if (static_cast<int>(c + 1) != out.service->workers &&
                        r[c] <= best_rms * 1.02 + 1e-4) {
                        close += (close.empty() ? "" : ", ") + std::to_string(c + 1);
                    }
                }
                if (!close.empty()) {
                    out.notes.push_back(
                        "workers weakly identified: " + close + " fit within 2 % of " +
                        std::to_string(out.service->workers) +
                        (out.service->used_utilization ? ""
                                                       : " (export CPU or GPU utilization "
                                                         "to single them out)"));
                }
            } catch (const config_error& e) {
                out.notes.push_back("service time not fitted: " + e.problem());
            }
        }
    }
    if (options.fit_delay) {
        if (!std::isfinite(publish_delay(sc.scaling))) {
            out.notes.emplace_back("publish delay not fitted: no CloudWatch alarm policy "
                                   "(target tracking or step scaling) to time");
        } else {
            // Alarms are evaluated once a metric period P, so every delay in ((m - 1) P, m P]
            // gives the same replay: try the middle of each class up to 10 P and keep the one
            // whose activities start closest to the observed ones (an unpaired activity counts
            // as the pairing window).
            const double period = sc.scaling.target_tracking.empty()
                                      ? sc.scaling.step_scaling.front().period_s
                                      : sc.scaling.target_tracking.front().period_s;
            const double window = options.compare.match_window_s;
            std::vector<double> cost;
            std::vector<std::size_t> paired;
            for (int m = 1; m <= 10; ++m) {
                set_publish_delay(sc.scaling, (m - 0.5) * period);
                const replay_error e = compare(simulate(sc), obs, t, options.compare);
                double c = window * static_cast<double>(e.missing + e.extra);
                for (const auto& p : e.matches)
                    c += std::abs(p.offset_s);
                cost.push_back(c);
                paired.push_back(e.matched);
            }
            const auto best =
                static_cast<std::size_t>(std::min_element(cost.begin(), cost.end()) - cost.begin());
            if (paired[best] < 3) {
                out.notes.push_back("publish delay not fitted: " + std::to_string(paired[best]) +
                                    " activities paired; at least 3 are needed");
                set_publish_delay(sc.scaling, publish_delay(given.scaling));
            } else {
                // the interval: the classes whose cost is within 2 % of the best's
                std::size_t lo = best, hi = best;
                while (lo > 0 && cost[lo - 1] <= cost[best] * 1.02)
                    --lo;
                while (hi + 1 < cost.size() && cost[hi + 1] <= cost[best] * 1.02)
                    ++hi;
                delay_fit f;
                f.publish_delay_s = (static_cast<double>(best) + 0.5) * period;
                f.delay = {f.publish_delay_s, static_cast<double>(lo) * period,
                           static_cast<double>(hi + 1) * period};
                f.matches = paired[best];
                out.delay = f;
                set_publish_delay(sc.scaling, f.publish_delay_s);
            }
        }
    }
    out.calibrated = sc;
    out.calibrated.endpoint.initial_capacity = given.endpoint.initial_capacity;
    out.after_run = simulate(sc);
    out.after = compare(out.after_run, obs, t, options.compare);

    const auto& a = out.after;
    // A history that ends early (a page of describe-scaling-activities missing, a shorter
    // export): the replay's activities after its last one, beyond the pairing window, have no
    // counterpart to be paired with, and are not held against the policy.
    std::size_t late = 0;
    time_ms last_observed = -1;
    for (const auto& o : obs.activities) {
        last_observed = std::max(last_observed, o.start_ms);
    }
    if (last_observed >= 0) {
        const time_ms cut = last_observed + seconds_to_ms(options.compare.match_window_s);
        for (const auto& r : out.after_run.activities) {
            if (r.start_ms > cut) ++late;
        }
    }
    const std::size_t early = obs.known_from_ms > 0 ? before_first(out.after_run) : 0;
    // (early and late are disjoint: before the first observed activity and after the last)
    const std::size_t most = std::max(a.observed_activities, a.simulated_activities - late - early);
    if (late > 0 && most >= 5 && a.simulated_activities > a.observed_activities) {
        out.notes.push_back(
            "the observed history ends at " + fmt(ms_to_seconds(last_observed), 6) +
            " s of the trace (its last activity), " +
            fmt(ms_to_seconds(t.duration_ms() - last_observed) / 3600, 3) +
            " hours before the trace ends, and the replay's " + std::to_string(late) +
            " activities after it have no counterpart: the history looks cut off (export "
            "every page of describe-scaling-activities over the trace's window), or the "
            "endpoint stopped scaling; they are not counted against the policy");
    }
    // A history read as cut off at its start, and at its end too, that covers less than a
    // quarter of the trace cannot be told from another target's complete one that scaled only
    // there (a higher MinCapacity keeps it quiet): not excused.
    const bool ends_early = late > 0 && a.simulated_activities > a.observed_activities;
    const time_ms covered = (ends_early ? last_observed : t.duration_ms()) - obs.known_from_ms;
    if (obs.known_from_ms > 0 && 4 * covered < t.duration_ms()) {
        out.policy_mismatch = true;
        out.notes.push_back("the observed history covers " + fmt(ms_to_seconds(covered) / 3600, 3) +
                            " hours of the trace's " +
                            fmt(ms_to_seconds(t.duration_ms()) / 3600, 3) +
                            ": too little to tell a history cut off from another target's (one "
                            "whose MinCapacity kept it from scaling elsewhere); the fitted values "
                            "are not to be trusted");
    } else if (most >= 5) {
        const double paired = static_cast<double>(a.matched) / static_cast<double>(most);
        if (paired < 0.5 || (a.matched > 0 && a.to_agreement < 0.5)) {
            out.policy_mismatch = true;
            out.notes.push_back(
                "the replay of the given policy pairs " + std::to_string(a.matched) + " of " +
                std::to_string(a.observed_activities) + " observed activities (the replay has " +
                std::to_string(a.simulated_activities) + "), and " +
                fmt(100 * (std::isfinite(a.to_agreement) ? a.to_agreement : 0), 3) +
                " % of the pairs set the same count" +
                (options.fit_startup || options.fit_service || options.fit_delay ? ", after fitting"
                                                                                 : "") +
                ": the deployed policy probably "
                "differs from the one given (check MinCapacity, MaxCapacity, TargetValue and the "
                "metric); its fitted values are not to be trusted");
        }
    }
    return out;
}

} // namespace autoscalesim::calibration
