#include "autoscalesim/policy/target_tracking.hpp"
#include "saturated.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <tuple>
#include <utility>

namespace autoscalesim {

namespace {
// Appends v as printf's "%.6g" would write it (std::to_chars is specified to match it) without
// printf's cost: this runs at every evaluation while an alarm is in ALARM.
void append_number(std::string& s, double v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 6);
    s.append(buf, r.ptr);
}

std::string format_number(double v) {
    std::string s;
    append_number(s, v);
    return s;
}

// "name: AlarmHigh Metric " and " > threshold (M of N)": the cause around the metric value.
std::pair<std::string, std::string> cause_parts(const target_tracking_config& c, bool out,
                                                bool per_copy) {
    std::string head = c.name + ": " + (out ? "AlarmHigh " : "AlarmLow ");
    head += std::string(metric_name(c.metric, per_copy)) + " ";
    std::string tail = out ? " > " : " < ";
    tail += format_number(out ? c.target_value : c.target_value * c.low_threshold_fraction);
    tail += " (" + std::to_string(out ? c.high_datapoints_to_alarm : c.low_datapoints_to_alarm) +
            " of " + std::to_string(out ? c.high_evaluation_periods : c.low_evaluation_periods) +
            ")";
    return {std::move(head), std::move(tail)};
}
} // namespace

target_tracking_policy::target_tracking_policy(const target_tracking_config& config, bool per_copy)
    : policy(config.name, seconds_to_ms(config.period_s)), config_(config),
      high_{config.target_value, comparison::greater, config.high_evaluation_periods,
            config.high_datapoints_to_alarm, config.treat_missing_data},
      low_{config.target_value * config.low_threshold_fraction, comparison::less,
           config.low_evaluation_periods, config.low_datapoints_to_alarm,
           config.treat_missing_data} {
    add_stream(config.metric, seconds_to_ms(config.period_s),
               seconds_to_ms(config.publish_delay_s));
    std::tie(out_head_, out_tail_) = cause_parts(config_, true, per_copy);
    std::tie(in_head_, in_tail_) = cause_parts(config_, false, per_copy);
}

int target_tracking_policy::desired_capacity(double capacity, double metric, double target) {
    const double x = capacity * metric / target;
    // Guard against 2 x 1500 / 1500 = 2.0000000000000004 rounding up to 3.
    return detail::saturated(std::ceil(x * (1 - 1e-12)));
}

double target_tracking_policy::out_basis(int current, std::optional<int> window_base,
                                         double metric_capacity,
                                         capacity_basis basis) const noexcept {
    double b = current;
    if (basis == capacity_basis::producing) {
        b = metric_capacity;
    } else if (window_base) {
        b = std::max(static_cast<double>(*window_base), metric_capacity);
    }
    // At zero instances ApproximateBacklogSizePerInstance is the whole backlog, as one
    // instance's: scale-out from zero asks for ceil(backlog / target) instances, once the
    // backlog exceeds the target (docs.aws.amazon.com/sagemaker/latest/dg/
    // async-inference-autoscale.html).
    if (config_.metric == metric_kind::approximate_backlog_size_per_instance && b < 1) {
        b = 1;
    }
    return b;
}

std::size_t target_tracking_policy::latest_datapoints(time_ms now) const noexcept {
    const auto& points = stream().datapoints();
    std::size_t n = std::min(stream().published(now), points.size());
    while (n > 0 && std::isnan(points[n - 1].value)) {
        --n;
    }
    return n;
}

tt_proposal target_tracking_policy::evaluate(time_ms now, int current,
                                             std::optional<int> window_base,
                                             capacity_basis basis) const {
    tt_proposal p;
    p.high = high_window_.evaluate(high_, stream(), now);
    p.low = low_window_.evaluate(low_, stream(), now);
    if (p.high != alarm_state::alarm && p.low != alarm_state::alarm) {
        return p;
    }
    // The latest datapoint that is not missing: an M-of-N alarm can be in ALARM while the newest
    // period had no instance in service.
    const std::size_t n = latest_datapoints(now);
    p.latest = n;
    if (n == 0) {
        p.scale_out = p.scale_in = false;
        return p;
    }
    const datapoint& dp = stream().datapoints()[n - 1];
    p.metric = dp.value;
    const double in_basis = basis == capacity_basis::producing ? dp.capacity : current;
    p.out_capacity = desired_capacity(out_basis(current, window_base, dp.capacity, basis), dp.value,
                                      config_.target_value);
    p.in_capacity = desired_capacity(in_basis, dp.value, config_.target_value);
    p.scale_out = p.high == alarm_state::alarm;
    p.scale_in = p.low == alarm_state::alarm && !config_.disable_scale_in;
    return p;
}

} // namespace autoscalesim

namespace autoscalesim {

proposal target_tracking_policy::decide(time_ms now, const policy_view& view) {
    const tt_proposal tp =
        evaluate(now, view.desired(), view.target().window_base(now), view.basis());
    if (margins_.known) record_margins(now, view, tp);
    const auto& c = config_;
    // The cause is written by cause() when the proposal causes an activity: an alarm stays in
    // ALARM for many evaluations (the low one at MinCapacity, for hours), most of which change
    // nothing.
    proposal p;
    p.metric = tp.metric;
    if (tp.scale_out) {
        p.out = tp.out_capacity;
        p.out_cooldown_s = c.scale_out_cooldown_s;
    }
    if (tp.scale_in) {
        p.in = tp.in_capacity;
        p.in_cooldown_s = c.scale_in_cooldown_s;
    }
    return p;
}

std::string target_tracking_policy::cause(const proposal& p, bool out) const {
    const std::string& head = out ? out_head_ : in_head_;
    const std::string& tail = out ? out_tail_ : in_tail_;
    std::string s;
    s.reserve(head.size() + 24 + tail.size());
    s += head;
    append_number(s, p.metric);
    s += tail;
    return s;
}

} // namespace autoscalesim

namespace autoscalesim {

// Why the ranges hold: each decision below compares one setting with a quantity of the run's
// state (a datapoint, a capacity, the time since a cooldown began), and the state stays the same
// while every decision does, so settings that leave every comparison as it was (each within its
// range, together) repeat the run step by step.

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();

// The TargetValue at which a monotone test turns, to the ulp: from `guess` (within a few ulps),
// steps of one ulp. `up`: the test holds from the edge up (the smallest t where it holds is
// returned), else up to it (the largest). NaN if it does not settle within 64 steps.
template <class Test> double edge(double guess, bool up, Test holds) {
    const double in = up ? inf : -inf, out = -in;
    double t = guess;
    for (int i = 0; i < 64 && !holds(t); ++i)
        t = std::nextafter(t, in);
    for (int i = 0; i < 64 && holds(std::nextafter(t, out)); ++i)
        t = std::nextafter(t, out);
    return holds(t) && !holds(std::nextafter(t, out)) ? t : std::nan("");
}

// The smallest TargetValue from which desired_capacity(b, metric, t) <= k (inf: none).
double ceil_at_most_from(double b, double metric, int k) {
    const double a = b * metric * (1 - 1e-12);
    if (a <= 0) return 0;
    if (k <= 0) return inf;
    const double t = edge(a / k, true, [&](double x) {
        return target_tracking_policy::desired_capacity(b, metric, x) <= k;
    });
    return std::isnan(t) ? inf : t;
}

// The largest TargetValue up to which desired_capacity(b, metric, t) >= k (-inf: none).
double ceil_at_least_up_to(double b, double metric, int k) {
    const double a = b * metric * (1 - 1e-12);
    if (k <= 0 || (k == 1 && a > 0)) return inf;
    if (a <= 0) return -inf;
    const double t = edge(a / (k - 1), false, [&](double x) {
        return target_tracking_policy::desired_capacity(b, metric, x) >= k;
    });
    return std::isnan(t) ? -inf : t;
}
} // namespace

void target_tracking_policy::at_least(double t) noexcept {
    margins_.target_value_from = std::max(margins_.target_value_from, t);
}

void target_tracking_policy::at_most(double t) noexcept {
    margins_.target_value_up_to = std::min(margins_.target_value_up_to, t);
}

void target_tracking_policy::ceil_exactly(double b, double metric, int k) noexcept {
    if (k == std::numeric_limits<int>::max()) {
        at_most(-inf); // a saturated proposal: claim nothing
        return;
    }
    at_least(ceil_at_most_from(b, metric, k));
    at_most(ceil_at_least_up_to(b, metric, k));
}

target_tracking_policy::alarm_edge target_tracking_policy::edge_of(const alarm& a,
                                                                   alarm_state state, time_ms now) {
    if (state == alarm_state::insufficient_data) return {alarm_edge::never, 0};
    // The state turns on one value of the evaluation range (alarm::decisive_value): with r
    // breaches needed among the datapoints evaluated, the r-th most breaching, or the least
    // breaching of the range in a premature alarm state.
    const std::optional<double> decisive = a.decisive_value(stream(), now, window_);
    if (!decisive) return {alarm_edge::never, 0};
    const double q = *decisive;
    const bool greater = a.op == comparison::greater; // AlarmHigh; AlarmLow is `less`
    if (std::isinf(q)) {
        return {(q > 0) == greater ? alarm_edge::always : alarm_edge::never, 0};
    }
    // AlarmHigh: q > TargetValue, so in ALARM up to the double below q.
    if (greater) return {alarm_edge::up_to, std::nextafter(q, -inf)};
    // AlarmLow: q < TargetValue x f as the alarm computes its threshold, so in ALARM from the
    // smallest TargetValue whose product exceeds q: found by steps of one ulp from q / f (the
    // product is monotone in the TargetValue).
    const double f = config_.low_threshold_fraction;
    const double start = q / f;
    const double t = f > 0 && std::isfinite(start)
                         ? edge(start, true, [&](double x) { return q < x * f; })
                         : std::nan("");
    if (std::isnan(t)) {
        at_most(-inf); // claim nothing
        return {alarm_edge::never, 0};
    }
    return {alarm_edge::from, t};
}

int target_tracking_policy::out_effect(int k, int desired, int max) noexcept {
    const int to = std::min(k, max); // a proposal below MinCapacity never exceeds desired
    return to > desired ? to : 0;
}

void target_tracking_policy::out_outcome(std::optional<alarm_edge>& high, alarm_state state,
                                         time_ms now, double b, double metric, int desired,
                                         int max) {
    auto& m = margins_;
    const bool in_alarm = state == alarm_state::alarm;
    const int k = desired_capacity(b, metric, config_.target_value);
    auto edge = [&]() -> const alarm_edge& {
        if (!high) high = edge_of(high_, state, now);
        return *high;
    };
    if (in_alarm && out_effect(k, desired, max) != 0) {
        // A scale-out: AlarmHigh in ALARM still, to the same capacity.
        if (edge().kind == alarm_edge::up_to) at_most(edge().t);
        if (k > max) {
            // To MaxCapacity: only this MaxCapacity gives the same.
            m.max_capacity_from = std::max(m.max_capacity_from, max);
            m.max_capacity_up_to = std::min(m.max_capacity_up_to, max);
            at_most(ceil_at_least_up_to(b, metric, max));
        } else {
            ceil_exactly(b, metric, k);
            m.max_capacity_from = std::max(m.max_capacity_from, k);
        }
        return;
    }
    if (in_alarm && k > desired) {
        // Held at MaxCapacity = desired: none with any proposal while MaxCapacity stays.
        m.max_capacity_up_to = std::min(m.max_capacity_up_to, max);
        return;
    }
    // None: AlarmHigh OK or the proposal at most the desired capacity. The bound is at most
    // the proposal's (about basis x metric / desired) and at most the run's own TargetValue
    // (which leads to none): when the range already starts above either, there is nothing to
    // narrow, and most evaluations of a long run end here.
    const double a = b * metric * (1 - 1e-12);
    if (m.target_value_from >= config_.target_value || a <= 0 ||
        (desired > 0 && m.target_value_from >= a / desired * (1 + 1e-9))) {
        return;
    }
    if (edge().kind == alarm_edge::never) return;
    const double quiet = ceil_at_most_from(b, metric, desired);
    at_least(edge().kind == alarm_edge::always ? quiet
                                               : std::min(std::nextafter(edge().t, inf), quiet));
}

void target_tracking_policy::record_margins(time_ms now, const policy_view& view,
                                            const tt_proposal& tp) {
    auto& m = margins_;
    // The latest datapoint that is not missing (evaluate() found it if an alarm is in ALARM):
    // without one no TargetValue proposes anything.
    const auto& points = stream().datapoints();
    const std::size_t n = tp.latest > 0 ? tp.latest : latest_datapoints(now);
    if (n == 0) return;
    const double v = points[n - 1].value;
    const double capacity = points[n - 1].capacity;
    const auto& st = view.target();
    const int desired = view.desired();
    const int min = view.min_capacity();
    const int max = view.max_capacity();

    // Scale-out: AlarmHigh in ALARM and a proposal above the desired capacity. While an
    // activity is in progress a scale-out is dropped (and asked for again), unless the scenario
    // keeps the largest request for when it completes.
    if (st.activity_in_progress() && !margins_keep_busy_) return; // nor can a scale-in run
    std::optional<alarm_edge> high;                               // found when needed
    const bool high_alarm = tp.high == alarm_state::alarm;
    const auto window = st.window_base(now);
    const double b = out_basis(desired, window, capacity, view.basis());
    const auto until = st.scale_out_cooldown_until();
    const auto open = st.open_window_base();
    if (view.basis() == capacity_basis::current && open && until && !st.activity_in_progress()) {
        // The scale-out cooldown decides whether the window is open: with the cooldown on the
        // other side of `now`, the proposal comes from the other basis.
        const double other =
            out_basis(desired, window ? std::nullopt : open, capacity, view.basis());
        const int k = desired_capacity(b, v, config_.target_value);
        const int k_other = desired_capacity(other, v, config_.target_value);
        if (!high_alarm || out_effect(k, desired, max) == out_effect(k_other, desired, max)) {
            out_outcome(high, tp.high, now, other, v, desired, max);
        } else {
            const time_ms elapsed = now - st.scale_out_cooldown_since();
            if (window) {
                m.scale_out_cooldown_above_ms = std::max(m.scale_out_cooldown_above_ms, elapsed);
            } else {
                m.scale_out_cooldown_up_to_ms = std::min(m.scale_out_cooldown_up_to_ms, elapsed);
            }
        }
    }
    out_outcome(high, tp.high, now, b, v, desired, max);

    // Scale-in (a vote, the only one): AlarmLow in ALARM and a proposal below the desired
    // capacity, unless an activity is in progress or the scale-in cooldown runs. At MinCapacity
    // none can.
    if (config_.disable_scale_in || desired <= min || st.activity_in_progress()) return;
    const double b_in = view.basis() == capacity_basis::producing ? capacity : desired;
    const int k = desired_capacity(b_in, v, config_.target_value);
    const auto in_until = st.scale_in_cooldown_until();
    const bool allowed = !in_until || now >= *in_until;
    const time_ms since = st.scale_in_cooldown_since();
    if (tp.low != alarm_state::alarm || k >= desired) {
        // None: AlarmLow OK or the proposal at least the desired capacity; or, while the
        // scale-in cooldown runs, blocked whatever the TargetValue. The bound is at least the
        // proposal's (about basis x metric / (desired - 1)) and the run's own TargetValue: when
        // the range already ends below either, there is nothing to narrow.
        const double a = b_in * v * (1 - 1e-12);
        if (m.target_value_up_to <= config_.target_value ||
            (a > 0 && (desired == 1 || m.target_value_up_to <= a / (desired - 1) * (1 - 1e-9)))) {
            return;
        }
        const alarm_edge low = edge_of(low_, tp.low, now);
        if (low.kind == alarm_edge::never) return;
        if (!allowed) {
            m.scale_in_cooldown_above_ms = std::max(m.scale_in_cooldown_above_ms, now - since);
            return;
        }
        const double busy = ceil_at_least_up_to(b_in, v, desired);
        at_most(low.kind == alarm_edge::always ? busy
                                               : std::max(std::nextafter(low.t, -inf), busy));
        return;
    }
    if (in_until) {
        const time_ms elapsed = now - since;
        if (allowed) {
            m.scale_in_cooldown_up_to_ms = std::min(m.scale_in_cooldown_up_to_ms, elapsed);
        } else {
            m.scale_in_cooldown_above_ms = std::max(m.scale_in_cooldown_above_ms, elapsed);
        }
    }
    // Blocked: none whatever the TargetValue (any proposal below desired is blocked too).
    if (!allowed) return;
    // A scale-in: AlarmLow in ALARM still, to the same capacity.
    const alarm_edge low = edge_of(low_, tp.low, now);
    if (low.kind == alarm_edge::from) at_least(low.t);
    if (k <= min) {
        at_least(ceil_at_most_from(b_in, v, min));
    } else {
        ceil_exactly(b_in, v, k);
    }
}

bool decision_margins::holds(double target_value, double scale_out_cooldown_s,
                             double scale_in_cooldown_s, int max_capacity) const noexcept {
    const time_ms out = seconds_to_ms(scale_out_cooldown_s);
    const time_ms in = seconds_to_ms(scale_in_cooldown_s);
    return known && target_value >= target_value_from && target_value <= target_value_up_to &&
           out > scale_out_cooldown_above_ms && out <= scale_out_cooldown_up_to_ms &&
           in > scale_in_cooldown_above_ms && in <= scale_in_cooldown_up_to_ms &&
           max_capacity >= max_capacity_from && max_capacity <= max_capacity_up_to;
}

namespace {

decision_margins::range cooldown_range(time_ms above_ms, time_ms up_to_ms) {
    return {ms_to_seconds(above_ms + 1), up_to_ms == std::numeric_limits<time_ms>::max()
                                             ? std::numeric_limits<double>::infinity()
                                             : ms_to_seconds(up_to_ms)};
}

} // namespace

decision_margins::range decision_margins::target_value() const noexcept {
    return {target_value_from, target_value_up_to};
}

decision_margins::range decision_margins::scale_out_cooldown_s() const noexcept {
    return cooldown_range(scale_out_cooldown_above_ms, scale_out_cooldown_up_to_ms);
}

decision_margins::range decision_margins::scale_in_cooldown_s() const noexcept {
    return cooldown_range(scale_in_cooldown_above_ms, scale_in_cooldown_up_to_ms);
}

decision_margins::range decision_margins::max_capacity() const noexcept {
    return {static_cast<double>(max_capacity_from),
            max_capacity_up_to == std::numeric_limits<int>::max()
                ? std::numeric_limits<double>::infinity()
                : static_cast<double>(max_capacity_up_to)};
}

} // namespace autoscalesim
