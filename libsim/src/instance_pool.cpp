#include "autoscalesim/instance_pool.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <utility>

namespace autoscalesim {

namespace {

constexpr double room_tolerance = 1e-9; // shares are sums of 1/k

instance_pool::component only_component(const inference_component_config& config, int copies) {
    instance_pool::component c;
    const double share = 1.0 / config.copies_per_instance;
    c.need = {share, share, share};
    c.copy_startup = config.copy_startup;
    c.cached_copy_startup = config.cached_copy_startup;
    c.initial_copies = copies;
    return c;
}

} // namespace

instance_pool::instance_pool(const inference_component_config& config, int initial_copies,
                             std::uint64_t seed)
    : instance_pool(config, {only_component(config, initial_copies)}, seed) {}

instance_pool::instance_pool(const inference_component_config& instances,
                             std::vector<component> components, std::uint64_t seed)
    : config_(instances), components_(std::move(components)), host_(components_.size()),
      present_(components_.size()), held_(components_.size(), 0), pending_(components_.size()),
      placed_(components_.size()), engine_(make_engine(seed, rng_stream::consolidation)) {
    // The initial copies, first fit in launch order, component by component; all in service.
    for (std::size_t c = 0; c < components_.size(); ++c) {
        for (int k = 0; k < components_[c].initial_copies; ++k) {
            std::size_t i = 0;
            while (i < instances_.size() && !fits(instances_[i].used, c)) {
                ++i;
            }
            if (i == instances_.size()) {
                instances_.push_back({.holds = std::vector<char>(components_.size(), 0)});
                live_.push_back(i);
            }
            host_[c].push_back(i);
            present_[c].push_back(1);
            ++held_[c];
            ++instances_[i].copies;
            take(instances_[i].used, c);
            instances_[i].cached = true;
            instances_[i].holds[c] = 1;
        }
    }
    while (alive() < config_.min_instances) {
        instances_.push_back({.holds = std::vector<char>(components_.size(), 0)});
        live_.push_back(instances_.size() - 1);
    }
}

bool instance_pool::fits(const std::array<double, 3>& used, std::size_t comp) const {
    const auto& need = components_[comp].need;
    for (std::size_t r = 0; r < need.size(); ++r) {
        if (used[r] + need[r] > 1 + room_tolerance) {
            return false;
        }
    }
    return true;
}

void instance_pool::take(std::array<double, 3>& used, std::size_t comp) const {
    const auto& need = components_[comp].need;
    for (std::size_t r = 0; r < need.size(); ++r) {
        used[r] += need[r];
    }
}

// The best instance with room for a copy of `comp`: in service and holding the model, then in
// service, then the starting one ready first; the oldest among equals.
std::size_t instance_pool::best_host(time_ms now, std::size_t comp, std::size_t except) const {
    std::size_t best = nowhere;
    auto rank = [&](const instance& in) {
        if (in.ready_ms <= now) {
            return in.holds[comp] != 0 ? 0 : 1;
        }
        return 2;
    };
    for (const std::size_t i : live_) {
        const instance& in = instances_[i];
        if (i == except || in.leaving_ms >= 0 || !fits(in.used, comp)) {
            continue;
        }
        if (best == nowhere || rank(in) < rank(instances_[best]) ||
            (rank(in) == 2 && rank(instances_[best]) == 2 &&
             in.ready_ms < instances_[best].ready_ms)) {
            best = i;
        }
    }
    return best;
}

std::size_t instance_pool::add_instance(time_ms now, const startup_distribution& instance_startup,
                                        rng_engine& engine) {
    instance in;
    in.launch_ms = now;
    in.ready_ms = now + instance_startup.sample_ms(engine);
    in.holds.assign(components_.size(), 0);
    instances_.push_back(std::move(in));
    live_.push_back(instances_.size() - 1);
    return instances_.size() - 1;
}

time_ms instance_pool::copy_ready(time_ms now, std::size_t comp, std::size_t i,
                                  rng_engine& engine) const {
    const instance& in = instances_[i];
    const component& c = components_[comp];
    if (in.ready_ms <= now) {
        return now +
               (in.holds[comp] != 0 ? c.cached_copy_startup : c.copy_startup).sample_ms(engine);
    }
    return in.ready_ms + c.copy_startup.sample_ms(engine);
}

void instance_pool::host(std::size_t comp, std::size_t copy, std::size_t i) {
    instance& in = instances_[i];
    ++in.copies;
    take(in.used, comp);
    in.cached = true;
    in.holds[comp] = 1;
    host_[comp][copy] = i;
}

time_ms instance_pool::place(time_ms now, std::size_t comp, std::size_t copy,
                             const startup_distribution& instance_startup, rng_engine& engine) {
    if (host_[comp].size() <= copy) {
        host_[comp].resize(copy + 1, nowhere);
        present_[comp].resize(copy + 1, 0);
    }
    present_[comp][copy] = 1;
    ++held_[comp];
    last_operation_ms_ = now;
    std::size_t best = best_host(now, comp, nowhere);
    if (best == nowhere) {
        if (alive() >= config_.max_instances) {
            pending_[comp].push_back(copy);
            return pending;
        }
        best = add_instance(now, instance_startup, engine);
    }
    const time_ms ready = copy_ready(now, comp, best, engine);
    host(comp, copy, best);
    return ready;
}

std::vector<std::pair<std::size_t, time_ms>> instance_pool::take_placed(std::size_t comp) {
    std::vector<std::pair<std::size_t, time_ms>> out;
    out.swap(placed_[comp]);
    return out;
}

void instance_pool::recount() {
    for (auto& in : instances_) {
        in.copies = 0;
        in.used = {};
    }
    for (std::size_t c = 0; c < components_.size(); ++c) {
        for (std::size_t k = 0; k < host_[c].size(); ++k) {
            if (present_[c][k] != 0 && host_[c][k] != nowhere) {
                ++instances_[host_[c][k]].copies;
                take(instances_[host_[c][k]].used, c);
            }
        }
    }
}

void instance_pool::update(time_ms now, std::size_t comp, const fleet& copies,
                           const startup_distribution& instance_startup, rng_engine& engine) {
    // Copies only leave here (place() counts the new ones): resynchronise when the fleet holds
    // fewer.
    released_now_.clear();
    const int held = copies.alive() + copies.draining();
    const bool left = held != held_[comp];
    if (left) {
        const auto& records = copies.instances();
        for (std::size_t k = 0; k < present_[comp].size(); ++k) {
            if (present_[comp][k] != 0 && records[k].state == instance_state::terminated) {
                present_[comp][k] = 0;
                if (host_[comp][k] == nowhere) {
                    auto& p = pending_[comp];
                    p.erase(std::find(p.begin(), p.end(), k));
                } else {
                    time_ms& emptied = instances_[host_[comp][k]].emptied_ms;
                    emptied = std::max(emptied, records[k].terminated_ms);
                }
                host_[comp][k] = nowhere;
            }
        }
        held_[comp] = held;
        recount();
        last_operation_ms_ = now;
    }
    end_moves(now);
    place_pending(now, instance_startup, engine);
    if (config_.scale_in == instance_scale_in::idle_release) {
        if (left) {
            int unlimited = std::numeric_limits<int>::max();
            release_idle(now, unlimited, /*when_emptied=*/true);
        }
        return;
    }
    if (static_cast<double>(now - last_operation_ms_) >= config_.cooldown_min * 60'000.0) {
        int budget = config_.max_step_size;
        release_idle(now, budget);
        if (budget > 0 && (last_operation_ms_ != checked_op_ms_ || now >= recheck_ms_)) {
            consolidate(now, budget);
        }
    }
}

void instance_pool::place_pending(time_ms now, const startup_distribution& instance_startup,
                                  rng_engine& engine) {
    for (std::size_t c = 0; c < components_.size(); ++c) {
        auto& waiting = pending_[c];
        while (!waiting.empty()) {
            std::size_t best = best_host(now, c, nowhere);
            if (best == nowhere) {
                if (alive() >= config_.max_instances) {
                    break;
                }
                best = add_instance(now, instance_startup, engine);
            }
            const std::size_t copy = waiting.front();
            waiting.erase(waiting.begin());
            const time_ms ready = copy_ready(now, c, best, engine);
            host(c, copy, best);
            placed_[c].emplace_back(copy, ready);
            last_operation_ms_ = now;
        }
    }
}

void instance_pool::end_moves(time_ms now) {
    for (std::size_t k = live_.size(); k-- > 0;) {
        const time_ms leaving = instances_[live_[k]].leaving_ms;
        if (leaving >= 0 && leaving <= now) {
            release(k, leaving);
        }
    }
}

void instance_pool::release(std::size_t k, time_ms at) {
    instances_[live_[k]].released_ms = at;
    released_now_.push_back(live_[k]);
    live_.erase(live_.begin() + static_cast<std::ptrdiff_t>(k));
    last_operation_ms_ = std::max(last_operation_ms_, at);
}

int instance_pool::staying() const {
    int n = 0;
    for (const std::size_t i : live_) {
        n += instances_[i].leaving_ms < 0 ? 1 : 0;
    }
    return n;
}

void instance_pool::release_idle(time_ms now, int& budget, bool when_emptied) {
    // Newest first, down to MinInstanceCount.
    for (std::size_t k = live_.size();
         k-- > 0 && budget > 0 && staying() > config_.min_instances;) {
        const instance& in = instances_[live_[k]];
        if (in.copies == 0 && in.leaving_ms < 0) {
            // A copy drained in the request mode ended within the step before `now`, when the
            // instance emptied: billed to then, as an instance released at once.
            release(k, when_emptied && in.emptied_ms >= 0 ? std::min(in.emptied_ms, now) : now);
            --budget;
        }
    }
}

void instance_pool::consolidate(time_ms now, int& budget) {
    // Newest first: an instance in service whose copies all fit on the other instances in
    // service that hold copies (which stay), first fit by the placement ranking.
    for (std::size_t k = live_.size();
         k-- > 0 && budget > 0 && staying() > config_.min_instances;) {
        const std::size_t s = live_[k];
        if (instances_[s].leaving_ms >= 0 || instances_[s].copies == 0 ||
            instances_[s].ready_ms > now) {
            continue;
        }
        // The copies on s, and a trial placement on the shares the others have now.
        std::vector<std::pair<std::size_t, std::size_t>> moving; // (component, copy)
        for (std::size_t c = 0; c < components_.size(); ++c) {
            for (std::size_t j = 0; j < host_[c].size(); ++j) {
                if (present_[c][j] != 0 && host_[c][j] == s) {
                    moving.emplace_back(c, j);
                }
            }
        }
        std::vector<std::array<double, 3>> used(instances_.size());
        for (const std::size_t i : live_) {
            used[i] = instances_[i].used;
        }
        std::vector<std::size_t> target(moving.size(), nowhere);
        bool all = true;
        for (std::size_t m = 0; m < moving.size() && all; ++m) {
            const std::size_t c = moving[m].first;
            for (const int want_cached : {1, 0}) {
                for (const std::size_t i : live_) {
                    const instance& in = instances_[i];
                    if (target[m] == nowhere && i != s && in.leaving_ms < 0 && in.copies > 0 &&
                        in.ready_ms <= now && (in.holds[c] != 0) == (want_cached == 1) &&
                        fits(used[i], c)) {
                        target[m] = i;
                        take(used[i], c);
                    }
                }
            }
            all = target[m] != nowhere;
        }
        if (!all) {
            continue;
        }
        time_ms leaving = now;
        for (std::size_t m = 0; m < moving.size(); ++m) {
            const auto [c, copy] = moving[m];
            leaving = std::max(leaving, copy_ready(now, c, target[m], engine_));
            host(c, copy, target[m]);
        }
        instances_[s].copies = 0;
        instances_[s].used = {};
        instances_[s].leaving_ms = leaving;
        moves_ += static_cast<int>(moving.size());
        last_operation_ms_ = now;
        --budget;
    }
    if (budget == 0 || last_operation_ms_ == now) {
        return; // more may move once the cooldown has passed again
    }
    // Nothing changes the answer until another operation or an instance entering service.
    checked_op_ms_ = last_operation_ms_;
    recheck_ms_ = std::numeric_limits<time_ms>::max();
    for (const std::size_t i : live_) {
        if (instances_[i].ready_ms > now) {
            recheck_ms_ = std::min(recheck_ms_, instances_[i].ready_ms);
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

double instance_pool::in_service_ms(time_ms from, time_ms to) const noexcept {
    double ms = 0;
    auto add = [&](const instance& in) {
        if (in.ready_ms <= from) {
            const time_ms stop = in.released_ms >= 0 ? std::min(to, in.released_ms) : to;
            ms += static_cast<double>(std::max<time_ms>(0, stop - from));
        }
    };
    for (const std::size_t i : live_) {
        add(instances_[i]);
    }
    for (const std::size_t i : released_now_) {
        add(instances_[i]);
    }
    return ms;
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
