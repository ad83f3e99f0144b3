#include "autoscalesim/serving/request_plane.hpp"

#include "autoscalesim/errors.hpp"
#include "autoscalesim/serving/queueing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace autoscalesim {

namespace detail {

namespace {
constexpr double ns_per_s = 1e9;

time_ns to_ns(double seconds) {
    const double ns = seconds * ns_per_s + 0.5;
    // Service times beyond ~292 years cannot be represented; they would never complete anyway.
    return ns < 9.2e18 ? static_cast<time_ns>(ns) : std::numeric_limits<time_ns>::max() / 4;
}
} // namespace

service_sampler::service_sampler(const instance_type& type)
    : family_(type.service), mean_ns_(type.mean_service_s() * ns_per_s) {
    const double mean = type.mean_service_s();
    const double cv = type.effective_cv();
    switch (family_) {
    case service_family::fitted: {
        const auto shape = queueing::fit_service(mean, cv);
        shift_ns_ = shape.shift_s * ns_per_s;
        p1_ = shape.p1;
        scale1_ns_ = std::isfinite(shape.rate1) ? ns_per_s / shape.rate1 : 0.0;
        scale2_ns_ = std::isfinite(shape.rate2) && shape.rate2 > 0 ? ns_per_s / shape.rate2 : 0.0;
        break;
    }
    case service_family::lognormal:
        if (cv > 0) {
            const double s2 = std::log1p(cv * cv);
            lognormal_ = boost::random::lognormal_distribution<double>(std::log(mean) - s2 / 2,
                                                                       std::sqrt(s2));
        } else {
            family_ = service_family::deterministic;
        }
        break;
    case service_family::gamma:
        if (cv > 0) {
            const double alpha = 1 / (cv * cv);
            gamma_ = boost::random::gamma_distribution<double>(alpha, mean / alpha);
        } else {
            family_ = service_family::deterministic;
        }
        break;
    case service_family::empirical:
        for (double v : type.service_samples_s) {
            samples_ns_.push_back(to_ns(v));
        }
        pick_ = boost::random::uniform_int_distribution<std::size_t>(0, samples_ns_.size() - 1);
        break;
    case service_family::exponential:
    case service_family::deterministic:
        break;
    }
}

time_ns service_sampler::operator()(rng_engine& engine) {
    switch (family_) {
    case service_family::fitted: {
        const double scale = (p1_ >= 1 || unit_(engine) < p1_) ? scale1_ns_ : scale2_ns_;
        return static_cast<time_ns>(shift_ns_ + scale * unit_exp_(engine) + 0.5);
    }
    case service_family::exponential:
        return static_cast<time_ns>(mean_ns_ * unit_exp_(engine) + 0.5);
    case service_family::deterministic:
        return static_cast<time_ns>(mean_ns_ + 0.5);
    case service_family::lognormal:
        return to_ns(lognormal_(engine));
    case service_family::gamma:
        return to_ns(gamma_(engine));
    case service_family::empirical:
        return samples_ns_[pick_(engine)];
    }
    return 0;
}

double arrival_source::place_in_interval(double k, double before) {
    return k + 0.5 - before;
}

std::uint64_t arrival_source::uniform_count(double c) const {
    if (!(c > 0)) {
        return 0;
    }
    // The requests k = emitted_, emitted_ + 1, ... whose place is below c, as uniform_counts
    // finds them one by one: a closed-form guess, then corrected with the very same floating-point
    // comparison so that the two processes agree on every interval's count.
    const auto in = [&](double m) { return place_in_interval(emitted_ + m, before_) < c; };
    double m = std::max(0.0, std::ceil(c - place_in_interval(emitted_, before_)));
    while (m > 0 && !in(m - 1)) {
        m -= 1;
    }
    while (in(m)) {
        m += 1;
    }
    return static_cast<std::uint64_t>(m);
}

arrival_source::arrival_source(const scenario& sc)
    : process_(sc.arrivals), counts_(&sc.traffic.counts()), log_(&sc.arrival_log_ms),
      interval_ns_(sc.traffic.interval_ms() * 1'000'000),
      engine_(make_engine(sc.seed, rng_stream::arrivals)) {}

time_ns arrival_source::next() {
    const std::vector<double>& counts = *counts_;
    switch (process_) {
    case arrival_process::poisson:
        // Piecewise-constant rate: the exponential gap is memoryless, so a gap that crosses the
        // interval's end is redrawn from there at the next interval's rate.
        while (interval_ < counts.size()) {
            const time_ns end = static_cast<time_ns>(interval_ + 1) * interval_ns_;
            const double c = counts[interval_];
            if (c > 0) {
                const double gap = unit_exp_(engine_) * static_cast<double>(interval_ns_) / c;
                if (gap < static_cast<double>(end - position_)) {
                    const time_ns t = position_ + static_cast<time_ns>(gap + 0.5);
                    if (t < end) {
                        position_ = t;
                        return t;
                    }
                }
            }
            position_ = end;
            ++interval_;
        }
        return never;
    case arrival_process::uniform_counts:
        // Request k arrives when the trace's cumulative count reaches k + 1/2, so every span
        // holds the fluid mode's arrivals rounded, and each interval exactly its count.
        while (interval_ < counts.size()) {
            const double c = counts[interval_];
            const double x = place_in_interval(emitted_, before_);
            if (c > 0 && x < c) {
                emitted_ += 1;
                return static_cast<time_ns>(interval_) * interval_ns_ +
                       static_cast<time_ns>(x / c * static_cast<double>(interval_ns_));
            }
            before_ += c;
            ++interval_;
        }
        return never;
    case arrival_process::poisson_counts:
        // The next of m uniform times left in [u, 1) is the minimum of m uniforms there:
        // u + (1 - u) (1 - V^(1/m)) with V uniform in (0, 1]. V^(1/m) = exp(-E/m) with E = -ln V
        // a unit exponential (drawn directly, by the ziggurat, with no logarithm), and expm1
        // keeps the precision when m is large. Each arrival costs one draw, in order.
        while (interval_ < counts.size()) {
            const double c = counts[interval_];
            if (!counted_) {
                left_ = uniform_count(c);
                emitted_ += static_cast<double>(left_);
                fraction_ = 0;
                counted_ = true;
            }
            if (left_ > 0) {
                const double m = static_cast<double>(left_);
                fraction_ -= (1 - fraction_) * std::expm1(-unit_exp_(engine_) / m);
                --left_;
                // Truncated and capped so that rounding never moves an arrival onto the next
                // interval's start: each interval keeps exactly its count.
                const auto within =
                    static_cast<time_ns>(fraction_ * static_cast<double>(interval_ns_));
                return static_cast<time_ns>(interval_) * interval_ns_ +
                       std::min(within, interval_ns_ - 1);
            }
            before_ += c;
            ++interval_;
            counted_ = false;
        }
        return never;
    case arrival_process::log:
        if (next_log_ < log_->size()) {
            return (*log_)[next_log_++] * 1'000'000;
        }
        return never;
    }
    return never;
}

} // namespace detail

namespace {
constexpr time_ns never = detail::arrival_source::never;
constexpr time_ns ns_per_ms = 1'000'000;
constexpr std::uint32_t no_server = std::numeric_limits<std::uint32_t>::max();
// The completion's slot of a request run in a serverless on-demand container.
constexpr std::uint32_t on_demand = no_server - 1;

// Orders the min-heaps of completions and of retries by (time, arrival number); a type, so it
// inlines.
struct later {
    bool operator()(const detail::completion& a, const detail::completion& b) const noexcept {
        return a.at != b.at ? a.at > b.at : a.id > b.id;
    }
    bool operator()(const detail::retry_attempt& a, const detail::retry_attempt& b) const noexcept {
        return a.at != b.at ? a.at > b.at : a.id > b.id;
    }
};
} // namespace

request_plane::request_plane(const scenario& sc, bool keep_loads, std::uint64_t max_waiting)
    : workers_(sc.endpoint.type.workers),
      timeout_ns_(detail::to_ns(sc.endpoint.kind == endpoint_kind::asynchronous
                                    ? sc.endpoint.request_ttl_s
                                    : sc.endpoint.invocation_timeout_s)),
      slo_ns_(detail::to_ns(sc.slo.latency_s)), max_queue_(sc.endpoint.max_queue),
      max_waiting_(max_waiting),
      // (an asynchronous endpoint has one queue; a serverless one a container per request)
      least_outstanding_(sc.endpoint.routing_policy == routing::least_outstanding &&
                         sc.endpoint.kind != endpoint_kind::asynchronous &&
                         sc.endpoint.kind != endpoint_kind::serverless),
      keep_loads_(keep_loads), async_(sc.endpoint.kind == endpoint_kind::asynchronous),
      processing_ns_(detail::to_ns(sc.endpoint.processing_timeout_s)),
      max_attempts_(sc.endpoint.client_max_attempts),
      backoff_base_s_(sc.endpoint.client_backoff_base_s),
      max_backoff_s_(sc.endpoint.client_max_backoff_s),
      serverless_(sc.endpoint.kind == endpoint_kind::serverless),
      max_concurrency_(sc.endpoint.serverless.max_concurrency),
      keep_warm_ns_(detail::to_ns(sc.endpoint.serverless.keep_warm_s)),
      cold_start_(sc.endpoint.serverless.cold_start),
      multi_model_(sc.endpoint.kind == endpoint_kind::multi_model), model_log_(&sc.arrival_models),
      model_counts_(&sc.arrival_model_counts), interval_ns_(sc.traffic.interval_ms() * ns_per_ms),
      memory_gb_(sc.endpoint.multi_model.instance_memory_gb),
      caching_(sc.endpoint.multi_model.caching), source_(sc), service_(sc.endpoint.type),
      service_engine_(make_engine(sc.seed, rng_stream::service)),
      routing_engine_(make_engine(sc.seed, rng_stream::routing)),
      retry_engine_(make_engine(sc.seed, rng_stream::retry)),
      cold_engine_(make_engine(sc.seed, rng_stream::cold_start)),
      model_engine_(make_engine(sc.seed, rng_stream::model)) {
    next_arrival_ = source_.next();
    if (multi_model_) {
        const auto& mm = sc.endpoint.multi_model;
        const auto n = static_cast<std::size_t>(mm.models);
        model_cdf_.resize(n);
        double sum = 0;
        for (std::size_t k = 0; k < n; ++k) {
            sum += mm.model_weights.empty() ? std::pow(static_cast<double>(k + 1), -mm.zipf_s)
                                            : mm.model_weights[k];
            model_cdf_[k] = sum;
        }
        for (double& c : model_cdf_) {
            c /= sum;
        }
        model_cdf_.back() = 1;
        holders_.resize(n);
        model_gb_.assign(n, mm.model_size_gb);
        if (!mm.model_sizes_gb.empty()) {
            model_gb_ = mm.model_sizes_gb;
        }
        for (const double gb : model_gb_) {
            model_load_ns_.push_back(detail::to_ns(mm.load_base_s + gb * mm.load_s_per_gb));
            model_reload_ns_.push_back(detail::to_ns(
                mm.load_base_s + gb * std::min(mm.reload_s_per_gb, mm.load_s_per_gb)));
        }
        disk_cap_gb_ = mm.instance_disk_gb;
    }
}

// A 4-ary min-heap moved by holes (no swaps): shallower than a binary heap, and the four
// children of a node share a cache line or two.
void request_plane::push_completion(const detail::completion& c) {
    heap_.push_back(c);
    std::size_t i = heap_.size() - 1;
    while (i > 0) {
        const std::size_t parent = (i - 1) / 4;
        if (!later{}(heap_[parent], c)) {
            break;
        }
        heap_[i] = heap_[parent];
        i = parent;
    }
    heap_[i] = c;
}

detail::completion request_plane::pop_completion() {
    const detail::completion top = heap_.front();
    const detail::completion last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) {
        return top;
    }
    std::size_t i = 0;
    for (;;) {
        const std::size_t first = 4 * i + 1;
        if (first >= n) {
            break;
        }
        std::size_t best = first;
        const std::size_t stop = std::min(first + 4, n);
        for (std::size_t k = first + 1; k < stop; ++k) {
            if (later{}(heap_[best], heap_[k])) {
                best = k;
            }
        }
        if (!later{}(last, heap_[best])) {
            break;
        }
        heap_[i] = heap_[best];
        i = best;
    }
    heap_[i] = last;
    return top;
}

void request_plane::clock_to(time_ns t) noexcept {
    const auto dt = static_cast<double>(t - now_);
    span_area_system_ += dt * static_cast<double>(in_system_);
    span_area_busy_ += dt * static_cast<double>(busy_);
    span_area_workers_ += dt * static_cast<double>(worker_slots_);
    span_held_ += in_system_ > 0 ? dt : 0;
    span_area_loaded_ += dt * static_cast<double>(loaded_total_);
    now_ = t;
}

void request_plane::settle(detail::server& s, time_ns now) noexcept {
    const double dt = static_cast<double>(now - s.settled) * 1e-9;
    s.load.busy_s += dt * s.busy;
    s.load.workers_s += dt * workers_;
    s.load.in_system_s +=
        dt * static_cast<double>(static_cast<std::size_t>(s.busy) + s.queue.size());
    s.load.held_s += dt;
    s.settled = now;
}

void request_plane::sync(fleet& instances, time_ns now) {
    fleet_ = &instances;
    const auto& records = instances.instances();
    if (slot_of_.size() < records.size()) {
        slot_of_.resize(records.size(), -1);
    }
    // Instances that left service since the last span: drain them.
    for (std::size_t k = 0; k < active_.size();) {
        const std::uint32_t slot = active_[k];
        auto& s = servers_[slot];
        if (records[s.fleet_index].state == instance_state::in_service) {
            ++k;
            continue;
        }
        s.draining = true;
        ++draining_;
        if (multi_model_) {
            forget_models(slot);
        }
        active_.erase(active_.begin() + static_cast<std::ptrdiff_t>(k));
        active_load_.erase(active_load_.begin() + static_cast<std::ptrdiff_t>(k));
        position_[slot] = -1;
        index_active();
        if (s.busy == 0 && s.queue.empty()) {
            leave_server(slot, now);
        }
    }
    // Instances that entered service and were scaled in at the same instant never held a request.
    if (instances.draining() > draining_) {
        for (std::size_t idx = 0; idx < records.size(); ++idx) {
            if (records[idx].state == instance_state::draining && slot_of_[idx] == -1) {
                slot_of_[idx] = -2;
                instances.finish_draining(idx, now / ns_per_ms);
            }
        }
    }
    // Instances that entered service.
    for (std::size_t idx : instances.alive_indices()) {
        if (records[idx].state != instance_state::in_service || slot_of_[idx] != -1) {
            continue;
        }
        std::uint32_t slot;
        if (!free_slots_.empty()) {
            slot = free_slots_.back();
            free_slots_.pop_back();
        } else {
            slot = static_cast<std::uint32_t>(servers_.size());
            servers_.emplace_back();
        }
        auto& s = servers_[slot];
        s.busy = 0;
        s.queue.clear();
        s.fleet_index = idx;
        s.draining = false;
        s.live = true;
        s.load = {};
        s.settled = now;
        s.models.clear();
        s.used_gb = 0;
        s.on_disk.clear();
        s.disk_gb = 0;
        slot_of_[idx] = static_cast<std::int32_t>(slot);
        active_.push_back(slot);
        active_load_.push_back(0);
        if (position_.size() < servers_.size()) {
            position_.resize(servers_.size(), -1);
        }
        position_[slot] = static_cast<std::int32_t>(active_.size() - 1);
        worker_slots_ += workers_;
    }
    if (async_) {
        pull_from_queue(now);
    }
}

std::uint32_t request_plane::free_server() {
    // The first instance in service with a free worker, the scan starting one further each time
    // so that instances take turns.
    const std::size_t n = active_.size();
    if (n == 0) {
        return no_server;
    }
    rotate_ = rotate_ + 1 < n ? rotate_ + 1 : 0;
    for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = rotate_ + k < n ? rotate_ + k : rotate_ + k - n;
        if (servers_[active_[i]].busy < workers_) {
            return active_[i];
        }
    }
    return no_server;
}

void request_plane::pull_from_queue(time_ns now) {
    while (!central_.empty()) {
        const std::uint32_t slot = free_server();
        if (slot == no_server) {
            return;
        }
        take_from_queue(slot, now);
    }
}

void request_plane::note_routed(std::uint32_t slot, time_ns t) noexcept {
    if (keep_loads_) {
        settle(servers_[slot], t);
        servers_[slot].load.arrivals += 1;
    }
}

void request_plane::take_from_queue(std::uint32_t slot, time_ns now) {
    const detail::waiting w = central_.front();
    central_.pop_front();
    --queued_;
    note_routed(slot, now);
    start_service(slot, w.arrival, w.id, now);
}

void request_plane::leave_server(std::uint32_t slot, time_ns now) {
    auto& s = servers_[slot];
    if (keep_loads_) {
        settle(s, now);
        fleet_->load(s.fleet_index) = s.load;
    }
    s.live = false;
    s.models.clear();
    s.used_gb = 0;
    s.on_disk.clear();
    s.disk_gb = 0;
    worker_slots_ -= workers_;
    draining_ -= s.draining ? 1 : 0;
    slot_of_[s.fleet_index] = -2;
    free_slots_.push_back(slot);
    // Billing ends at the first millisecond by which the instance holds nothing.
    fleet_->finish_draining(s.fleet_index, (now + ns_per_ms - 1) / ns_per_ms);
}

std::uint32_t request_plane::route() {
    const std::size_t n = active_.size();
    if (!least_outstanding_) {
        if (n == 1) {
            return active_[0];
        }
        boost::random::uniform_int_distribution<std::size_t> pick(0, n - 1);
        return active_[pick(routing_engine_)];
    }
    // Fewest outstanding requests; the scan starts one further each time so ties rotate.
    rotate_ = rotate_ + 1 < n ? rotate_ + 1 : 0;
    const std::uint32_t* load = active_load_.data();
    std::size_t best = rotate_;
    std::uint32_t best_load = load[best];
    for (std::size_t k = rotate_ + 1; k < n && best_load > 0; ++k) {
        if (load[k] < best_load) {
            best = k;
            best_load = load[k];
        }
    }
    for (std::size_t k = 0; k < rotate_ && best_load > 0; ++k) {
        if (load[k] < best_load) {
            best = k;
            best_load = load[k];
        }
    }
    return active_[best];
}

void request_plane::index_active() {
    for (std::size_t k = 0; k < active_.size(); ++k) {
        position_[active_[k]] = static_cast<std::int32_t>(k);
    }
}

void request_plane::start_service(std::uint32_t slot, time_ns arrival, std::uint64_t id,
                                  time_ns now, std::uint16_t model) {
    ++servers_[slot].busy;
    ++busy_;
    ++totals_.started;
    if (now > arrival) {
        ++totals_.started_after_wait;
        totals_.wait_sum_s += static_cast<double>(now - arrival) * 1e-9;
    }
    time_ns service = service_(service_engine_);
    if (serverless_) {
        totals_.provisioned_compute_s += static_cast<double>(service) * 1e-9;
    }
    bool failed = false;
    if (async_ && service > processing_ns_) {
        service = processing_ns_; // processing stops at InvocationTimeoutSeconds: an error
        failed = true;
    }
    if (multi_model_) {
        service += acquire_model(slot, model, now); // the model's load comes first
    }
    push_completion({now + service, id, arrival, slot, model, failed});
}

// A serverless request no provisioned container takes: the most recently used warm container
// (the others age towards their release), or a new one after a cold start. Either way it is
// in service from now, and its wait is the cold start.
void request_plane::start_on_demand(time_ns t, std::uint64_t id) {
    if (!warm_.empty() && warm_.back() + keep_warm_ns_ < t) {
        warm_.clear(); // the newest has gone cold, so have the others
    }
    time_ns cold = 0;
    if (!warm_.empty()) {
        warm_.pop_back();
    } else {
        cold = cold_start_.sample_ms(cold_engine_) * ns_per_ms;
        ++totals_.cold_starts;
    }
    ++in_system_;
    ++on_demand_busy_;
    ++totals_.started;
    if (cold > 0) {
        ++totals_.started_after_wait;
        totals_.wait_sum_s += static_cast<double>(cold) * 1e-9;
    }
    const time_ns service = service_(service_engine_);
    totals_.on_demand_compute_s += static_cast<double>(service) * 1e-9;
    push_completion({t + cold + service, id, t, on_demand, 0, false});
}

// The instance in service that holds `model` with the fewest requests, when it has a free
// worker; else any instance with a free worker (which loads the model); else that holder, to
// queue at; else the endpoint's routing.
std::uint32_t request_plane::route_model(std::uint16_t model) {
    std::uint32_t best = no_server;
    std::size_t best_load = std::numeric_limits<std::size_t>::max();
    for (const std::uint32_t slot : holders_[model]) {
        const auto& s = servers_[slot];
        const std::size_t load = static_cast<std::size_t>(s.busy) + s.queue.size();
        if (load < best_load) {
            best = slot;
            best_load = load;
        }
    }
    if (best != no_server && servers_[best].busy < workers_) {
        return best;
    }
    const std::uint32_t free = free_server();
    if (free != no_server) {
        return free;
    }
    return best != no_server ? best : route();
}

// A request begins service on `slot` with model `m`: a hit when the model is loaded, else the
// wait for its load (in progress, or started now in place of the least recently used idle
// model when memory is full). Returns the wait.
time_ns request_plane::acquire_model(std::uint32_t slot, std::uint16_t m, time_ns now) {
    auto& s = servers_[slot];
    ++span_starts_;
    const auto waited = [&](time_ns wait) {
        ++totals_.load_waited;
        ++span_load_waited_;
        totals_.load_wait_sum_s += static_cast<double>(wait) * 1e-9;
        span_load_wait_s_ += static_cast<double>(wait) * 1e-9;
        return wait;
    };
    for (auto& c : s.models) {
        if (c.model != m) {
            continue;
        }
        ++c.users;
        c.last_used = now;
        if (c.ready_at <= now) {
            ++totals_.cache_hits;
            ++span_hits_;
            return 0;
        }
        return waited(c.ready_at - now);
    }
    // Least recently used idle models leave until the new one fits (1e-9 GB of slack: three
    // models of 0.1 GB fit in 0.3 GB, whatever floating point sums). With every model in use,
    // the load goes ahead: the memory holds more for a while.
    while (s.used_gb + model_gb_[m] > memory_gb_ + 1e-9) {
        std::size_t victim = s.models.size();
        for (std::size_t i = 0; i < s.models.size(); ++i) {
            const auto& c = s.models[i];
            if (c.users == 0 &&
                (victim == s.models.size() || c.last_used < s.models[victim].last_used)) {
                victim = i;
            }
        }
        if (victim == s.models.size()) {
            break;
        }
        drop_model(slot, victim);
    }
    const time_ns load = caching_ ? from_volume(slot, m, now) : model_load_ns_[m];
    s.models.push_back({m, 1, now + load, now});
    s.used_gb += model_gb_[m];
    if (!s.draining) {
        holders_[m].push_back(slot);
        ++loaded_total_;
    }
    ++totals_.model_loads;
    return waited(load);
}

// The time to load model `m` into the memory of `slot`: from its volume when it is there, else
// downloaded onto it (deleting the least recently used models not in memory that it would
// otherwise overflow) and loaded.
time_ns request_plane::from_volume(std::uint32_t slot, std::uint16_t m, time_ns now) {
    auto& s = servers_[slot];
    for (auto& d : s.on_disk) {
        if (d.model == m) {
            d.last_used = now;
            return model_reload_ns_[m];
        }
    }
    const auto in_memory = [&s](std::uint16_t model) {
        return std::any_of(s.models.begin(), s.models.end(),
                           [model](const detail::cached_model& c) { return c.model == model; });
    };
    while (disk_cap_gb_ > 0 && s.disk_gb + model_gb_[m] > disk_cap_gb_ + 1e-9) {
        std::size_t victim = s.on_disk.size();
        for (std::size_t i = 0; i < s.on_disk.size(); ++i) {
            const auto& d = s.on_disk[i];
            if (!in_memory(d.model) &&
                (victim == s.on_disk.size() || d.last_used < s.on_disk[victim].last_used)) {
                victim = i;
            }
        }
        if (victim == s.on_disk.size()) {
            break; // every model on it is in memory: the volume holds more for a while
        }
        s.disk_gb -= model_gb_[s.on_disk[victim].model];
        s.on_disk.erase(s.on_disk.begin() + static_cast<std::ptrdiff_t>(victim));
    }
    s.on_disk.push_back({m, 0, 0, now});
    s.disk_gb += model_gb_[m];
    return model_load_ns_[m];
}

// The request on `slot` with model `m` ends; without caching the model leaves when idle.
void request_plane::release_model(std::uint32_t slot, std::uint16_t m, time_ns now) {
    auto& models = servers_[slot].models;
    for (std::size_t i = 0; i < models.size(); ++i) {
        if (models[i].model == m) {
            --models[i].users;
            models[i].last_used = now;
            if (!caching_ && models[i].users == 0) {
                drop_model(slot, i);
            }
            return;
        }
    }
}

// Unloads the model at `index` of the instance's memory.
void request_plane::drop_model(std::uint32_t slot, std::size_t index) {
    auto& s = servers_[slot];
    if (!s.draining) {
        unhold(s.models[index].model, slot);
        --loaded_total_;
    }
    s.used_gb -= model_gb_[s.models[index].model];
    // On the volume, it was last used when it last was in memory (least recently used there).
    for (auto& d : s.on_disk) {
        if (d.model == s.models[index].model) {
            d.last_used = s.models[index].last_used;
        }
    }
    s.models.erase(s.models.begin() + static_cast<std::ptrdiff_t>(index));
}

void request_plane::unhold(std::uint16_t m, std::uint32_t slot) {
    auto& hs = holders_[m];
    for (std::size_t k = 0; k < hs.size(); ++k) {
        if (hs[k] == slot) {
            hs[k] = hs.back();
            hs.pop_back();
            return;
        }
    }
}

// The instance stops receiving requests: routing forgets its models, and LoadedModelCount
// counts the instances in service only. It keeps them for the requests it still holds.
void request_plane::forget_models(std::uint32_t slot) {
    for (const auto& c : servers_[slot].models) {
        unhold(c.model, slot);
    }
    loaded_total_ -= static_cast<std::int64_t>(servers_[slot].models.size());
}

// The cumulative shares of the models' counts in t's interval (interval_cdf_); false when that
// interval's counts are all 0 (the models' shares apply then).
bool request_plane::interval_cdf(time_ns t) {
    const auto& counts = *model_counts_;
    const auto last = static_cast<std::int64_t>(counts.front().size()) - 1;
    const std::int64_t i = std::min(t / interval_ns_, last);
    if (i != cdf_interval_) {
        cdf_interval_ = i;
        interval_cdf_.assign(model_cdf_.size(), 0.0);
        double sum = 0;
        for (std::size_t k = 0; k < interval_cdf_.size(); ++k) {
            sum += k < counts.size() ? counts[k][static_cast<std::size_t>(i)] : 0.0;
            interval_cdf_[k] = sum;
        }
        if (sum > 0) {
            for (double& c : interval_cdf_) {
                c /= sum;
            }
            interval_cdf_.back() = 1;
        } else {
            interval_cdf_.clear();
        }
    }
    return !interval_cdf_.empty();
}

void request_plane::arrive(time_ns t) {
    ++totals_.arrivals;
    ++span_arrivals_;
    const std::uint64_t id = next_id_++;
    next_arrival_ = source_.next();
    std::uint16_t model = 0;
    if (multi_model_ && !model_log_->empty()) {
        model = static_cast<std::uint16_t>((*model_log_)[id]); // ids count the logged requests
    } else if (multi_model_) {
        boost::random::uniform_01<double> unit;
        const double u = unit(model_engine_);
        const std::vector<double>* cdf = &model_cdf_;
        if (!model_counts_->empty() && interval_cdf(t)) {
            cdf = &interval_cdf_;
        }
        model = static_cast<std::uint16_t>(std::upper_bound(cdf->begin(), cdf->end() - 1, u) -
                                           cdf->begin());
    }
    admit(t, id, t, 1, model);
}

// A refused attempt is retried after the client's back-off: retry k (after attempt k) waits
// U[0, min(cap, base 2^(k-1))] s, the SDKs' standard mode (botocore's ExponentialBackoff: the
// first retry within [0, 1] s); false when the client has no attempt left.
bool request_plane::refuse(time_ns t, std::uint64_t id, time_ns origin, int attempt,
                           std::uint16_t model) {
    if (attempt >= max_attempts_) {
        if (!origins_.empty()) {
            origins_.erase(id);
        }
        return false;
    }
    const double cap = std::min(max_backoff_s_, backoff_base_s_ * std::ldexp(1.0, attempt - 1));
    boost::random::uniform_01<double> unit;
    const double wait_s = cap * unit(retry_engine_);
    if (attempt == 1) {
        origins_.emplace(id, origin);
    }
    retries_.push_back({t + detail::to_ns(wait_s), id, origin, attempt + 1, model});
    std::push_heap(retries_.begin(), retries_.end(), later{});
    return true;
}

void request_plane::retry() {
    std::pop_heap(retries_.begin(), retries_.end(), later{});
    const detail::retry_attempt r = retries_.back();
    retries_.pop_back();
    ++totals_.retries;
    ++span_retries_;
    admit(r.at, r.id, r.origin, r.attempt, r.model);
}

time_ns request_plane::origin_of(std::uint64_t id, time_ns attempt) {
    if (origins_.empty()) {
        return attempt;
    }
    const auto it = origins_.find(id);
    if (it == origins_.end()) {
        return attempt;
    }
    const time_ns origin = it->second;
    origins_.erase(it);
    return origin;
}

void request_plane::count_waiting(time_ns t) {
    if (++queued_ <= max_waiting_) {
        return;
    }
    char at[32];
    std::snprintf(at, sizeof at, "%.3f", static_cast<double>(t) * 1e-9);
    throw config_error(in_field("mode"),
                       "the request mode holds every waiting request in memory, and more than " +
                           std::to_string(max_waiting_) + " wait at once at " + at +
                           " s of the trace: the fleet serves far less than its traffic. The "
                           "fluid mode (\"mode\": \"fluid\") models such an overload without "
                           "holding requests; " +
                           (async_ ? "a shorter endpoint.request_ttl_s expires waiting requests "
                                     "sooner"
                                   : "endpoint.max_queue bounds each instance's queue"));
}

void request_plane::admit(time_ns t, std::uint64_t id, time_ns origin, int attempt,
                          std::uint16_t model) {
    if (async_) {
        ++in_system_;
        const std::uint32_t free = central_.empty() ? free_server() : no_server;
        if (free == no_server) {
            count_waiting(t);
            central_.push_back({t, id, 0});
            return;
        }
        note_routed(free, t);
        start_service(free, t, id, t);
        return;
    }
    if (serverless_) {
        const std::uint32_t free = free_server(); // provisioned concurrency first
        if (free != no_server) {
            ++in_system_;
            note_routed(free, t);
            start_service(free, t, id, t);
        } else if (busy_ + on_demand_busy_ >= max_concurrency_) {
            if (!refuse(t, id, origin, attempt, model)) {
                ++totals_.throttled;
                ++span_errors_;
            }
        } else {
            start_on_demand(t, id);
        }
        return;
    }
    if (active_.empty()) {
        if (refuse(t, id, origin, attempt, model)) {
            return;
        }
        ++totals_.rejected;
        ++span_errors_;
        return;
    }
    const std::uint32_t slot = multi_model_ ? route_model(model) : route();
    auto& s = servers_[slot];
    note_routed(slot, t);
    if (s.busy < workers_) {
        ++in_system_;
        count_outstanding(slot, 1);
        start_service(slot, t, id, t, model);
        return;
    }
    if (max_queue_ && s.queue.size() >= static_cast<std::size_t>(*max_queue_)) {
        if (refuse(t, id, origin, attempt, model)) {
            return;
        }
        ++totals_.throttled;
        ++span_errors_;
        return;
    }
    ++in_system_;
    count_waiting(t);
    count_outstanding(slot, 1);
    s.queue.push_back({t, id, model});
    waiting_.push_back({t, id, slot});
}

// Counts a request that completed at t: served, or late (an error); `s` is its server, if any.
void request_plane::finish_request(const detail::completion& c, time_ns t, detail::server* s) {
    const time_ns attempt = t - c.arrival;
    totals_.sojourn_sum_s += static_cast<double>(attempt) * 1e-9;
    // What the client sees runs from its first attempt (a retried request's is earlier).
    const time_ns latency = t - origin_of(c.id, c.arrival);
    const double latency_s = static_cast<double>(latency) * 1e-9;
    if (async_ ? c.failed : attempt > timeout_ns_) {
        ++totals_.late;
        ++span_errors_;
        return;
    }
    ++totals_.served;
    ++span_served_;
    totals_.latency_sum_s += latency_s;
    span_latency_s_ += latency_s;
    span_attempt_latency_s_ += static_cast<double>(attempt) * 1e-9;
    totals_.within_slo += latency <= slo_ns_ ? 1U : 0U;
    if (keep_loads_ && s != nullptr) {
        s->load.served += 1;
        s->load.latency_sum_s += latency_s;
    }
    run_latency_.add(latency);
    step_latency_.add(latency);
}

void request_plane::complete(time_ns t) {
    const detail::completion c = pop_completion();
    if (c.slot == on_demand) {
        --on_demand_busy_;
        --in_system_;
        warm_.push_back(t); // idle and warm from now
        finish_request(c, t, nullptr);
        return;
    }
    auto& s = servers_[c.slot];
    if (keep_loads_) {
        settle(s, t);
    }
    --s.busy;
    --busy_;
    --in_system_;
    count_outstanding(c.slot, -1);
    if (multi_model_) {
        release_model(c.slot, c.model, t);
    }
    finish_request(c, t, &s);
    if (!s.queue.empty()) {
        const detail::waiting w = s.queue.front();
        s.queue.pop_front();
        --queued_;
        start_service(c.slot, w.arrival, w.id, t, w.model);
    } else if (async_ && !s.draining && !central_.empty()) {
        take_from_queue(c.slot, t);
    } else if (s.draining && s.busy == 0) {
        leave_server(c.slot, t);
    }
}

void request_plane::time_out() {
    const detail::waiting_ref w = waiting_.front();
    waiting_.pop_front();
    auto& s = servers_[w.slot];
    if (keep_loads_) {
        settle(s, now_);
    }
    s.queue.pop_front(); // the oldest waiting request of its server is the oldest of all
    --queued_;
    if (!origins_.empty()) {
        origins_.erase(w.id);
    }
    --in_system_;
    count_outstanding(w.slot, -1);
    ++totals_.timed_out;
    ++span_errors_;
    totals_.sojourn_sum_s += static_cast<double>(timeout_ns_) * 1e-9;
    if (s.draining && s.busy == 0 && s.queue.empty()) {
        leave_server(w.slot, w.arrival + timeout_ns_);
    }
}

void request_plane::expire() {
    central_.pop_front();
    --queued_;
    --in_system_;
    ++totals_.timed_out;
    ++span_errors_;
    totals_.sojourn_sum_s += static_cast<double>(timeout_ns_) * 1e-9;
}

span_outcome request_plane::advance(time_ms t0_ms, time_ms t1_ms, fleet& instances) {
    const time_ns start = t0_ms * ns_per_ms;
    const time_ns end = t1_ms * ns_per_ms;
    span_area_system_ = span_area_busy_ = span_area_workers_ = span_latency_s_ = span_held_ = 0;
    span_attempt_latency_s_ = 0;
    span_arrivals_ = span_served_ = span_errors_ = span_retries_ = 0;
    span_area_loaded_ = span_load_wait_s_ = 0;
    span_hits_ = span_starts_ = span_load_waited_ = 0;
    now_ = start;
    sync(instances, start);

    for (;;) {
        // Drop queue references whose request already began service.
        while (!waiting_.empty()) {
            const auto& w = waiting_.front();
            const auto& q = servers_[w.slot].queue;
            if (!q.empty() && q.front().id == w.id) {
                break;
            }
            waiting_.pop_front();
        }
        const time_ns tc = heap_.empty() ? never : heap_.front().at;
        time_ns tt = waiting_.empty() ? never : waiting_.front().arrival + timeout_ns_;
        const time_ns te = central_.empty() ? never : central_.front().arrival + timeout_ns_;
        tt = std::min(tt, te);
        const time_ns tr = retries_.empty() ? never : retries_.front().at;
        const time_ns t = std::min({tc, tt, tr, next_arrival_, next_sample_});
        if (t >= end) {
            break;
        }
        clock_to(t);
        if (tc == t) {
            complete(t);
        } else if (te == t) {
            expire();
        } else if (tt == t) {
            time_out();
        } else if (tr == t) {
            retry();
        } else if (next_arrival_ == t) {
            arrive(t);
        } else {
            samples_.push_back(
                {t / ns_per_ms, static_cast<int>(in_system_), static_cast<int>(active_.size())});
            next_sample_ += concurrency_period_ms * ns_per_ms;
        }
    }
    clock_to(end);

    const double area_scale = 1e-9;
    totals_.area_request_s += span_area_system_ * area_scale;
    span_outcome out;
    const auto span = static_cast<double>(end - start);
    out.arrivals = static_cast<double>(span_arrivals_);
    out.served = static_cast<double>(span_served_);
    out.errors = static_cast<double>(span_errors_);
    if (span > 0) {
        out.in_system = span_area_system_ / span;
        out.busy = span_area_busy_ / span;
        out.workers = span_area_workers_ / span;
    }
    out.latency_sum_s = span_latency_s_;
    out.attempt_latency_sum_s = span_attempt_latency_s_;
    out.queued_end = static_cast<double>(queued_);
    out.held_share = span > 0 ? span_held_ / span : 0;
    out.retries = static_cast<double>(span_retries_);
    out.model_starts = static_cast<double>(span_starts_);
    out.model_hits = static_cast<double>(span_hits_);
    out.model_waited = static_cast<double>(span_load_waited_);
    out.model_wait_sum_s = span_load_wait_s_;
    out.models_loaded = span > 0 ? span_area_loaded_ / span : 0;
    if (keep_loads_) {
        for (auto& s : servers_) {
            if (s.live) {
                settle(s, end);
                instances.load(s.fleet_index) = s.load;
            }
        }
    }
    fleet_ = nullptr;
    return out;
}

} // namespace autoscalesim
