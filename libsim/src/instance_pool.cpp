#include "autoscalesim/instance_pool.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>

namespace autoscalesim {

instance_pool::instance_pool(const inference_component_config& config, int initial_copies)
    : config_(config) {
    const int per = config_.copies_per_instance;
    const int needed = std::max(config_.min_instances, (initial_copies + per - 1) / per);
    instances_.resize(static_cast<std::size_t>(needed));
    for (std::size_t i = 0; i < instances_.size(); ++i) {
        live_.push_back(i);
    }
    held_ = initial_copies;
    for (int c = 0; c < initial_copies; ++c) {
        const auto i = static_cast<std::size_t>(c / per);
        ++instances_[i].copies;
        instances_[i].cached = true;
        host_.push_back(i);
    }
}

time_ms instance_pool::place(time_ms now, std::size_t copy,
                             const startup_distribution& instance_startup, rng_engine& engine) {
    // The best free slot: in service and holding the model, then in service, then the starting
    // instance ready first.
    std::size_t best = instances_.size();
    auto rank = [&](const instance& in) {
        if (in.ready_ms <= now) {
            return in.cached ? 0 : 1;
        }
        return 2;
    };
    for (const std::size_t i : live_) {
        const instance& in = instances_[i];
        if (in.copies >= config_.copies_per_instance) {
            continue;
        }
        if (best == instances_.size() || rank(in) < rank(instances_[best]) ||
            (rank(in) == 2 && rank(instances_[best]) == 2 &&
             in.ready_ms < instances_[best].ready_ms)) {
            best = i;
        }
    }
    time_ms ready = 0;
    if (best < instances_.size()) {
        instance& in = instances_[best];
        if (in.ready_ms <= now) {
            const auto& load = in.cached ? config_.cached_copy_startup : config_.copy_startup;
            ready = now + load.sample_ms(engine);
        } else {
            ready = in.ready_ms + config_.copy_startup.sample_ms(engine);
        }
    } else {
        // No free slot: a new instance (scenario::validate keeps the copies within
        // MaxInstanceCount x copies_per_instance, so there is always room for one).
        instance in;
        in.launch_ms = now;
        in.ready_ms = now + instance_startup.sample_ms(engine);
        instances_.push_back(in);
        best = instances_.size() - 1;
        live_.push_back(best);
        ready = instances_[best].ready_ms + config_.copy_startup.sample_ms(engine);
    }
    ++instances_[best].copies;
    ++held_;
    instances_[best].cached = true;
    if (host_.size() <= copy) {
        host_.resize(copy + 1, 0);
    }
    host_[copy] = best;
    last_operation_ms_ = now;
    return ready;
}

void instance_pool::recount(const fleet& copies) {
    for (auto& in : instances_) {
        in.copies = 0;
    }
    for (const std::size_t c : copies.pod_indices()) {
        ++instances_[host_[c]].copies;
    }
}

void instance_pool::update(time_ms now, const fleet& copies) {
    // Copies only leave here (place() counts the new ones): recount when the fleet holds fewer.
    const int held = copies.alive() + copies.draining();
    if (held != held_) {
        recount(copies);
        held_ = held;
        last_operation_ms_ = now;
    } else if (config_.scale_in == instance_scale_in::idle_release) {
        return; // nothing left an instance since the last release
    }
    // IDLE_RELEASE frees every idle instance at once. CONSOLIDATION, with one component whose
    // copies stay packed (the fleet removes the newest copy first, which sits on the newest
    // instance), frees only idle instances too: after its cooldown, MaximumStepSize at a time.
    if (config_.scale_in == instance_scale_in::idle_release) {
        release_idle(now, std::numeric_limits<int>::max());
    } else if (static_cast<double>(now - last_operation_ms_) >= config_.cooldown_min * 60'000.0) {
        release_idle(now, config_.max_step_size);
    }
}

void instance_pool::release(std::size_t k, time_ms now) {
    instances_[live_[k]].released_ms = now;
    live_.erase(live_.begin() + static_cast<std::ptrdiff_t>(k));
    last_operation_ms_ = now;
}

void instance_pool::release_idle(time_ms now, int at_most) {
    // Newest first, down to MinInstanceCount.
    int freed = 0;
    for (std::size_t k = live_.size();
         k-- > 0 && freed < at_most && alive() > config_.min_instances;) {
        if (instances_[live_[k]].copies == 0) {
            release(k, now);
            ++freed;
        }
    }
}

int instance_pool::in_service(time_ms now) const noexcept {
    int n = 0;
    for (const std::size_t i : live_) {
        n += instances_[i].ready_ms <= now ? 1 : 0;
    }
    return n;
}

double instance_pool::billed_ms(time_ms end) const {
    double ms = 0;
    for (const auto& in : instances_) {
        const time_ms stop = in.released_ms >= 0 ? in.released_ms : end;
        ms += static_cast<double>(std::max<time_ms>(0, stop - in.launch_ms));
    }
    return ms;
}

} // namespace autoscalesim
