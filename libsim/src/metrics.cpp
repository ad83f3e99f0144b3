#include "autoscalesim/metrics.hpp"

#include "autoscalesim/describe.hpp"
#include "autoscalesim/errors.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace autoscalesim {

namespace {
// The first alias of `value` in its description's name table (describe.hpp) that `pick` accepts.
template <class E, class P> std::string_view alias_of(E value, P pick) noexcept {
    for (const auto& n : enum_names<E>::names) {
        if (n.value == value && n.alias && !n.name.empty() && pick(n.name[0])) {
            return n.name;
        }
    }
    return "?";
}
} // namespace

std::string_view metric_name(metric_kind kind) {
    // CloudWatch's name: the table's first capitalised alias.
    return alias_of(kind, [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
}

std::string_view metric_name(metric_kind kind, bool per_copy) {
    if (per_copy && kind == metric_kind::invocations_per_instance) {
        return "InvocationsPerCopy";
    }
    if (per_copy && kind == metric_kind::concurrent_requests_per_model) {
        return "ConcurrentRequestsPerCopy";
    }
    if (per_copy && kind == metric_kind::cpu_utilization) {
        return "CPUUtilizationNormalized"; // per copy, over the cores reserved for it
    }
    return metric_name(kind);
}

std::string_view comparison_symbol(comparison op) noexcept {
    // ">", "<", ">=" or "<=": the table's first alias that is not a word.
    return alias_of(op, [](char c) { return std::isalpha(static_cast<unsigned char>(c)) == 0; });
}

metric_kind parse_metric(std::string_view name) {
    // The names of describe.hpp: snake_case, CloudWatch's, AAS's predefined metric types and
    // the inference-component spellings (a copy's metrics are the per-instance ones over copies).
    metric_kind k{};
    if (parse_enum(name, k)) {
        return k;
    }
    std::vector<std::string_view> cloudwatch;
    for (const auto& n : enum_names<metric_kind>::names) {
        if (!n.alias) cloudwatch.push_back(metric_name(n.value));
    }
    std::string known;
    for (std::size_t i = 0; i < cloudwatch.size(); ++i) {
        known += (i == 0 ? "" : i + 1 == cloudwatch.size() ? " or " : ", ");
        known += cloudwatch[i];
    }
    throw config_error("unknown metric \"" + std::string(name) + "\" (expected " + known + ")");
}

metric_stream::metric_stream(metric_kind kind, time_ms period_ms, time_ms publish_delay_ms)
    : kind_(kind), period_ms_(period_ms), delay_ms_(publish_delay_ms) {}

void metric_stream::add(time_ms span_ms, double arrivals, int in_service, double in_system,
                        double busy, double workers, double served, double latency_sum_s,
                        double held_share) {
    const auto span = static_cast<double>(span_ms);
    covered_ms_ += span;
    sum_capacity_ms_ += span * in_service;
    sum_backlog_ += span * in_system / std::max(in_service, 1);
    if (in_service == 0) {
        backlog_no_capacity_ms_ += span * held_share;
        no_capacity_ += arrivals;
    }
    if (in_service > 0) {
        sum_per_instance_ += arrivals / in_service;
        sum_system_ += span * in_system / in_service;
        sum_arrivals_ += arrivals;
        sum_system_total_ += span * in_system;
        served_ms_ += span;
        sum_inverse_ms_ += span / in_service;
        sum_busy_ += span * busy;
        sum_workers_ += span * workers;
    }
    served_ += served;
    latency_sum_ += latency_sum_s;
}

void metric_stream::add_models(time_ms span_ms, int in_service, double starts, double hits,
                               double waited, double wait_sum_s, double loaded) {
    model_starts_ += starts;
    model_hits_ += hits;
    model_waited_ += waited;
    model_wait_sum_ += wait_sum_s;
    if (in_service > 0) {
        loaded_ms_ += static_cast<double>(span_ms) * loaded / in_service;
    }
}

void metric_stream::close_period() {
    datapoint dp;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double mean_capacity = covered_ms_ > 0 ? sum_capacity_ms_ / covered_ms_ : 0;
    if (published_at_zero(kind_)) {
        dp.capacity = mean_capacity;
        if (kind_ == metric_kind::no_capacity_invocation_failures) {
            dp.value = no_capacity_;
        } else if (kind_ == metric_kind::has_backlog_without_capacity) {
            dp.value = covered_ms_ > 0 ? backlog_no_capacity_ms_ / covered_ms_ : 0;
        } else {
            dp.value = covered_ms_ > 0 ? sum_backlog_ / covered_ms_ : 0;
        }
        if (kind_ == metric_kind::approximate_backlog_size_per_instance && sum_system_ > 0) {
            dp.capacity = sum_system_total_ / sum_system_;
        }
    } else if (sum_capacity_ms_ <= 0) {
        dp.value = nan; // no instance reported during the whole period
    } else {
        // num / den, or `none` for a period without the denominator's events
        const auto per = [](double num, double den, double none) {
            return den > 0 ? num / den : none;
        };
        // An average over requests (ModelLatency, the model cache's): no datapoint for a period
        // that completed none, as AWS publishes none. The fluid mode's counts are fractional, and
        // the tail of a queue's drain serves ever smaller amounts for hours after the traffic
        // stops (1e-17 of a request a minute): less than a millionth of a request is none.
        constexpr double no_request = 1e-6;
        const auto per_request = [&](double num, double den) {
            return den >= no_request ? num / den : nan;
        };
        const double harmonic = served_ms_ / sum_inverse_ms_;
        dp.capacity = mean_capacity;
        switch (kind_) {
        case metric_kind::invocations_per_instance:
            dp.value = sum_per_instance_;
            dp.capacity = sum_per_instance_ > 0 ? sum_arrivals_ / sum_per_instance_ : harmonic;
            break;
        case metric_kind::concurrent_requests_per_model:
            dp.value = sum_system_ / sum_capacity_ms_ * mean_capacity;
            dp.capacity = sum_system_ > 0 ? sum_system_total_ / sum_system_ : harmonic;
            break;
        case metric_kind::cpu_utilization:
            dp.value = 100.0 * per(sum_busy_, sum_workers_, 0);
            break;
        case metric_kind::model_latency:
            dp.value = per_request(latency_sum_, served_);
            break;
        case metric_kind::provisioned_concurrency_utilization:
            dp.value = per(sum_busy_, sum_workers_, 0);
            break;
        case metric_kind::model_cache_hit:
            dp.value = per_request(model_hits_, model_starts_);
            break;
        case metric_kind::model_loading_wait_time:
            dp.value = per_request(model_wait_sum_, model_waited_);
            break;
        case metric_kind::loaded_model_count:
            dp.value = per(loaded_ms_, served_ms_, 0);
            break;
        case metric_kind::approximate_backlog_size_per_instance:
        case metric_kind::has_backlog_without_capacity:
        case metric_kind::no_capacity_invocation_failures:
            break; // above
        }
    }
    points_.push_back(dp);
    sum_per_instance_ = sum_system_ = sum_busy_ = sum_workers_ = 0;
    sum_capacity_ms_ = served_ = latency_sum_ = covered_ms_ = 0;
    sum_arrivals_ = sum_system_total_ = served_ms_ = sum_inverse_ms_ = 0;
    sum_backlog_ = backlog_no_capacity_ms_ = no_capacity_ = 0;
    model_starts_ = model_hits_ = model_waited_ = model_wait_sum_ = loaded_ms_ = 0;
}

std::size_t metric_stream::published(time_ms now) const noexcept {
    if (now < period_ms_ + delay_ms_) {
        return 0;
    }
    const auto n = static_cast<std::size_t>((now - delay_ms_) / period_ms_);
    return n < points_.size() ? n : points_.size();
}

namespace {
// Whether a larger value breaches more (">" and ">="; else a smaller one does).
constexpr bool larger_breaches(comparison op) noexcept {
    return op == comparison::greater || op == comparison::greater_or_equal;
}

alarm_state state_at(const std::optional<double>& q, const alarm& a) noexcept {
    if (!q) return alarm_state::insufficient_data;
    return breaches(a.op, *q, a.threshold) ? alarm_state::alarm : alarm_state::ok;
}
} // namespace

std::optional<double> alarm::decisive_value(const metric_stream& stream, time_ms now,
                                            std::vector<double>& scratch) const {
    constexpr double inf = std::numeric_limits<double>::infinity();
    const bool up = larger_breaches(op);
    const double always = up ? inf : -inf; // breaches every finite threshold
    const double never = -always;
    auto worse = [up](double x, double y) { return up ? std::max(x, y) : std::min(x, y); };
    auto better = [up](double x, double y) { return up ? std::min(x, y) : std::max(x, y); };
    const std::size_t n = stream.published(now);
    if (n == 0) {
        return std::nullopt; // no period yet
    }
    const auto& pts = stream.datapoints();
    // The range and the N periods evaluated start at the stream's first period, before which
    // the alarm saw nothing (not missing: the run starts there).
    const auto periods = std::min(n, static_cast<std::size_t>(std::max(evaluation_periods, 0)));
    const auto range = static_cast<std::size_t>(std::max(evaluation_periods, 0)) + extra_range;
    const std::size_t first = n > range ? n - range : 0;
    // The range's real datapoints, newest first: the N most recent are evaluated (all of them
    // when fewer); the premature rule needs the least breaching of all and whether one is
    // between M and N periods old.
    const int m = datapoints_to_alarm;
    const auto window = static_cast<int>(periods);
    int real = 0;
    double most = never, least = always, least_in_range = always;
    bool aged = false;
    scratch.clear();
    for (std::size_t i = n; i-- > first;) {
        const double v = pts[i].value;
        if (std::isnan(v)) continue;
        const auto age = static_cast<int>(n - i); // 1: the latest period
        least_in_range = better(least_in_range, v);
        aged = aged || (age >= m && age <= window);
        if (real++ < window) {
            most = worse(most, v);
            least = better(least, v);
            scratch.push_back(v);
        }
    }
    const int evaluated = std::min(real, window);
    int need = m;
    if (real < window) {
        if (real == 0 && treat_missing == missing_data::missing) {
            return std::nullopt;
        }
        if (treat_missing == missing_data::breaching) {
            need -= window - real; // the filled periods breach
        }
    }
    double q = never;
    if (need <= 0) {
        q = always;
    } else if (need == evaluated) {
        q = least;
    } else if (need == 1) {
        q = most;
    } else if (need < evaluated) { // the need-th most breaching
        const auto at = scratch.begin() + (need - 1);
        std::nth_element(scratch.begin(), at, scratch.end(),
                         [up](double x, double y) { return up ? x > y : x < y; });
        q = *at;
    }
    if (real < window && treat_missing == missing_data::missing && aged) {
        q = worse(q, least_in_range); // the premature alarm state
    }
    return q;
}

alarm_state alarm::evaluate(const metric_stream& stream, time_ms now) const {
    std::vector<double> scratch;
    return state_at(decisive_value(stream, now, scratch), *this);
}

alarm_state alarm_window::evaluate(const alarm& a, const metric_stream& stream, time_ms now) {
    const std::size_t n = stream.published(now);
    const auto& pts = stream.datapoints();
    const std::size_t first = n > static_cast<std::size_t>(a.evaluation_periods)
                                  ? n - static_cast<std::size_t>(a.evaluation_periods)
                                  : 0;
    auto count = [&](std::size_t i, int sign) {
        const double v = pts[i].value;
        present_ += sign * (std::isnan(v) ? 0 : 1);
        breaching_ += sign * static_cast<int>(breaches(a.op, v, a.threshold));
    };
    const bool same_stream =
        end_ == 0 ||
        (end_ <= pts.size() && std::bit_cast<std::uint64_t>(pts[end_ - 1].value) == last_bits_);
    if (!same_stream || first < first_ || n < end_ || first >= end_) {
        first_ = end_ = first; // nothing counted that is still in the window
        present_ = breaching_ = 0;
    }
    for (; first_ < first; ++first_) {
        count(first_, -1);
    }
    for (; end_ < n; ++end_) {
        count(end_, 1);
    }
    if (end_ > 0) {
        last_bits_ = std::bit_cast<std::uint64_t>(pts[end_ - 1].value);
    }
    if (n > first && present_ == static_cast<int>(n - first)) { // every period evaluated has one
        return breaching_ >= a.datapoints_to_alarm ? alarm_state::alarm : alarm_state::ok;
    }
    return state_at(a.decisive_value(stream, now, scratch_), a);
}

} // namespace autoscalesim
