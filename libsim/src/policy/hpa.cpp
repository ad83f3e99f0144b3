#include "autoscalesim/policy/hpa.hpp"
#include "saturated.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

namespace autoscalesim {

hpa_pod_group hpa_group_pod(const hpa_pod_status& pod, bool cpu, time_ms now,
                            time_ms cpu_initialization_ms, time_ms initial_readiness_delay_ms) {
    using phase = hpa_pod_status::phase_kind;
    if (pod.deleted || pod.phase == phase::failed) {
        return hpa_pod_group::ignored;
    }
    if (pod.phase == phase::pending) {
        return hpa_pod_group::unready;
    }
    if (!pod.has_sample) {
        return hpa_pod_group::missing;
    }
    if (cpu) {
        // A starting container's CPU is not its load: within the initialization period only a
        // sample taken wholly after readiness counts; later, only a pod never yet ready is left
        // out.
        const bool unready =
            pod.start_ms + cpu_initialization_ms > now
                ? !pod.ready || pod.sample_ms < pod.transition_ms + pod.sample_window_ms
                : !pod.ready && pod.start_ms + initial_readiness_delay_ms > pod.transition_ms;
        if (unready) {
            return hpa_pod_group::unready;
        }
    }
    return hpa_pod_group::ready;
}

hpa_pod_status hpa_pod_of(const instance_record& instance, time_ms window_start_ms,
                          time_ms window_ms, bool sample_from_any_part) {
    hpa_pod_status pod;
    pod.start_ms = instance.launch_ms;
    pod.sample_ms = window_start_ms + window_ms;
    pod.sample_window_ms = window_ms;
    if (instance.state == instance_state::starting) {
        pod.phase = hpa_pod_status::phase_kind::pending;
        pod.ready = false;
        pod.has_sample = false;
        pod.transition_ms = instance.launch_ms;
        return pod;
    }
    pod.deleted = instance.state != instance_state::in_service;
    pod.transition_ms = instance.ready_ms;
    pod.has_sample = sample_from_any_part ? instance.ready_ms < window_start_ms + window_ms
                                          : instance.ready_ms <= window_start_ms;
    return pod;
}

hpa_pods hpa_group_pods(const std::vector<instance_record>& instances, bool cpu, time_ms now,
                        time_ms window_start_ms, time_ms window_ms, time_ms cpu_initialization_ms,
                        time_ms initial_readiness_delay_ms, const std::vector<double>* samples) {
    hpa_pods pods;
    for (std::size_t i = 0; i < instances.size(); ++i) {
        const auto& r = instances[i];
        if (r.state == instance_state::terminated) {
            continue;
        }
        hpa_pod_status pod = hpa_pod_of(r, window_start_ms, window_ms, cpu);
        if (samples != nullptr && pod.has_sample && std::isnan((*samples)[i])) {
            pod.has_sample = false;
        }
        switch (hpa_group_pod(pod, cpu, now, cpu_initialization_ms, initial_readiness_delay_ms)) {
        case hpa_pod_group::ready:
            ++pods.ready;
            pods.sum += samples != nullptr ? (*samples)[i] : 0.0;
            break;
        case hpa_pod_group::unready:
            ++pods.unready;
            break;
        case hpa_pod_group::missing:
            ++pods.missing;
            break;
        case hpa_pod_group::ignored:
            ++pods.ignored;
            break;
        }
    }
    return pods;
}

double hpa_pod_sample(metric_kind metric, const instance_load& begin, const instance_load& end) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    const double held = end.held_s - begin.held_s;
    if (!(held > 0)) {
        return nan;
    }
    switch (metric) {
    case metric_kind::invocations_per_instance:
        return end.arrivals - begin.arrivals;
    case metric_kind::concurrent_requests_per_model:
    case metric_kind::approximate_backlog_size_per_instance:
        return (end.in_system_s - begin.in_system_s) / held;
    case metric_kind::has_backlog_without_capacity:
    case metric_kind::no_capacity_invocation_failures:
    case metric_kind::provisioned_concurrency_utilization:
    case metric_kind::model_cache_hit:
    case metric_kind::model_loading_wait_time:
    case metric_kind::loaded_model_count:
        return nan; // an endpoint-wide figure: no pod has one
    case metric_kind::cpu_utilization: {
        const double workers = end.workers_s - begin.workers_s;
        return workers > 0 ? 100.0 * (end.busy_s - begin.busy_s) / workers : nan;
    }
    case metric_kind::model_latency: {
        const double served = end.served - begin.served;
        return served > 0 ? (end.latency_sum_s - begin.latency_sum_s) / served : nan;
    }
    }
    return nan;
}

namespace {
// ceil(ratio x pods) where an exact multiple does not round up: 150 requests over 9 pods against
// 50 is 3.0000000000000004 in floating point, which the documentation's
// ceil[currentReplicas x (currentMetricValue / desiredMetricValue)] makes 3, not 4 (the
// controller's quantities are whole milli-units; the simulated loads carry rounding noise).
int replicas_ceil(double x) {
    return detail::saturated(std::ceil(x * (1 - 1e-9)));
}
} // namespace

double hpa_missing_pod_value(metric_kind metric, double target) {
    return metric == metric_kind::cpu_utilization ? std::max(100.0, target) : target;
}

int hpa_replicas_for_metric(int current, const hpa_pods& pods, double metric, double target,
                            double up_tolerance, double down_tolerance,
                            double missing_on_scale_down) {
    if (pods.ready <= 0 || !std::isfinite(metric) || target <= 0) {
        return current; // no metrics for any ready pod: the HPA does not act
    }
    auto within = [&](double r) { return 1.0 - down_tolerance <= r && r <= 1.0 + up_tolerance; };
    const double ratio = metric / target;
    const bool up_with_unready = pods.unready > 0 && ratio > 1.0;
    if (!up_with_unready && pods.missing == 0) {
        if (within(ratio)) {
            return current;
        }
        return replicas_ceil(ratio * pods.ready);
    }
    double sum = metric * pods.ready;
    int counted = pods.ready;
    if (pods.missing > 0) {
        if (ratio < 1.0) {
            // missing pods count as at the fallback on a scale-down
            sum +=
                (std::isnan(missing_on_scale_down) ? target : missing_on_scale_down) * pods.missing;
            counted += pods.missing;
        } else if (ratio > 1.0) {
            counted += pods.missing; // ... and as 0 on a scale-up
        }
    }
    if (up_with_unready) {
        counted += pods.unready; // unready pods count as 0 on a scale-up
    }
    const double new_ratio = sum / (target * counted);
    if (within(new_ratio) || (ratio < 1.0 && new_ratio > 1.0) || (ratio > 1.0 && new_ratio < 1.0)) {
        return current;
    }
    const int replicas = replicas_ceil(new_ratio * counted);
    if ((new_ratio < 1.0 && replicas > current) || (new_ratio > 1.0 && replicas < current)) {
        return current;
    }
    return replicas;
}

int hpa_replicas_for_figure(int current, int ready, double figure, double target, hpa_source source,
                            double up_tolerance, double down_tolerance) {
    if (!std::isfinite(figure) || target <= 0) {
        return current;
    }
    auto within = [&](double r) { return 1.0 - down_tolerance <= r && r <= 1.0 + up_tolerance; };
    if (source == hpa_source::external_average_value) {
        if (current > 0 && within(figure / (target * current))) {
            return current;
        }
        return replicas_ceil(figure / target);
    }
    const double ratio = figure / target;
    if (current == 0) {
        return replicas_ceil(ratio);
    }
    if (within(ratio)) {
        return current;
    }
    return replicas_ceil(ratio * ready);
}

double hpa_figure(metric_kind metric, const datapoint& window) {
    return metric == metric_kind::model_latency ? window.value : window.value * window.capacity;
}

int hpa_replicas_for_metrics(int current, const std::vector<int>& per_metric, int unreadable) {
    if (per_metric.empty()) {
        return current;
    }
    const int largest = *std::max_element(per_metric.begin(), per_metric.end());
    return unreadable > 0 && largest < current ? current : largest;
}

hpa_behavior::hpa_behavior(const hpa_config& config) : config_(config) {}

int hpa_behavior::change_in_period(time_ms now, time_ms period,
                                   const std::vector<stamped>& events) const {
    int n = 0;
    for (const auto& e : events) {
        if (e.at > now - period) {
            n += e.value;
        }
    }
    return n;
}

int hpa_behavior::scale_up_limit(time_ms now, int current) const {
    const auto& rules = config_.scale_up;
    if (rules.select == hpa_select::disabled) {
        return current;
    }
    const bool pick_min = rules.select == hpa_select::min;
    int result = pick_min ? std::numeric_limits<int>::max() : std::numeric_limits<int>::min();
    for (const auto& p : rules.policies) {
        const time_ms period = seconds_to_ms(p.period_s);
        const int start = current - change_in_period(now, period, up_events_) +
                          change_in_period(now, period, down_events_);
        const int proposed = p.type == hpa_scaling_policy::kind::pods
                                 ? detail::saturated(static_cast<double>(start) + p.value)
                                 : detail::saturated(std::ceil(start * (1.0 + p.value / 100.0)));
        result = pick_min ? std::min(result, proposed) : std::max(result, proposed);
    }
    return result;
}

int hpa_behavior::scale_down_limit(time_ms now, int current) const {
    const auto& rules = config_.scale_down;
    if (rules.select == hpa_select::disabled) {
        return current;
    }
    // The largest change (Max) is the smallest replica count.
    const bool pick_max_count = rules.select == hpa_select::min;
    int result = pick_max_count ? std::numeric_limits<int>::min() : std::numeric_limits<int>::max();
    for (const auto& p : rules.policies) {
        const time_ms period = seconds_to_ms(p.period_s);
        const int start = current - change_in_period(now, period, up_events_) +
                          change_in_period(now, period, down_events_);
        const int proposed = p.type == hpa_scaling_policy::kind::pods
                                 ? start - p.value
                                 : detail::saturated(start * (1.0 - p.value / 100.0));
        result = pick_max_count ? std::max(result, proposed) : std::min(result, proposed);
    }
    return result;
}

void hpa_behavior::start(time_ms now, int current) {
    if (!started_) {
        started_ = true;
        recommendations_.push_back({now, current});
    }
}

int hpa_behavior::normalize(time_ms now, int current, int recommended, int min_replicas,
                            int max_replicas) {
    if (config_.legacy) {
        // Legacy path: the largest recommendation of the last 5 minutes, up to max(2x, 4).
        const time_ms cutoff = now - seconds_to_ms(config_.legacy_downscale_window_s);
        int stabilized = recommended;
        for (const auto& r : recommendations_) {
            if (r.at >= cutoff) {
                stabilized = std::max(stabilized, r.value);
            }
        }
        std::erase_if(recommendations_, [&](const stamped& r) { return r.at < cutoff; });
        recommendations_.push_back({now, recommended});
        const int max_allowed = std::min(max_replicas, std::max(2 * current, 4));
        return std::clamp(stabilized, min_replicas, std::max(min_replicas, max_allowed));
    }
    const time_ms up_cutoff = now - seconds_to_ms(config_.scale_up.stabilization_window_s);
    const time_ms down_cutoff = now - seconds_to_ms(config_.scale_down.stabilization_window_s);
    int up = recommended, down = recommended;
    for (const auto& r : recommendations_) {
        if (r.at > up_cutoff) {
            up = std::min(up, r.value);
        }
        if (r.at > down_cutoff) {
            down = std::max(down, r.value);
        }
    }
    std::erase_if(recommendations_,
                  [&](const stamped& r) { return r.at <= up_cutoff && r.at <= down_cutoff; });
    recommendations_.push_back({now, recommended});
    int desired = current;
    if (desired < up) {
        desired = up;
    }
    if (desired > down) {
        desired = down;
    }
    if (desired > current) {
        const int limit = std::max(scale_up_limit(now, current), current);
        desired = std::min(desired, std::min(max_replicas, limit));
    } else if (desired < current) {
        const int limit = std::min(scale_down_limit(now, current), current);
        desired = std::max(desired, std::max(min_replicas, limit));
    }
    return std::clamp(desired, min_replicas, max_replicas);
}

void hpa_behavior::record_scale(time_ms now, int from, int to) {
    if (to > from) {
        up_events_.push_back({now, to - from});
    } else if (to < from) {
        down_events_.push_back({now, from - to});
    }
    // Events older than the longest policy period no longer limit anything.
    time_ms longest = 0;
    for (const auto* rules : {&config_.scale_up, &config_.scale_down}) {
        for (const auto& p : rules->policies) {
            longest = std::max(longest, seconds_to_ms(p.period_s));
        }
    }
    for (auto* events : {&up_events_, &down_events_}) {
        std::erase_if(*events, [&](const stamped& e) { return e.at <= now - longest; });
    }
}

hpa_policy::hpa_policy(const hpa_config& config)
    : policy(config.name, seconds_to_ms(config.sync_period_s)), config_(config), behavior_(config) {
    per_pod_ = config.source == hpa_source::pods;
    for (const auto& m : config.more_metrics) {
        per_pod_ = per_pod_ || m.source == hpa_source::pods;
    }
    // The window read at a decision ends at most the publish delay (and one period of rounding)
    // before it, so its two edges are among the latest delay / period + 3.
    const time_ms period = std::max<time_ms>(1, seconds_to_ms(config.metric_period_s));
    keep_snapshots_ = static_cast<std::size_t>(seconds_to_ms(config.metric_delay_s) / period) + 3;
    add_stream(config.metric, seconds_to_ms(config.metric_period_s),
               seconds_to_ms(config.metric_delay_s));
    for (const auto& m : config.more_metrics) {
        add_stream(m.metric, seconds_to_ms(config.metric_period_s),
                   seconds_to_ms(config.metric_delay_s));
    }
}

void hpa_policy::on_period_closed(time_ms at, const fleet& instances) {
    if (!per_pod_) {
        return;
    }
    if (snapshots_.size() == keep_snapshots_) {
        snapshots_.erase(snapshots_.begin());
    }
    load_snapshot snap{.at = at};
    const auto& records = instances.instances();
    for (const std::size_t i : instances.pod_indices()) {
        if (records[i].state != instance_state::starting) {
            snap.loads.emplace_back(i, records[i].load);
        }
    }
    snapshots_.push_back(std::move(snap));
}

std::vector<double> hpa_policy::pod_samples(metric_kind metric,
                                            const std::vector<std::size_t>& indices, time_ms start,
                                            time_ms window) const {
    const load_snapshot* begin = nullptr;
    const load_snapshot* end = nullptr;
    for (const auto& snap : snapshots_) {
        begin = snap.at == start ? &snap : begin;
        end = snap.at == start + window ? &snap : end;
    }
    if (end == nullptr || (begin == nullptr && start > 0)) {
        return {};
    }
    std::vector<double> samples(indices.size(), std::numeric_limits<double>::quiet_NaN());
    bool kept = false;
    std::size_t b = 0;
    std::size_t k = 0;
    const instance_load zero{};
    for (const auto& [index, load] : end->loads) {
        // Every list is in index order; an instance not in `begin` entered service within the
        // window, with its load counted from zero.
        while (begin != nullptr && b < begin->loads.size() && begin->loads[b].first < index) {
            ++b;
        }
        while (k < indices.size() && indices[k] < index) {
            ++k;
        }
        if (k == indices.size() || indices[k] != index) {
            continue; // terminated since the window's end
        }
        const bool before =
            begin != nullptr && b < begin->loads.size() && begin->loads[b].first == index;
        samples[k] = hpa_pod_sample(metric, before ? begin->loads[b].second : zero, load);
        kept = kept || load.held_s > 0;
    }
    if (!kept) {
        return {}; // the data plane keeps no loads
    }
    return samples;
}

proposal hpa_policy::decide(time_ms now, const policy_view& view) {
    // The controller records the replicas at its first reconcile, before it reads any metric.
    behavior_.start(now, view.desired());
    // Every metric shares the window and the delay, so one count of published windows serves.
    const std::size_t n = streams().front().published(now);
    if (n == 0) {
        return {};
    }
    const time_ms window_ms = streams().front().period_ms();
    const time_ms window_start = static_cast<time_ms>(n - 1) * window_ms;
    const time_ms cpu_init = seconds_to_ms(config_.cpu_initialization_period_s);
    const time_ms readiness_delay = seconds_to_ms(config_.initial_readiness_delay_s);
    const double up_tol = config_.scale_up.tolerance.value_or(config_.tolerance);
    const double down_tol = config_.scale_down.tolerance.value_or(config_.tolerance);
    const int current = view.desired();
    // The pods: every instance not terminated (hpa_group_pods leaves the terminated out anyway).
    const std::vector<std::size_t> indices = view.instances().pod_indices();
    std::vector<instance_record> pods_now;
    pods_now.reserve(indices.size());
    for (const std::size_t k : indices) {
        pods_now.push_back(view.instances().instances()[k]);
    }
    std::vector<int> per_metric;
    int unreadable = 0;
    std::string detail;
    for (std::size_t i = 0; i < streams().size(); ++i) {
        const metric_kind metric = i == 0 ? config_.metric : config_.more_metrics[i - 1].metric;
        const double target =
            i == 0 ? config_.target_value : config_.more_metrics[i - 1].target_value;
        const hpa_source source = i == 0 ? config_.source : config_.more_metrics[i - 1].source;
        const datapoint& window = streams()[i].datapoints()[n - 1];
        const std::vector<double> samples =
            source == hpa_source::pods ? pod_samples(metric, indices, window_start, window_ms)
                                       : std::vector<double>{};
        const hpa_pods pods = hpa_group_pods(pods_now, metric == metric_kind::cpu_utilization, now,
                                             window_start, window_ms, cpu_init, readiness_delay,
                                             samples.empty() ? nullptr : &samples);
        double value = source == hpa_source::pods ? window.value : hpa_figure(metric, window);
        if (!samples.empty() && pods.ready > 0 && !std::isnan(value)) {
            value = pods.sum / pods.ready; // the mean of the ready pods' own samples
        }
        if (std::isnan(value)) {
            ++unreadable;
            detail +=
                std::string(i == 0 ? "" : "; ") + std::string(metric_name(metric)) + " unreadable";
            continue;
        }
        // getReadyPodsCount: every Running pod whose Ready condition is True; we read a
        // draining instance, which gets no new request, as not Ready.
        const int running_ready = view.instances().in_service();
        const int raw =
            source == hpa_source::pods
                ? hpa_replicas_for_metric(current, pods, value, target, up_tol, down_tol,
                                          hpa_missing_pod_value(metric, target))
                : hpa_replicas_for_figure(current, running_ready, value, target, source, up_tol,
                                          down_tol);
        per_metric.push_back(raw);
        char buf[160];
        std::snprintf(buf, sizeof buf, "%s%s%s %.6g / target %.6g on %d ready pods -> %d",
                      i == 0 ? "" : "; ", source == hpa_source::pods ? "" : "external ",
                      std::string(metric_name(metric)).c_str(), value, target,
                      source == hpa_source::pods ? pods.ready : running_ready, raw);
        detail += buf;
    }
    if (per_metric.empty()) {
        return {};
    }
    const int raw = hpa_replicas_for_metrics(current, per_metric, unreadable);
    const int desired =
        behavior_.normalize(now, current, raw, view.min_capacity(), view.max_capacity());
    return proposal::to(desired, current,
                        config_.name + ": " + detail +
                            (streams().size() > 1 ? ", largest " + std::to_string(raw) : "") +
                            ", " + std::to_string(desired) + " replicas");
}

void hpa_policy::on_scaling(const scaling_event& event) {
    if (event.by_this && !event.completed) {
        behavior_.record_scale(event.at_ms, event.from, event.to);
    }
}

} // namespace autoscalesim
